package io.cloudmount.app.ui.tray;

import java.util.List;

/** The tray menu as immutable data: built from drive state, then shown by {@link AwtTray}. */
public sealed interface TrayMenuItem {

    /** A clickable entry; {@code action} runs on the FX thread. */
    record Action(String label, boolean enabled, Runnable action) implements TrayMenuItem {
    }

    record Separator() implements TrayMenuItem {
    }

    record SubMenu(String label, List<TrayMenuItem> items) implements TrayMenuItem {
        public SubMenu {
            items = List.copyOf(items);
        }
    }
}
