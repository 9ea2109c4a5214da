package dev.kosmirecorder.core.model;

import java.util.Locale;

/** Where a session stands: still being written, ended cleanly, or cut short (crash, browser gone). */
public enum SessionStatus {
    RECORDING, COMPLETE, INTERRUPTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus fromWireName(String name) {
        for (SessionStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown session status '" + name + "' (expected recording, complete or interrupted)");
    }
}
