package io.cloudmount.app.ui.common;

/**
 * What the user can ask of the app, from the window, the tray or a second launch. Windows and the
 * tray only delegate here; the app shell decides how (threads, dialogs, confirmations).
 */
public interface AppActions {
    void addDrive();

    void addDemoDrive();

    void editDrive(String id);

    void removeDrive(String id);

    void mount(String id);

    void unmount(String id);

    /** Opens the mounted drive in the file manager. */
    void open(String id);

    void showWindow();

    void showSettings();

    void showAbout();

    /** Quits, asking first if uploads are pending. */
    void quit();
}
