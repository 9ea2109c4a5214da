package dev.kosmirecorder.replayer;

import java.util.Arrays;
import java.util.Locale;

/** How much of a mock run its audit keeps (SPEC §6); {@code serve --audit}. */
public enum AuditLevel {
    /** Every attempt, every frame both ways, every {@code POST /}. */
    FULL,
    /** Every attempt with its handshake and close, and every {@code POST /}; no frames. */
    HANDSHAKES,
    /** Nothing: no audit session is written. */
    OFF;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditLevel parse(String value) {
        for (AuditLevel l : values()) {
            if (l.cliName().equalsIgnoreCase(value.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown audit level '" + value + "'; use one of "
                + String.join(", ", Arrays.stream(values()).map(AuditLevel::cliName).toList()));
    }
}
