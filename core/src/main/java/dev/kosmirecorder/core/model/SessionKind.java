package dev.kosmirecorder.core.model;

import java.util.Locale;

/** How a session came to be: recorded from a browser, imported from a file, or a mock run's audit. */
public enum SessionKind {
    RECORDING, IMPORT, MOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionKind fromWireName(String name) {
        for (SessionKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown session kind '" + name + "' (expected recording, import or mock)");
    }
}
