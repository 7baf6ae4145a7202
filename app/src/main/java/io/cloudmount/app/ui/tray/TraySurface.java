package io.cloudmount.app.ui.tray;

import java.util.List;

/** Where the tray menu, icon and notifications appear: {@link AwtTray}, or a recording fake in tests. */
public interface TraySurface {
    void update(List<TrayMenuItem> items, TrayIconState state, String tooltip);

    void notify(String caption, String text, boolean error);
}
