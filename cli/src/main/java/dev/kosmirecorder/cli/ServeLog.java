package dev.kosmirecorder.cli;

import dev.kosmirecorder.replayer.MockListener;
import dev.kosmirecorder.replayer.MockStats;
import java.io.PrintWriter;

/**
 * {@code serve}'s one line per event on stderr, as mitmdump prints a flow:
 * <pre>
 * 127.0.0.1:51234 WS /gql-ws 101 graphql-ws · ack · 5↓ 3↑ · close 1000
 * 127.0.0.1:51240 WS /gql-ws 403 refused: Origin header missing: …
 * 127.0.0.1:51236 WS /gql-ws #4 unmatched operation subscription Foo
 * 127.0.0.1:51238 POST / query AnonLogin 200
 * </pre>
 * Every value from the client is stripped of control characters before it reaches the terminal.
 */
final class ServeLog implements MockListener {
    private final PrintWriter err;

    ServeLog(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void connectionEnded(ConnectionReport r) {
        StringBuilder line = new StringBuilder();
        line.append(clean(r.remote())).append(" WS ").append(clean(r.path())).append(' ').append(r.status()).append(' ')
                .append(r.subprotocol());
        if (!r.extensions().isEmpty()) {
            line.append(" · ").append(clean(r.extensions()));
        }
        line.append(r.acked() ? " · ack" : " · no ack").append(" · ").append(r.framesDown()).append("↓ ")
                .append(r.framesUp()).append("↑ · close ").append(r.closeCode());
        if (r.closeReason() != null && !r.closeReason().isEmpty()) {
            line.append(' ').append(clean(r.closeReason()));
        }
        print(line.toString());
    }

    @Override
    public void refused(String remote, String path, int status, String reason) {
        print(clean(remote) + " WS " + clean(path) + " " + status + " refused: " + clean(reason));
    }

    @Override
    public void unmatched(String remote, int connectionId, String operation) {
        print(clean(remote) + " WS #" + connectionId + " unmatched operation " + clean(operation));
    }

    @Override
    public void post(String remote, String operation, int status) {
        print(clean(remote) + " POST / " + clean(operation) + " " + status);
    }

    /** The line {@code serve} ends with on Ctrl-C or SIGTERM. */
    static String summary(MockStats s, String auditWhere, boolean kept) {
        StringBuilder line = new StringBuilder("serve stopped: ").append(s.clientsEnded() + s.clientsLive())
                .append(s.clientsEnded() + s.clientsLive() == 1 ? " client" : " clients").append(", ")
                .append(s.framesDown()).append("↓ ").append(s.framesUp()).append("↑ frames");
        if (s.auditSession().isEmpty()) {
            line.append(", no audit (--audit ").append(s.auditLevel().cliName()).append(')');
        } else {
            line.append(", audit session ").append(s.auditSession().get()).append(' ')
                    .append(kept ? "kept in " + auditWhere : "discarded with the run's temporary store (pass --db to keep it)")
                    .append(" (").append(s.auditFramesKept()).append(" frames kept, ").append(s.auditFramesLost()).append(" lost");
            s.auditError().ifPresent(e -> line.append("; the audit failed: ").append(clean(e)));
            line.append(')');
        }
        return line.toString();
    }

    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** Control characters (C0, C1, bidirectional overrides) would let a client write to the user's terminal. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && b.length() < 300; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            b.append(control ? '?' : c);
        }
        return b.length() < s.length() ? b.append('…').toString() : b.toString();
    }
}
