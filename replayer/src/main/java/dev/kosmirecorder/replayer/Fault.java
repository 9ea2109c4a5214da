package dev.kosmirecorder.replayer;

import java.util.Locale;

/**
 * One fault the mock injects on demand (SPEC §6), for testing a client's error handling. Parsed from the
 * {@code --fault NAME[=ARG]} syntax by {@link #parse(String)}; {@code arg} is a count or milliseconds, 0 when the
 * kind takes none.
 */
public record Fault(Kind kind, long arg) {

    /** What the fault does. */
    public enum Kind {
        /** Every WebSocket upgrade is refused with HTTP 403. */
        REJECT_UPGRADE("reject-upgrade", false),
        /** The server closes the connection (code 1011) after sending N frames. */
        CLOSE_AFTER("close-after", true),
        /** The server aborts the TCP connection, with no close frame, after sending N frames. */
        DROP_AFTER("drop-after", true),
        /** Every server frame is held back by MS milliseconds. */
        DELAY("delay", true),
        /** {@code connection_ack} (and what follows it) comes MS milliseconds late. */
        SLOW_ACK("slow-ack", true),
        /** {@code POST /} signs tokens with another secret than the WebSocket side checks. */
        SECRET_MISMATCH("secret-mismatch", false);

        private final String cliName;
        private final boolean takesArg;

        Kind(String cliName, boolean takesArg) {
            this.cliName = cliName;
            this.takesArg = takesArg;
        }

        public String cliName() {
            return cliName;
        }
    }

    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (arg < 0) {
            throw new IllegalArgumentException("fault " + kind.cliName + " needs a number >= 0, got " + arg);
        }
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, 0);
    }

    /** Parses {@code NAME} or {@code NAME=ARG}, for example {@code close-after=3} or {@code secret-mismatch}. */
    public static Fault parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        String value = eq < 0 ? null : t.substring(eq + 1);
        for (Kind k : Kind.values()) {
            if (!k.cliName.equals(name)) {
                continue;
            }
            if (k.takesArg && (value == null || value.isEmpty())) {
                throw new IllegalArgumentException("fault " + name + " needs a value: use " + name + "=N");
            }
            if (!k.takesArg && value != null) {
                throw new IllegalArgumentException("fault " + name + " takes no value: use " + name);
            }
            try {
                return new Fault(k, value == null ? 0 : Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault " + name + " needs a whole number, got '" + value + "'");
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "': use one of reject-upgrade, close-after=N, "
                + "drop-after=N, delay=MS, slow-ack=MS, secret-mismatch");
    }

    @Override
    public String toString() {
        return kind.takesArg ? kind.cliName + "=" + arg : kind.cliName;
    }
}
