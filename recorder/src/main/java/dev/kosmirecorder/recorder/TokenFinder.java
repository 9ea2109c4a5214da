package dev.kosmirecorder.recorder;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.SessionSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the token {@code token} prints: the newest capture first, and in it the unexpired JWT that lasts longest,
 * from the token POST's response, an {@code Authorization} header or a {@code connection_init} payload. The
 * mock's audit sessions are skipped: the tokens there are the mock's own; so are sessions marked
 * {@code synthetic=true} (the built-in demo room and other made-up fixtures), whose tokens no server accepts.
 */
public final class TokenFinder {
    private static final int CONNECTION_INITS_PER_SESSION = 100;
    /** The session attribute that marks a capture as made up rather than recorded. */
    public static final String SYNTHETIC = "synthetic";

    /** A token and where it was found. */
    public record FoundToken(Jwt jwt, String sessionId, String source) {
        public Optional<Instant> expiresAt() {
            return jwt.expiresAt();
        }
    }

    private TokenFinder() {
    }

    public static Optional<FoundToken> newestValid(CaptureStore store, Instant now) {
        for (SessionSummary summary : store.sessions()) {
            if (summary.session().kind() == SessionKind.MOCK || isSynthetic(summary)) {
                continue;
            }
            String id = summary.session().id();
            Optional<FoundToken> best = Stream.concat(fromExchanges(store, id), fromConnectionInits(store, id))
                    .filter(t -> !t.jwt().isExpiredAt(now))
                    .max(Comparator.comparing(t -> t.jwt().expiresAt().orElse(Instant.MAX)));
            if (best.isPresent()) {
                return best;
            }
        }
        return Optional.empty();
    }

    private static boolean isSynthetic(SessionSummary summary) {
        return "true".equalsIgnoreCase(summary.session().attributes().getOrDefault(SYNTHETIC, "").strip());
    }

    /** The JWT in a response body of an exchange, as harvested during a recording. */
    public static Optional<Jwt> inResponse(HttpExchange exchange) {
        return Jwt.findIn(text(exchange.responseBody()));
    }

    private static Stream<FoundToken> fromExchanges(CaptureStore store, String sessionId) {
        return store.exchanges(sessionId).stream().flatMap(e -> Stream.concat(
                inResponse(e).map(j -> new FoundToken(j, sessionId, "the response to " + e.method() + " " + e.url())).stream(),
                e.requestHeaders().list().stream().filter(h -> h.hasName("Authorization")).map(Header::value)
                        .flatMap(v -> Jwt.findIn(v).stream())
                        .map(j -> new FoundToken(j, sessionId, "the Authorization header of " + e.method() + " " + e.url()))));
    }

    private static Stream<FoundToken> fromConnectionInits(CaptureStore store, String sessionId) {
        FrameQuery query = FrameQuery.firstPage(sessionId, CONNECTION_INITS_PER_SESSION).withType("connection_init");
        return store.frames(query).frames().stream()
                .flatMap(f -> Jwt.findIn(text(f.payload())).map(j -> new FoundToken(j, sessionId, connectionInit(f))).stream());
    }

    private static String connectionInit(Frame f) {
        return "the connection_init of connection " + f.connectionId();
    }

    private static String text(Payload payload) {
        return payload.isUtf8() ? payload.text() : "";
    }
}
