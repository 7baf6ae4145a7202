package io.cloudmount.app.system;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;

/**
 * {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run\CloudMount}: Windows starts the command at
 * login. Thin on purpose: it cannot be tested on Linux.
 */
public final class WindowsRunKey implements Autostart {
    private static final String KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    private static final String VALUE = "CloudMount";

    private final String command;

    public WindowsRunKey(String command) {
        this.command = command;
    }

    @Override
    public boolean isEnabled() {
        return Advapi32Util.registryValueExists(WinReg.HKEY_CURRENT_USER, KEY, VALUE);
    }

    @Override
    public void enable() {
        Advapi32Util.registrySetStringValue(WinReg.HKEY_CURRENT_USER, KEY, VALUE, command);
    }

    @Override
    public void disable() {
        if (isEnabled()) {
            Advapi32Util.registryDeleteValue(WinReg.HKEY_CURRENT_USER, KEY, VALUE);
        }
    }

    @Override
    public String describe() {
        return "HKEY_CURRENT_USER\\" + KEY + "\\" + VALUE;
    }
}
