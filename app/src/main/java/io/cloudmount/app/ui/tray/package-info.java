/**
 * The tray icon: the menu is data ({@link io.cloudmount.app.ui.tray.TrayMenuItem}, built by
 * {@link io.cloudmount.app.ui.tray.TrayMenuBuilder} from the drives) shown through AWT's SystemTray
 * ({@link io.cloudmount.app.ui.tray.AwtTray}); the icon marks uploads and errors.
 */
package io.cloudmount.app.ui.tray;
