/**
 * The configuration shared by the app and the CLI: {@code config.json} in the user's config folder
 * ({@link io.cloudmount.app.config.AppPaths}), versioned and written atomically
 * ({@link io.cloudmount.app.config.ConfigStore}), and its observable, self-saving form for the UI
 * ({@link io.cloudmount.app.config.Settings} + {@link io.cloudmount.app.config.DebouncedSaver}).
 * Secrets are never in it.
 */
package io.cloudmount.app.config;
