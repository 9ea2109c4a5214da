package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's independent replay. Client frames arrive one at a time (Jetty demands the next after the listener
 * returns); the recorded answers are played by short tasks on the shared scheduler, never by a thread per client.
 * Everything the server says goes through one outbox that sends a single frame at a time, because Jetty refuses
 * concurrent sends; the outbox also applies the {@code delay} fault and ends with the close, so a protocol error
 * frame always reaches the client before its close code.
 */
public final class ClientConnection implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    /** Frames waiting for a client that does not read; past this (or the byte bound) the client is cut off with 1008. */
    private static final int MAX_OUTBOX = 10_000;
    /** How long a client closed for going over a bound has to take its close frame before it is disconnected. */
    private static final long OVER_BOUND_GRACE_SECONDS = 2;
    /** Operations one client may have running at once (Kosmi's web client runs a few dozen). */
    private static final int MAX_OPERATIONS = 1_000;
    /** Recorded frames also wait while this many bytes are waiting to be sent. */
    private static final long PAUSE_BYTES = 1L << 20;
    /**
     * Recorded frames wait to be queued while this many are waiting to be sent, and go on once the client has taken
     * the queue down to {@link #RESUME_AT}: a slow client is paced instead of buffered, at any {@code --speed}.
     */
    private static final int PAUSE_AT = 1_024;
    private static final int RESUME_AT = 256;
    /** The ack sent when the recording shows none. */
    private static final ScriptedFrame SYNTHETIC_ACK =
            new ScriptedFrame(0, JsonNodeFactory.instance.objectNode().put("type", "connection_ack"));

    private final MockContext ctx;
    private final int id;
    private final Dialect dialect;
    private volatile WsConnection accepted;
    private final String remote;
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();

    // Guarded by this.
    private Session session;
    private boolean initialised;
    private boolean acked;
    /** Legacy operations started before the ack went out; they start playing when it has. */
    private final List<Chain> waitingForAck = new ArrayList<>();
    /** Chains paused because the outbox is full; they go on when the client has read enough of it. */
    private final List<Chain> waitingForRoom = new ArrayList<>();
    private boolean closing;
    private boolean ended;
    private final Map<String, Chain> operations = new HashMap<>();
    private final List<ScheduledFuture<?>> connectionTasks = new ArrayList<>();
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private boolean sending;
    private boolean pumpScheduled;
    /** The close frame this side sent, if any: what the audit records as the connection's close. */
    private Outgoing closeSent;

    /** A text frame to send no earlier than {@code dueNanos}, or the close that ends the outbox. */
    private record Outgoing(String text, boolean shared, Integer closeCode, String closeReason, long dueNanos) {
        long bytes() {
            return text == null ? 0 : 40 + 2L * text.length();
        }
    }
    private long outboxBytes;
    private boolean acknowledged;

    /** One playing sequence of recorded frames, for an operation or for the connection's init answers. */
    private static final class Chain {
        final List<ScriptedFrame> frames;
        volatile long baseNanos;
        final String clientId;
        /** The client id as the JSON string that goes into each frame's id slot, made once. */
        final String quotedId;
        final RecordedOperation operation;
        int index;
        volatile boolean cancelled;
        volatile ScheduledFuture<?> next;

        Chain(List<ScriptedFrame> frames, long baseNanos, String clientId, RecordedOperation operation) {
            this.frames = frames;
            this.baseNanos = baseNanos;
            this.clientId = clientId;
            this.quotedId = RenderedMessage.quote(clientId);
            this.operation = operation;
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    public ClientConnection(MockContext ctx, Dialect dialect, WsConnection accepted, String remote) {
        this.ctx = ctx;
        this.id = accepted.id();
        this.dialect = dialect;
        this.accepted = accepted;
        this.remote = remote;
    }

    // ---------------------------------------------------------------- Jetty callbacks

    @Override
    public void onWebSocketOpen(Session s) {
        synchronized (this) {
            session = s;
        }
        // The 101 as it went out (Upgrade, Accept, the subprotocol and extensions Jetty negotiated), not as planned.
        List<Header> sent = new ArrayList<>();
        s.getUpgradeResponse().getHeaders().forEach((name, values) -> values.forEach(v -> sent.add(new Header(name, v))));
        accepted = accepted.toBuilder().responseHeaders(new Headers(sent)).build();
        ctx.audit().connection(accepted);
        ctx.live().put(id, this);
    }

    @Override
    public void onWebSocketText(String text) {
        framesIn.incrementAndGet();
        ctx.audit().text(id, Direction.SENT, text, false);
        Optional<ObjectNode> parsed = ReplayScript.object(text);
        if (parsed.isEmpty()) {
            protocolError(4400, "Invalid message: not a JSON object");
            return;
        }
        ObjectNode m = parsed.get();
        JsonNode typeNode = m.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            protocolError(4400, "Invalid message: no \"type\" string");
            return;
        }
        String type = typeNode.asText();
        if (type.equals("connection_init")) {
            connectionInit(m);
        } else if (type.equals(dialect.startType())) {
            start(m);
        } else if (type.equals(dialect.stopType())) {
            stop(m);
        } else if (dialect == Dialect.GRAPHQL_WS && type.equals("connection_terminate")) {
            enqueueClose(1000, "connection_terminate");
        } else if (dialect == Dialect.GRAPHQL_TRANSPORT_WS && type.equals("ping")) {
            send(JsonNodeFactory.instance.objectNode().put("type", "pong"));
        } else if (dialect == Dialect.GRAPHQL_TRANSPORT_WS && type.equals("pong")) {
            // An answer to our keep-alive ping: nothing to do.
        } else {
            protocolError(4400, "Invalid message type '" + GraphQlRequest.cut(type, 40) + "' for " + dialect.subprotocol());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        // Copy before completing the callback: Jetty recycles the buffer afterwards.
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        framesIn.incrementAndGet();
        ctx.audit().binary(id, Direction.SENT, bytes);
        protocolError(4400, "Invalid message: binary frames are not part of " + dialect.subprotocol());
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof MessageTooLargeException) {
            ended(1009, "Message too big: the mock accepts frames up to " + ctx.settings().maxFrameBytes() + " bytes");
        } else {
            LOG.debug("WebSocket client {} failed: {}", id, cause.toString());
            ended(1006, String.valueOf(cause.getMessage()));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        ended(statusCode, reason);
        callback.succeed();
    }

    // ---------------------------------------------------------------- protocol

    private void connectionInit(ObjectNode m) {
        synchronized (this) {
            if (initialised) {
                enqueueCloseLocked(4429, "Too many initialisation requests");
                return;
            }
            initialised = true;
        }
        if (ctx.settings().checksTokens()) {
            Optional<String> refusal = tokenRefusal(m.get("payload"));
            if (refusal.isPresent()) {
                if (dialect == Dialect.GRAPHQL_WS) {
                    ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", "connection_error");
                    error.putObject("payload").put("message", refusal.get());
                    send(error);
                }
                enqueueClose(4403, "Forbidden: " + refusal.get());
                return;
            }
        }
        long slowAck = ctx.settings().fault(Fault.Kind.SLOW_ACK).map(Fault::arg).orElse(0L);
        List<ScriptedFrame> answers = ctx.script().initAnswers();
        boolean recordedAck = answers.stream().anyMatch(f -> f.type().equals("connection_ack"));
        if (!recordedAck) {
            List<ScriptedFrame> withAck = new ArrayList<>();
            withAck.add(SYNTHETIC_ACK);
            withAck.addAll(answers);
            answers = withAck;
        }
        play(new Chain(answers, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(slowAck), null, null));
    }

    /** Why the token in a {@code connection_init} payload is refused, or empty when it is one the mock accepts. */
    private Optional<String> tokenRefusal(JsonNode payload) {
        String token = null;
        if (payload != null && payload.path("token").isTextual()) {
            token = payload.get("token").asText();
        } else if (payload != null) {
            token = Jwt.findIn(Json.compact(payload)).map(Jwt::raw).orElse(null);
        }
        if (token == null || token.isBlank()) {
            return Optional.of("connection_init carries no token; put the token from POST / in payload.token");
        }
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (ctx.wsSigner().issued(token, Instant.now()) || ctx.script().isRecordedToken(token)) {
            return Optional.empty();
        }
        return Optional.of("the token was not issued by this mock run and is not the recorded one; get a fresh one from POST /");
    }

    private void start(ObjectNode m) {
        String clientId = idOf(m);
        if (clientId == null) {
            protocolError(4400, "Invalid message: " + dialect.startType() + " needs a string \"id\"");
            return;
        }
        if (clientId.length() > ctx.settings().bounds().maxIdChars()) {
            // Every answer carries the id: a long one multiplies what the outbox and the audit hold.
            enqueueClose(1008, "id longer than " + ctx.settings().bounds().maxIdChars() + " characters");
            return;
        }
        synchronized (this) {
            // The legacy client library sends its starts right after connection_init without waiting for the
            // ack, so those wait for it; the newer protocol forbids subscribing before the ack.
            if (!initialised || (dialect == Dialect.GRAPHQL_TRANSPORT_WS && !acked)) {
                enqueueCloseLocked(4401, "Unauthorized: wait for connection_ack before " + dialect.startType());
                return;
            }
            if (operations.size() >= MAX_OPERATIONS) {
                // Each running operation holds its id: with the id bound, this bounds a client's operations in bytes.
                enqueueCloseLocked(1008, "more than " + MAX_OPERATIONS + " operations running");
                return;
            }
            if (operations.containsKey(clientId)) {
                enqueueCloseLocked(4409, "Subscriber for " + GraphQlRequest.cut(clientId, 60) + " already exists");
                return;
            }
        }
        GraphQlRequest wanted = GraphQlRequest.from(m.get("payload"));
        Optional<RecordedOperation> match = OperationMatcher.match(ctx.script().operations(), RecordedOperation::request, wanted);
        if (match.isEmpty()) {
            ctx.listener().unmatched(remote, id, wanted.describe());
            send(DialectTranslator.error(dialect, clientId, "kosmi-recorder mock: no recorded operation matches "
                    + wanted.describe() + "; the recording has: " + String.join(", ", ctx.script().operationNames())));
            return;
        }
        Chain chain = new Chain(match.get().answers(), System.nanoTime(), clientId, match.get());
        synchronized (this) {
            operations.put(clientId, chain);
            if (!acked) {
                waitingForAck.add(chain);
                return;
            }
        }
        play(chain);
    }

    private void stop(ObjectNode m) {
        String clientId = idOf(m);
        if (clientId == null) {
            protocolError(4400, "Invalid message: " + dialect.stopType() + " needs a string \"id\"");
            return;
        }
        Chain running;
        synchronized (this) {
            running = operations.remove(clientId);
        }
        if (running == null) {
            return;
        }
        running.cancel();
        // The legacy protocol answers stop with complete; in the newer one the client's complete ends it silently.
        if (dialect == Dialect.GRAPHQL_WS) {
            play(new Chain(running.operation.stopAnswers(), System.nanoTime(), clientId, null));
        }
    }

    private static String idOf(ObjectNode m) {
        JsonNode id = m.get("id");
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
    }

    // ---------------------------------------------------------------- playing

    private void play(Chain chain) {
        if (chain.cancelled) {
            return;
        }
        synchronized (this) {
            if (closing) {
                return;
            }
        }
        long now = System.nanoTime();
        while (chain.index < chain.frames.size()) {
            ScriptedFrame f = chain.frames.get(chain.index);
            long due = chain.baseNanos + ctx.settings().scaledNanos(f.offsetMicros());
            if (due > now) {
                chain.next = ctx.scheduler().schedule(() -> play(chain), due - now, TimeUnit.NANOSECONDS);
                return;
            }
            synchronized (this) {
                if (outbox.size() >= PAUSE_AT || outboxBytes >= PAUSE_BYTES) {
                    waitingForRoom.add(chain);
                    return;
                }
            }
            chain.index++;
            if (chain.cancelled) {
                return;
            }
            deliver(f, chain);
        }
    }

    private void deliver(ScriptedFrame frame, Chain chain) {
        String type = frame.type();
        if (dialect == Dialect.GRAPHQL_TRANSPORT_WS && type.equals("connection_error")) {
            enqueueClose(4403, "Forbidden");
            return;
        }
        if (type.equals("connection_ack")) {
            // Set before the ack leaves: the client may answer it before this thread runs again.
            synchronized (this) {
                acked = true;
                acknowledged = true;
            }
        }
        RenderedMessage out = frame.rendered(dialect);
        if (out != null) {
            String text = out.text(chain.quotedId);
            sendText(text, text == out.text());
        }
        if (type.equals("connection_ack")) {
            startKeepAlive();
            List<Chain> waiting;
            synchronized (this) {
                waiting = new ArrayList<>(waitingForAck);
                waitingForAck.clear();
            }
            // Their recorded gaps count from now: the ack is what they waited for.
            for (Chain c : waiting) {
                c.baseNanos = System.nanoTime();
                play(c);
            }
        }
        if (chain.clientId != null && (type.equals("complete") || type.equals("error"))) {
            synchronized (this) {
                operations.remove(chain.clientId, chain);
            }
        }
    }

    private void startKeepAlive() {
        if (dialect == Dialect.GRAPHQL_WS) {
            // The legacy server sends a ka right after connection_ack, then one every interval.
            send(JsonNodeFactory.instance.objectNode().put("type", "ka"));
        }
        long period = ctx.settings().scaledNanos(ctx.script().keepAliveMicros());
        if (period <= 0) {
            return;
        }
        String keepAlive = dialect == Dialect.GRAPHQL_WS ? "ka" : "ping";
        ScheduledFuture<?> task = ctx.scheduler().scheduleAtFixedRate(
                () -> send(JsonNodeFactory.instance.objectNode().put("type", keepAlive)), period, period, TimeUnit.NANOSECONDS);
        synchronized (this) {
            if (closing) {
                task.cancel(false);
            } else {
                connectionTasks.add(task);
            }
        }
    }

    // ---------------------------------------------------------------- outbox

    private void protocolError(int code, String reason) {
        if (dialect == Dialect.GRAPHQL_WS) {
            send(DialectTranslator.error(dialect, null, reason));
        }
        enqueueClose(code, reason);
    }

    private void send(ObjectNode message) {
        sendText(Json.compact(message), false);
    }

    private void sendText(String text, boolean shared) {
        long delay = ctx.settings().delayMillis();
        synchronized (this) {
            if (closing) {
                return;
            }
            Outgoing o = new Outgoing(text, shared, null, null, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
            if (outbox.size() >= MAX_OUTBOX || outboxBytes + o.bytes() > ctx.settings().bounds().outboxBytes()) {
                clearOutboxLocked();
                enqueueCloseLocked(1008, "client does not read: its outbox is over " + MAX_OUTBOX + " frames or "
                        + (ctx.settings().bounds().outboxBytes() >> 10) + " KiB");
            } else {
                outbox.add(o);
                outboxBytes += o.bytes();
            }
        }
        pump();
    }

    private void enqueueClose(int code, String reason) {
        synchronized (this) {
            enqueueCloseLocked(code, reason);
        }
        pump();
    }

    private void enqueueCloseLocked(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        Outgoing close = new Outgoing(null, false, code, closeReason(reason), System.nanoTime());
        outbox.add(close);
        cancelAllLocked();
        ctx.scheduler().execute(this::pump);
        if (code == 1008) {
            // A client over its bound may read nothing at all, and then never takes the close frame either.
            ctx.scheduler().schedule(() -> abandon(close), OVER_BOUND_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Drops a client that has not taken its close frame in time; the audit records the close the mock decided. */
    private void abandon(Outgoing close) {
        Session s;
        synchronized (this) {
            if (ended || session == null) {
                return;
            }
            closeSent = close;
            s = session;
        }
        s.disconnect();
    }

    /**
     * Sends what the outbox holds, one frame at a time. A send that completes at once continues this loop (no
     * recursion, no hop to another thread); one that completes later continues from its callback, on Jetty's thread.
     */
    private void pump() {
        while (true) {
            Outgoing next;
            Session s;
            List<Chain> resumed = List.of();
            synchronized (this) {
                if (sending || outbox.isEmpty() || session == null || ended) {
                    return;
                }
                next = outbox.peek();
                long wait = next.dueNanos() - System.nanoTime();
                if (wait > 0 && next.text() != null) {
                    if (!pumpScheduled) {
                        pumpScheduled = true;
                        ctx.scheduler().schedule(() -> {
                            synchronized (this) {
                                pumpScheduled = false;
                            }
                            pump();
                        }, wait, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                outbox.poll();
                outboxBytes -= next.bytes();
                sending = true;
                s = session;
                if (next.closeCode() != null) {
                    closeSent = next;
                } else if (outbox.size() <= RESUME_AT && outboxBytes <= PAUSE_BYTES / 4 && !waitingForRoom.isEmpty()) {
                    resumed = new ArrayList<>(waitingForRoom);
                    waitingForRoom.clear();
                }
            }
            // Paused chains refill the outbox here and now (their sends only queue: this thread is the one sending),
            // so the client never waits for a scheduler thread that a thousand other clients share.
            resumed.forEach(this::play);
            if (next.closeCode() != null) {
                s.close(next.closeCode(), next.closeReason(), Callback.NOOP);
                return;
            }
            Send send = new Send(s, next);
            s.sendText(next.text(), send);
            if (!send.handOver()) {
                return;
            }
        }
    }

    /**
     * One frame's send callback. Whichever of the callback and the sending thread comes second continues the pump:
     * the sending thread when the send completed inside {@code sendText}, the callback otherwise.
     */
    private final class Send implements Callback {
        private final Session session;
        private final Outgoing frame;
        private final AtomicBoolean other = new AtomicBoolean();
        private volatile boolean succeeded;

        Send(Session session, Outgoing frame) {
            this.session = session;
            this.frame = frame;
        }

        @Override
        public void succeed() {
            synchronized (ClientConnection.this) {
                sending = false;
            }
            sent(session, frame);
            succeeded = true;
            if (handOver()) {
                pump();
            }
        }

        @Override
        public void fail(Throwable failure) {
            synchronized (ClientConnection.this) {
                sending = false;
                closing = true;
                clearOutboxLocked();
            }
            // No handOver(): after a failure neither side goes on (the sending thread's handOver() answers false).
            LOG.debug("sending to WebSocket client {} failed: {}", id, failure.toString());
        }

        /** True for the second of the two parties to arrive when the send succeeded: that one goes on pumping. */
        boolean handOver() {
            return !other.compareAndSet(false, true) && succeeded;
        }
    }

    private void sent(Session s, Outgoing frame) {
        long count = framesOut.incrementAndGet();
        ctx.audit().text(id, Direction.RECEIVED, frame.text(), frame.shared());
        Optional<Fault> drop = ctx.settings().fault(Fault.Kind.DROP_AFTER);
        if (drop.isPresent() && count >= drop.get().arg()) {
            synchronized (this) {
                closing = true;
                clearOutboxLocked();
                cancelAllLocked();
            }
            s.disconnect();
            return;
        }
        Optional<Fault> close = ctx.settings().fault(Fault.Kind.CLOSE_AFTER);
        if (close.isPresent() && count >= close.get().arg()) {
            synchronized (this) {
                clearOutboxLocked();
            }
            enqueueClose(1011, "fault close-after=" + close.get().arg());
        }
    }

    private void clearOutboxLocked() {
        outbox.clear();
        outboxBytes = 0;
    }

    private void cancelAllLocked() {
        operations.values().forEach(Chain::cancel);
        operations.clear();
        waitingForRoom.clear();
        connectionTasks.forEach(t -> t.cancel(false));
        connectionTasks.clear();
    }

    private void ended(int code, String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            // When the mock closed first, its close frame is how the conversation ended, whatever Jetty reports
            // next: the client's reply, a 1006 when the client dropped the connection before replying, or the
            // 1001 of the mock stopping in between.
            if (closeSent != null) {
                code = closeSent.closeCode();
                reason = closeSent.closeReason();
            }
            ended = true;
            closing = true;
            clearOutboxLocked();
            cancelAllLocked();
        }
        ctx.live().remove(id);
        WsConnection ended = accepted.toBuilder().closedMicros(Math.max(accepted.openedMicros(), ctx.audit().micros()))
                .closeCode(code).closeReason(reason).build();
        ctx.audit().connection(ended);
        boolean ack;
        synchronized (this) {
            ack = acknowledged;
        }
        ctx.ended(new dev.kosmirecorder.replayer.MockListener.ConnectionReport(remote, path(), 101, dialect.subprotocol(),
                accepted.responseHeaders().get("Sec-WebSocket-Extensions").orElse(""), ack, framesOut.get(), framesIn.get(), code, reason));
    }

    private String path() {
        String url = accepted.url();
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    static String closeReason(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            r = r.substring(0, r.length() - 2) + "…";
        }
        return r;
    }

    // ---------------------------------------------------------------- hooks for the admin endpoints

    /** The ids of the operations this client has running, with the operation name each matched. */
    public synchronized Map<String, String> subscriptions() {
        Map<String, String> names = new HashMap<>();
        operations.forEach((clientId, chain) -> names.put(clientId, chain.operation == null ? ""
                : String.valueOf(chain.operation.request().operationName())));
        return names;
    }

    /**
     * Sends {@code recorded} (a server message as the recording has it, in any dialect) to this client for its
     * operation {@code clientId}, translated to the client's dialect and with the client's id; false when the client
     * has no such operation running.
     */
    public boolean push(String clientId, ObjectNode recorded) {
        synchronized (this) {
            if (!operations.containsKey(clientId) || closing) {
                return false;
            }
        }
        RenderedMessage out = RenderedMessage.of(recorded, dialect);
        if (out != null) {
            sendText(out.text(RenderedMessage.quote(clientId)), false);
        }
        return true;
    }

    // ---------------------------------------------------------------- admin view

    /** A line for {@code GET /__admin/connections}. */
    public synchronized ObjectNode describe() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("remote", remote);
        o.put("subprotocol", dialect.subprotocol());
        o.put("origin", accepted.requestHeaders().get("Origin").orElse(null));
        o.put("userAgent", accepted.requestHeaders().get("User-Agent").orElse(null));
        o.put("openedMicros", accepted.openedMicros());
        o.put("framesIn", framesIn.get());
        o.put("framesOut", framesOut.get());
        o.put("initialised", initialised);
        o.putArray("operations").addAll(operations.keySet().stream()
                .map(JsonNodeFactory.instance::textNode).toList());
        return o;
    }

    @Override
    public String toString() {
        return "ClientConnection{id=" + id + ", " + dialect.subprotocol() + ", remote=" + remote + "}";
    }
}
