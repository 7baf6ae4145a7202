/** The settings window: cache, start at login, log level and folder, where secrets are kept. */
package io.cloudmount.app.ui.settings;
