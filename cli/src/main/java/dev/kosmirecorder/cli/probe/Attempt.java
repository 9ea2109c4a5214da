package dev.kosmirecorder.cli.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * One handshake attempt of the probe matrix (SPEC §5): what it sends. A null field is not sent. {@code skipped}
 * says why the attempt cannot run (no token or cookie given), or is null.
 */
public record Attempt(int number, String name, String origin, String subprotocol, String token, String cookie, String skipped) {
    /** The subprotocol Kosmi's browser client asks for. */
    public static final String SUBPROTOCOL = "graphql-ws";
    /** The Origin Kosmi's browser client sends. */
    public static final String BROWSER_ORIGIN = "https://app.kosmi.io";

    /**
     * The matrix, each attempt adding one thing the browser sends: none of it; Origin; the subprotocol; both; a
     * token in {@code connection_init}; cookies. The last two are skipped without {@code --token}/{@code --cookie}.
     */
    public static List<Attempt> matrix(String origin, String token, String cookie) {
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt(1, "no headers", null, null, null, null, null));
        attempts.add(new Attempt(2, "Origin only", origin, null, null, null, null));
        attempts.add(new Attempt(3, "subprotocol only", null, SUBPROTOCOL, null, null, null));
        attempts.add(new Attempt(4, "Origin + subprotocol", origin, SUBPROTOCOL, null, null, null));
        attempts.add(new Attempt(5, "+ token in connection_init", origin, SUBPROTOCOL, token, null,
                token == null ? "no token given (--token)" : null));
        attempts.add(new Attempt(6, "+ cookies", origin, SUBPROTOCOL, token, cookie, cookie == null ? "no cookie given (--cookie)" : null));
        return attempts;
    }
}
