package dev.kosmirecorder.replayer;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which {@code Sec-WebSocket-Extensions} the mock accepts in an upgrade (SPEC §6: the upgrade answers as the
 * recording did). Browsers and the common libraries offer {@code permessage-deflate} on every connection; a mock that
 * accepted it where the real server did not would compress every frame the recording sent plain.
 */
public enum ExtensionPolicy {
    /** What the recorded server accepted, with its recorded parameters, when the client offers it; nothing otherwise. */
    RECORDED,
    /** No extension, whatever the client offers. */
    NONE,
    /** {@code permessage-deflate} whenever the client offers it, whatever the recording shows. */
    PERMESSAGE_DEFLATE;

    /** The name on the command line: {@code recorded}, {@code none}, {@code permessage-deflate}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@link #cliName()}; the error names the accepted values. */
    public static ExtensionPolicy parse(String value) {
        for (ExtensionPolicy p : values()) {
            if (p.cliName().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown extensions policy '" + value + "'; use one of "
                + String.join(", ", Arrays.stream(values()).map(ExtensionPolicy::cliName).toList()));
    }
}
