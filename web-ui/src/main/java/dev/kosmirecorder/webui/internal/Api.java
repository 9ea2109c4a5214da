package dev.kosmirecorder.webui.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.ExportFormat;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.format.SessionSummaryJson;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.core.store.StoreException;
import dev.kosmirecorder.core.store.TimelineBucket;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api}. Every answer is built from the store on each request (a recording in another
 * process shows up as it grows, SPEC §9); nothing but the export loads a whole session into memory.
 */
public final class Api {
    /** Most timeline buckets returned; longer sessions get wider buckets. */
    static final int MAX_BUCKETS = 600;

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private final CaptureStore store;

    public Api(CaptureStore store) {
        this.store = store;
    }

    public void install(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/sessions", this::sessions);
        r.get("/api/sessions/{id}", this::session);
        r.delete("/api/sessions/{id}", this::delete);
        r.get("/api/sessions/{id}/exchanges", this::exchanges);
        r.get("/api/sessions/{id}/connections", this::connections);
        r.get("/api/sessions/{id}/frames", this::frames);
        r.get("/api/sessions/{id}/frames/{seq}", this::frame);
        r.get("/api/sessions/{id}/seek", this::seek);
        r.get("/api/sessions/{id}/timeline", this::timeline);
        r.get("/api/sessions/{id}/export", this::export);
        r.get("/api/compare", this::compare);
        r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        r.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("store failed on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 503, e.getMessage());
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "unexpected " + e.getClass().getSimpleName() + " (this is a bug; the UI's log has the stack trace)");
        });
    }

    static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json; charset=utf-8").result(Json.compact(node));
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status);
        json(ctx, Json.MAPPER.createObjectNode().put("error", message));
    }

    private void sessions(Context ctx) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        Masking mask = Masking.of(ctx);
        store.sessions().forEach(s -> a.add(SessionSummaryJson.of(mask.summary(s))));
        json(ctx, a);
    }

    private void session(Context ctx) {
        json(ctx, SessionSummaryJson.of(Masking.of(ctx).summary(summary(ctx.pathParam("id")))));
    }

    private void exchanges(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        ArrayNode a = Json.MAPPER.createArrayNode();
        Masking mask = Masking.of(ctx);
        store.exchanges(id).forEach(e -> a.add(Views.exchange(mask.exchange(e))));
        json(ctx, a);
    }

    private void connections(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        ArrayNode a = Json.MAPPER.createArrayNode();
        Masking mask = Masking.of(ctx);
        store.connections(id).forEach(c -> a.add(Views.connection(mask.connection(c))));
        json(ctx, a);
    }

    /**
     * One keyset page: {@code frames}, {@code next} (the {@code after} of the next page, or -1) and {@code atStart}
     * (no matching frame before this page). With {@code before=SEQ} instead of {@code after}, the page that ends
     * just before that seq.
     */
    private void frames(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        FrameQuery query = FrameFilters.query(id, ctx::queryParam);
        Long before = FrameFilters.before(ctx::queryParam);
        FrameSeek.Page page;
        if (before == null) {
            FramePage forward = store.frames(query);
            page = new FrameSeek.Page(forward.frames(), forward.nextAfterSeq(), query.afterSeq() < 0);
        } else {
            page = FrameSeek.before(store, query, before);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode rows = o.putArray("frames");
        Masking mask = Masking.of(ctx);
        page.frames().forEach(f -> rows.add(Views.frameRow(mask.frame(f))));
        o.put("next", page.next());
        o.put("atStart", page.atStart());
        json(ctx, o);
    }

    /** {@code ?t=MILLIS} (since the session start): the seq and time of the first frame at or after that time. */
    private void seek(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        long micros = FrameFilters.timeMicros(ctx.queryParam("t"));
        Frame f = FrameSeek.atOrAfter(store, id, micros).orElseThrow(() -> new RequestGuard.Refusal(404,
                "no frame at or after " + Views.millisValue(micros).stripTrailingZeros().toPlainString() + " ms in session " + id));
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", f.seq());
        o.set("t", Json.MAPPER.getNodeFactory().numberNode(Views.millisValue(f.timeMicros())));
        json(ctx, o);
    }

    private void frame(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            throw new RequestGuard.Refusal(400, "bad frame seq '" + ctx.pathParam("seq") + "': expected a whole number");
        }
        Frame f = store.frame(id, seq).orElseThrow(() -> new RequestGuard.Refusal(404, "no frame " + seq + " in session " + id));
        json(ctx, Views.frame(Masking.of(ctx).frame(f)));
    }

    /**
     * Frames per second by direction, in at most {@link #MAX_BUCKETS} buckets of whole seconds. A recording has no
     * end yet: its one-second buckets are merged afterwards when there are too many.
     */
    private void timeline(Context ctx) {
        SessionSummary s = summary(ctx.pathParam("id"));
        long lastMicros = s.session().duration().map(d -> d.toNanos() / 1000).orElse(0L);
        long seconds = Math.max(1, (lastMicros / 1_000_000 + MAX_BUCKETS) / MAX_BUCKETS);
        List<TimelineBucket> buckets = store.timeline(s.session().id(), seconds * 1_000_000);
        if (!buckets.isEmpty()) {
            long span = buckets.get(buckets.size() - 1).startMicros() / 1_000_000 + seconds;
            long factor = (span + (long) MAX_BUCKETS * seconds - 1) / ((long) MAX_BUCKETS * seconds);
            if (factor > 1) {
                seconds *= factor;
                buckets = merge(buckets, seconds * 1_000_000);
            }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("bucketSeconds", seconds);
        ArrayNode rows = o.putArray("buckets");
        for (TimelineBucket b : buckets) {
            rows.addObject().put("t", b.startMicros() / 1_000_000.0)
                    .put("sent", b.sent() / (double) seconds)
                    .put("received", b.received() / (double) seconds);
        }
        json(ctx, o);
    }

    static List<TimelineBucket> merge(List<TimelineBucket> buckets, long bucketMicros) {
        List<TimelineBucket> merged = new ArrayList<>();
        for (TimelineBucket b : buckets) {
            long start = b.startMicros() / bucketMicros * bucketMicros;
            TimelineBucket last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.startMicros() == start) {
                merged.set(merged.size() - 1, new TimelineBucket(start, last.sent() + b.sent(), last.received() + b.received()));
            } else {
                merged.add(new TimelineBucket(start, b.sent(), b.received()));
            }
        }
        return merged;
    }

    /** The session as a fixture or HAR file to download; secrets redacted unless {@code secrets=true}. */
    private void export(Context ctx) {
        String id = summary(ctx.pathParam("id")).session().id();
        String requested = Optional.ofNullable(ctx.queryParam("format")).orElse(ExportFormat.FIXTURE.id());
        ExportFormat format = ExportFormat.byId(requested).orElseThrow(() -> new RequestGuard.Refusal(400,
                "cannot export as '" + (requested.length() > 20 ? requested.substring(0, 20) : requested)
                        + "'; format must be one of " + ExportFormat.ids()));
        byte[] body = format.export(store.load(id), "true".equals(ctx.queryParam("secrets")));
        ctx.header("Content-Disposition", "attachment; filename=\"kosmi-session-" + id + "." + format.extension() + "\"");
        ctx.contentType(format.mediaType()).result(body);
    }

    private void delete(Context ctx) {
        SessionSummary s = summary(ctx.pathParam("id"));
        if (s.session().status() == SessionStatus.RECORDING) {
            throw new RequestGuard.Refusal(409, "session " + s.session().id() + " is still recording; stop the recorder before deleting it");
        }
        store.delete(s.session().id());
        ctx.status(204);
    }

    /** {@code ?a=SESSION:CONNECTION&b=SESSION:CONNECTION}: the two handshakes side by side. */
    private void compare(Context ctx) {
        json(ctx, HandshakeDiff.compare(side(ctx, "a"), side(ctx, "b")));
    }

    private HandshakeDiff.Side side(Context ctx, String param) {
        String ref = ctx.queryParam(param);
        int colon = ref == null ? -1 : ref.lastIndexOf(':');
        if (colon <= 0) {
            throw new RequestGuard.Refusal(400, "parameter " + param + " must name a connection as SESSION:CONNECTION, for example "
                    + param + "=abc123:1");
        }
        SessionSummary s = summary(ref.substring(0, colon));
        String sessionId = s.session().id();
        int connectionId;
        try {
            connectionId = Integer.parseInt(ref.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new RequestGuard.Refusal(400, "parameter " + param + ": connection id must be a number");
        }
        WsConnection c = store.connections(sessionId).stream().filter(x -> x.id() == connectionId).findFirst()
                .orElseThrow(() -> new RequestGuard.Refusal(404, "no connection " + connectionId + " in session " + sessionId));
        Optional<Frame> init = store.frames(FrameQuery.firstPage(sessionId, 1).withConnection(connectionId)
                .withDirection(Direction.SENT).withType("connection_init")).frames().stream().findFirst();
        Masking mask = Masking.of(ctx);
        return new HandshakeDiff.Side(sessionId, mask.text(s.session().name()), mask.connection(c), init.map(mask::frame));
    }

    private SessionSummary summary(String id) {
        return store.summary(id).orElseThrow(() -> new RequestGuard.Refusal(404, "no session with id '"
                + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'; the sessions list at / shows the ids"));
    }
}
