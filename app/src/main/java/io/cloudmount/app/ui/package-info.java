/**
 * The tray app's shell: {@link io.cloudmount.app.ui.CloudMountApp} starts it (one instance per
 * user, {@link io.cloudmount.app.ui.SingleInstance}), {@link io.cloudmount.app.ui.AppContext} wires the
 * windows (one package each: drives, editor, settings, about), the tray and the services and carries
 * out the user's actions. Window code runs on the FX thread only; mount work never does.
 */
package io.cloudmount.app.ui;
