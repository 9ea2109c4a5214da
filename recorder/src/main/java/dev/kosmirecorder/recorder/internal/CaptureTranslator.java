package dev.kosmirecorder.recorder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.NetworkEvent;
import dev.kosmirecorder.recorder.RecordingStats;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code Network} events of a browser into capture values (SPEC §3, §7) and hands them to a
 * {@link CaptureWriter}: HTTP exchanges to the selected hosts with bodies and real headers, WebSocket connections
 * with the handshake as sent and the server's answer, every frame, and refused handshakes.
 *
 * <p>Threading: events come from the browser's one event thread; response bodies arrive later on a driver thread.
 * Both paths take this object's lock, which is held only for in-memory work and queueing.
 */
public final class CaptureTranslator {
    /** The session attribute that says what Chrome hides about a refused handshake (same key as the fixtures). */
    public static final String REFUSED_HANDSHAKE_ATTRIBUTE = "chrome.refusedHandshake";
    public static final String REFUSED_HANDSHAKE_NOTE = "Chrome reports a refused WebSocket handshake only as the error text "
            + "'Unexpected response code: N'; it hides the response's headers and body, so they are not in this capture. "
            + "'kosmi-recorder probe' repeats the handshake to see them.";

    private static final Logger LOG = LoggerFactory.getLogger(CaptureTranslator.class);
    private static final Pattern REFUSED = Pattern.compile("Unexpected response code: (\\d{3})");
    /** ExtraInfo events of requests not (yet) seen are kept for this many requests, then forgotten oldest first. */
    private static final int MAX_EARLY_EXTRA_INFO = 2_000;

    /** Where bodies that do not come with the events are fetched: {@code (targetSession, requestId) -> body}. */
    public record Bodies(BiFunction<String, String, CompletableFuture<Payload>> response,
                         BiFunction<String, String, CompletableFuture<Payload>> requestPostData) {
    }

    private final CaptureWriter writer;
    private final HostFilter hosts;
    private final Bodies bodies;
    private final Consumer<HttpExchange> onExchangeDone;
    private final TimeBase time;

    private final Map<String, ExchangeState> exchanges = new HashMap<>();
    private final Map<String, ExchangeState> finished = bounded();
    private final Map<String, Headers> earlyRequestHeaders = bounded();
    private final Map<String, JsonNode> earlyResponseInfo = bounded();
    private final Map<String, WsState> sockets = new HashMap<>();
    private final Set<CompletableFuture<?>> fetches = ConcurrentHashMap.newKeySet();

    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private int exchangeCount;
    private int connectionCount;
    private int refusedCount;

    /** One HTTP request being followed, keyed by CDP request id. */
    private static final class ExchangeState {
        final String targetSession;
        final HttpExchange.Builder exchange;
        boolean realRequestHeaders;
        boolean realResponseHeaders;
        boolean postDataPending;

        ExchangeState(String targetSession, HttpExchange.Builder exchange) {
            this.targetSession = targetSession;
            this.exchange = exchange;
        }
    }

    /** One WebSocket being followed, keyed by CDP request id. */
    private static final class WsState {
        final String targetSession;
        final WsConnection.Builder connection;
        boolean answered;
        boolean handshakeSent;

        WsState(String targetSession, WsConnection.Builder connection) {
            this.targetSession = targetSession;
            this.connection = connection;
        }
    }

    public CaptureTranslator(CaptureWriter writer, HostFilter hosts, Bodies bodies, Consumer<HttpExchange> onExchangeDone) {
        this.writer = writer;
        this.hosts = hosts;
        this.bodies = bodies;
        this.onExchangeDone = onExchangeDone;
        this.time = new TimeBase(writer.session().startedAt());
    }

    /** Handles one event; events of other domains and of other hosts are ignored. */
    public synchronized void onEvent(NetworkEvent event) {
        JsonNode p = event.params();
        String requestId = p.path("requestId").asText("");
        switch (event.method()) {
            case "Network.requestWillBeSent" -> requestWillBeSent(event.targetSession(), requestId, p);
            case "Network.requestWillBeSentExtraInfo" -> requestExtraInfo(requestId, p);
            case "Network.responseReceivedExtraInfo" -> responseExtraInfo(requestId, p);
            case "Network.responseReceived" -> responseReceived(exchange(event), p);
            case "Network.loadingFinished" -> loadingFinished(requestId, exchange(event), p);
            case "Network.loadingFailed" -> loadingFailed(requestId, exchange(event), p);
            case "Network.webSocketCreated" -> webSocketCreated(event.targetSession(), requestId, p);
            case "Network.webSocketWillSendHandshakeRequest" -> handshakeRequest(socket(event), p);
            case "Network.webSocketHandshakeResponseReceived" -> handshakeResponse(socket(event), p);
            case "Network.webSocketFrameSent" -> frame(socket(event), p, Direction.SENT);
            case "Network.webSocketFrameReceived" -> frame(socket(event), p, Direction.RECEIVED);
            case "Network.webSocketFrameError" -> frameError(socket(event), p);
            case "Network.webSocketClosed" -> webSocketClosed(requestId, socket(event), p);
            default -> { }
        }
    }

    /**
     * The exchange an event belongs to, if it comes from the target that started it: should a target ever be
     * reported on two sessions, its events count once.
     */
    private ExchangeState exchange(NetworkEvent event) {
        ExchangeState state = exchanges.get(event.params().path("requestId").asText(""));
        return state != null && state.targetSession.equals(event.targetSession()) ? state : null;
    }

    /** The socket an event belongs to, if it comes from the target that created it. */
    private WsState socket(NetworkEvent event) {
        WsState state = sockets.get(event.params().path("requestId").asText(""));
        return state != null && state.targetSession.equals(event.targetSession()) ? state : null;
    }

    public RecordingStats stats() {
        synchronized (this) {
            return new RecordingStats(framesReceived.get(), framesSent.get(), bytes.get(), exchangeCount, connectionCount,
                    refusedCount, writer.framesLost());
        }
    }

    /** Whether a handshake was refused, so the session should carry {@link #REFUSED_HANDSHAKE_NOTE}. */
    public synchronized boolean sawRefusedHandshake() {
        return refusedCount > 0;
    }

    /** Waits (up to {@code timeout}) for the bodies still being fetched, so they are written before the end. */
    public void awaitBodies(Duration timeout) {
        CompletableFuture<?>[] pending = fetches.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} response bodies were still being fetched when the recording ended", fetches.size());
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void requestWillBeSent(String target, String requestId, JsonNode p) {
        time.anchor(p.path("timestamp"), p.path("wallTime"));
        JsonNode request = p.path("request");
        ExchangeState previous = exchanges.get(requestId);
        if (previous != null && !previous.targetSession.equals(target)) {
            return; // the same request reported by a second session
        }
        exchanges.remove(requestId);
        if (previous != null && p.has("redirectResponse")) {
            // A redirect reuses the request id: the hop that ended here is an exchange of its own.
            JsonNode redirect = p.path("redirectResponse");
            previous.exchange.status(redirect.path("status").asInt())
                    .endMicros(Math.max(time.micros(p.path("timestamp")), previous.exchange.build().startMicros()));
            if (!previous.realResponseHeaders) {
                previous.exchange.responseHeaders(HeaderText.best(redirect.path("headersText").asText(null), redirect.path("headers")));
            }
            write(previous);
            onExchangeDone.accept(previous.exchange.build());
        }
        String url = request.path("url").asText("");
        if (!hosts.matches(url)) {
            return;
        }
        HttpExchange.Builder b = HttpExchange.builder()
                .id(writer.nextExchangeId())
                .requestId(requestId)
                .method(request.path("method").asText("GET"))
                .url(url)
                .requestHeaders(HeaderText.fromObject(request.path("headers")))
                .startMicros(time.micros(p.path("timestamp")));
        ExchangeState state = new ExchangeState(target, b);
        Payload body = postData(request);
        if (body != null) {
            b.requestBody(body);
        } else if (request.path("hasPostData").asBoolean(false)) {
            state.postDataPending = true;
        }
        Headers early = earlyRequestHeaders.remove(requestId);
        if (early != null) {
            b.requestHeaders(early);
            state.realRequestHeaders = true;
        }
        exchanges.put(requestId, state);
        exchangeCount++;
        JsonNode earlyResponse = earlyResponseInfo.remove(requestId);
        if (earlyResponse != null) {
            applyResponseExtraInfo(state, earlyResponse);
        }
        write(state);
    }

    /** The request body that came with the event: {@code postData}, or the {@code postDataEntries} bytes. */
    private static Payload postData(JsonNode request) {
        JsonNode entries = request.path("postDataEntries");
        if (entries.isArray() && !entries.isEmpty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (JsonNode entry : entries) {
                if (entry.has("bytes")) {
                    out.writeBytes(Payload.ofBase64(entry.get("bytes").asText()).bytes());
                }
            }
            return Payload.of(out.toByteArray());
        }
        JsonNode text = request.get("postData");
        return text == null ? null : Payload.ofText(text.asText());
    }

    private void requestExtraInfo(String requestId, JsonNode p) {
        Headers headers = HeaderText.fromObject(p.path("headers"));
        ExchangeState state = exchanges.get(requestId);
        if (state == null) {
            state = finished.get(requestId);
        }
        if (state == null) {
            earlyRequestHeaders.put(requestId, headers);
            return;
        }
        state.exchange.requestHeaders(headers);
        state.realRequestHeaders = true;
        write(state);
    }

    private void responseExtraInfo(String requestId, JsonNode p) {
        ExchangeState state = exchanges.get(requestId);
        if (state == null) {
            state = finished.get(requestId);
        }
        if (state == null) {
            earlyResponseInfo.put(requestId, p);
            return;
        }
        applyResponseExtraInfo(state, p);
        write(state);
    }

    private static void applyResponseExtraInfo(ExchangeState state, JsonNode p) {
        state.exchange.responseHeaders(HeaderText.best(p.path("headersText").asText(null), p.path("headers")));
        state.realResponseHeaders = true;
        if (p.path("statusCode").asInt(0) > 0 && state.exchange.build().status() == 0) {
            state.exchange.status(p.path("statusCode").asInt());
        }
    }

    private void responseReceived(ExchangeState state, JsonNode p) {
        if (state == null) {
            return;
        }
        JsonNode response = p.path("response");
        state.exchange.status(response.path("status").asInt(0));
        if (!state.realResponseHeaders) {
            state.exchange.responseHeaders(HeaderText.fromObject(response.path("headers")));
        }
        write(state);
    }

    private void loadingFinished(String requestId, ExchangeState state, JsonNode p) {
        if (state == null) {
            return;
        }
        exchanges.remove(requestId);
        end(requestId, state, p);
        write(state);
        CompletableFuture<Void> done = fetchBodies(requestId, state);
        done.whenComplete((ok, e) -> {
            synchronized (this) {
                HttpExchange exchange = state.exchange.build();
                write(state);
                onExchangeDone.accept(exchange);
            }
        });
    }

    private void loadingFailed(String requestId, ExchangeState state, JsonNode p) {
        if (state == null) {
            return;
        }
        exchanges.remove(requestId);
        end(requestId, state, p);
        state.exchange.error(p.path("errorText").asText("failed"));
        write(state);
        onExchangeDone.accept(state.exchange.build());
    }

    private void end(String requestId, ExchangeState state, JsonNode p) {
        long start = state.exchange.build().startMicros();
        state.exchange.endMicros(Math.max(start, time.micros(p.path("timestamp"))));
        finished.put(requestId, state);
    }

    /** Fetches the response body (and a request body too large for its event) off the event thread. */
    private CompletableFuture<Void> fetchBodies(String requestId, ExchangeState state) {
        CompletableFuture<Void> response = bodies.response().apply(state.targetSession, requestId)
                .handle((body, e) -> {
                    synchronized (this) {
                        if (e == null && body != null) {
                            state.exchange.responseBody(body);
                        } else if (e != null) {
                            // Redirects, 204s and evicted buffers have no body to give; the exchange stays without one.
                            LOG.debug("no response body for {}: {}", requestId, e.getMessage());
                        }
                    }
                    return null;
                });
        CompletableFuture<Void> request = !state.postDataPending ? CompletableFuture.completedFuture(null)
                : bodies.requestPostData().apply(state.targetSession, requestId).handle((body, e) -> {
                    synchronized (this) {
                        if (e == null && body != null) {
                            state.exchange.requestBody(body);
                        }
                    }
                    return null;
                });
        CompletableFuture<Void> both = CompletableFuture.allOf(response, request);
        fetches.add(both);
        both.whenComplete((ok, e) -> fetches.remove(both));
        return both;
    }

    private void write(ExchangeState state) {
        writer.exchange(state.exchange.build());
    }

    // ---------------------------------------------------------------- WebSocket

    private void webSocketCreated(String target, String requestId, JsonNode p) {
        String url = p.path("url").asText("");
        if (!hosts.matches(url) || sockets.containsKey(requestId)) {
            return;
        }
        sockets.put(requestId, new WsState(target, WsConnection.builder()
                .id(writer.nextConnectionId())
                .requestId(requestId)
                .url(url)));
        connectionCount++;
    }

    private void handshakeRequest(WsState s, JsonNode p) {
        if (s == null) {
            return;
        }
        time.anchor(p.path("timestamp"), p.path("wallTime"));
        s.connection.requestHeaders(HeaderText.fromObject(p.path("request").path("headers")))
                .openedMicros(time.micros(p.path("timestamp")));
        s.handshakeSent = true;
        write(s);
    }

    private void handshakeResponse(WsState s, JsonNode p) {
        if (s == null) {
            return;
        }
        JsonNode response = p.path("response");
        int status = response.path("status").asInt(0);
        Headers responseHeaders = HeaderText.best(response.path("headersText").asText(null), response.path("headers"));
        // requestHeadersText is the handshake as it went on the wire: order and case as sent.
        Headers sent = HeaderText.parse(response.path("requestHeadersText").asText(null));
        if (!sent.isEmpty()) {
            s.connection.requestHeaders(sent);
        }
        s.connection.status(status)
                .statusText(response.path("statusText").asText(""))
                .responseHeaders(responseHeaders)
                .subprotocol(responseHeaders.get("Sec-WebSocket-Protocol").orElse(""))
                .rejected(status != 101);
        s.answered = true;
        write(s);
    }

    private void frame(WsState s, JsonNode p, Direction direction) {
        if (s == null) {
            return;
        }
        JsonNode response = p.path("response");
        int code = response.path("opcode").asInt(-1);
        if (code != 1 && code != 2) {
            return; // Chrome reports data frames only; anything else carries nothing to replay.
        }
        String data = response.path("payloadData").asText("");
        Payload payload = code == 1 ? Payload.ofText(data) : Payload.ofBase64(data);
        Frame frame = Frame.of(s.connection.build().id(), writer.nextSeq(), direction, Opcode.fromCode(code), payload,
                time.micros(p.path("timestamp")));
        if (writer.frame(frame)) {
            (direction == Direction.SENT ? framesSent : framesReceived).incrementAndGet();
            bytes.addAndGet(payload.size());
        }
    }

    private void frameError(WsState s, JsonNode p) {
        if (s == null) {
            return;
        }
        String message = p.path("errorMessage").asText("");
        Matcher refused = REFUSED.matcher(message);
        if (!s.answered && refused.find()) {
            // Chrome gives no handshake response event for a refused upgrade: the status lives only in this text.
            s.connection.status(Integer.parseInt(refused.group(1))).rejected(true);
            s.answered = true;
            refusedCount++;
        }
        s.connection.error(message);
        write(s);
    }

    private void webSocketClosed(String requestId, WsState s, JsonNode p) {
        if (s == null) {
            return;
        }
        sockets.remove(requestId);
        WsConnection current = s.connection.build();
        s.connection.closedMicros(Math.max(current.openedMicros(), time.micros(p.path("timestamp"))));
        write(s);
    }

    private void write(WsState s) {
        if (s.handshakeSent) {
            writer.connection(s.connection.build());
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_EARLY_EXTRA_INFO;
            }
        };
    }

    /**
     * Maps CDP's monotonic seconds to microseconds since the session start. The first event that carries both a
     * monotonic {@code timestamp} and a {@code wallTime} anchors the mapping; every later time is that anchor plus
     * the monotonic difference, so gaps and order stay exact and wall time = anchor wall time + monotonic delta
     * (the notes' rule, with one anchor for the whole session).
     */
    static final class TimeBase {
        private final Instant sessionStart;
        private boolean anchored;
        private double anchorSeconds;
        private long anchorMicros;

        TimeBase(Instant sessionStart) {
            this.sessionStart = sessionStart;
        }

        void anchor(JsonNode timestamp, JsonNode wallTime) {
            if (anchored || !timestamp.isNumber() || !wallTime.isNumber()) {
                return;
            }
            long wallMicros = Math.round(wallTime.asDouble() * 1_000_000d);
            long startMicros = sessionStart.getEpochSecond() * 1_000_000L + sessionStart.getNano() / 1_000;
            set(timestamp.asDouble(), wallMicros - startMicros);
        }

        long micros(JsonNode timestamp) {
            if (!timestamp.isNumber()) {
                return anchored ? anchorMicros : 0;
            }
            double seconds = timestamp.asDouble();
            if (!anchored) {
                // No event with a wall time yet: take "now" as the wall time of this first monotonic reading.
                Instant now = Instant.now();
                set(seconds, Duration.between(sessionStart, now).toNanos() / 1_000);
            }
            return Math.max(0, anchorMicros + Math.round((seconds - anchorSeconds) * 1_000_000d));
        }

        private void set(double seconds, long micros) {
            anchored = true;
            anchorSeconds = seconds;
            anchorMicros = micros;
        }
    }
}
