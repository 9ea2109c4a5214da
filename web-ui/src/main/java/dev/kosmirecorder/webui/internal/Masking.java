package dev.kosmirecorder.webui.internal;

import dev.kosmirecorder.core.format.Redactor;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.SessionSummary;
import io.javalin.http.Context;

/**
 * What the API sends before <em>Reveal</em>: everything passes through the export's redactor, so a secret is masked in
 * the JSON itself, not only in the page (a script, a proxy log or a screenshot of the raw JSON sees no more than the
 * page does). {@code ?secrets=true}, which the page adds once the user chose Reveal, sends values as stored.
 */
final class Masking {
    private static final Masking REVEALED = new Masking(null);
    private static final Masking MASKED = new Masking(Redactor.standard());

    private final Redactor redactor;

    private Masking(Redactor redactor) {
        this.redactor = redactor;
    }

    static Masking of(Context ctx) {
        return "true".equals(ctx.queryParam("secrets")) ? REVEALED : MASKED;
    }

    SessionSummary summary(SessionSummary s) {
        return redactor == null ? s : new SessionSummary(redactor.session(s.session()), s.exchanges(), s.connections(), s.frames(),
                s.framesSent(), s.payloadBytes());
    }

    HttpExchange exchange(HttpExchange e) {
        return redactor == null ? e : redactor.exchange(e);
    }

    WsConnection connection(WsConnection c) {
        return redactor == null ? c : redactor.connection(c);
    }

    Frame frame(Frame f) {
        return redactor == null ? f : redactor.frame(f);
    }

    String text(String s) {
        return redactor == null ? s : redactor.text(s);
    }
}
