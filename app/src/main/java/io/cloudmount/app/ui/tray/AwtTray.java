package io.cloudmount.app.ui.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows {@link TrayMenuItem}s in the AWT system tray (the usual JavaFX companion: JavaFX has no tray
 * of its own). AWT calls happen on the AWT event thread; menu actions are handed to {@code fx}.
 */
public final class AwtTray implements TraySurface, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final Executor fx;
    private final Runnable onActivate;
    private volatile TrayIcon icon;

    /** @param onActivate what a click (double-click on some desktops) on the icon does: show the window */
    public AwtTray(Executor fx, Runnable onActivate) {
        this.fx = fx;
        this.onActivate = onActivate;
    }

    public static boolean isSupported() {
        try {
            return SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Adds the icon; false (and a log line) when this desktop has no tray. Blocks until AWT has done it. */
    public boolean install() {
        if (!isSupported()) {
            LOG.warn("This desktop has no system tray: closing the CloudMount window will quit the app");
            return false;
        }
        try {
            EventQueue.invokeAndWait(() -> {
                SystemTray tray = SystemTray.getSystemTray();
                int size = Math.max(16, tray.getTrayIconSize().height);
                TrayIcon created = new TrayIcon(TrayIconImages.draw(size, TrayIconState.IDLE), "CloudMount");
                created.setImageAutoSize(true);
                created.addActionListener(event -> fx.execute(onActivate));
                try {
                    tray.add(created);
                    icon = created;
                } catch (AWTException e) {
                    LOG.warn("The system tray refused the CloudMount icon: {}", e.getMessage());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.warn("Could not add the tray icon", e.getCause());
        }
        return icon != null;
    }

    public boolean isInstalled() {
        return icon != null;
    }

    /** The AWT icon, for tests that check it is in the tray. */
    public TrayIcon icon() {
        return icon;
    }

    @Override
    public void update(List<TrayMenuItem> items, TrayIconState state, String tooltip) {
        TrayIcon current = icon;
        if (current == null) {
            return;
        }
        EventQueue.invokeLater(() -> {
            PopupMenu menu = new PopupMenu();
            items.forEach(item -> add(menu, item));
            current.setPopupMenu(menu);
            current.setImage(TrayIconImages.draw(Math.max(16, current.getSize().height), state));
            current.setToolTip(tooltip);
        });
    }

    @Override
    public void notify(String caption, String text, boolean error) {
        TrayIcon current = icon;
        if (current != null) {
            EventQueue.invokeLater(() -> current.displayMessage(caption, text,
                    error ? TrayIcon.MessageType.ERROR : TrayIcon.MessageType.INFO));
        }
    }

    private void add(Menu menu, TrayMenuItem item) {
        if (item instanceof TrayMenuItem.Action action) {
            MenuItem entry = new MenuItem(action.label());
            entry.setEnabled(action.enabled());
            entry.addActionListener(event -> fx.execute(action.action()));
            menu.add(entry);
        } else if (item instanceof TrayMenuItem.SubMenu sub) {
            Menu submenu = new Menu(sub.label());
            sub.items().forEach(child -> add(submenu, child));
            menu.add(submenu);
        } else {
            menu.addSeparator();
        }
    }

    @Override
    public void close() {
        TrayIcon current = icon;
        icon = null;
        if (current != null) {
            EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(current));
        }
    }
}
