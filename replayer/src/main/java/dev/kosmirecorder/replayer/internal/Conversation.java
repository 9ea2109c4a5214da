package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client's GraphQL-over-WebSocket conversation: its {@link Phase}, its running operations, and the answer to each
 * client message ({@code connection_init}'s by {@link ConnectionInit}); the recorded answers go through a
 * {@link Playback} into the {@link Outbox}, the {@link KeepAlives} after the ack. Thread-safe.
 */
final class Conversation {
    private static final int MAX_OPERATIONS = 1_000;

    /** Where the conversation is; it only moves forward. */
    enum Phase { CONNECTED, INITIALISED, ACKED }

    private final MockContext ctx;
    private final int connectionId;
    private final DialectRules rules;
    private final Outbox outbox;
    private final Playback playback;
    private final ConnectionInit init;
    private final KeepAlives keepAlives;
    private final Consumer<String> unmatched;
    // Guarded by this.
    private Phase phase = Phase.CONNECTED;
    private final Map<String, Chain> operations = new HashMap<>();
    /** Legacy operations started before the ack went out; they start playing when it has. */
    private final List<Chain> waitingForAck = new ArrayList<>();

    Conversation(MockContext ctx, int connectionId, DialectRules rules, Outbox outbox, FaultPlan faults, Consumer<String> unmatched) {
        this.ctx = ctx;
        this.connectionId = connectionId;
        this.rules = rules;
        this.outbox = outbox;
        this.unmatched = unmatched;
        this.playback = new Playback(ctx.scheduler(), ctx.settings()::scaledNanos, outbox, this::deliver);
        this.init = new ConnectionInit(ctx, rules, faults, this);
        this.keepAlives = new KeepAlives(ctx, rules, outbox);
    }

    Playback playback() {
        return playback;
    }

    /** A client text frame. */
    void received(String text) {
        Optional<ObjectNode> parsed = ReplayScript.object(text);
        if (parsed.isEmpty()) {
            protocolError(4400, "Invalid message: not a JSON object");
            return;
        }
        ObjectNode m = parsed.get();
        ctx.journal().clientFrame(connectionId, m, text.length()); // every client frame that is a JSON object, for /__admin/journal
        JsonNode typeNode = m.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            protocolError(4400, "Invalid message: no \"type\" string");
            return;
        }
        String type = typeNode.asText();
        if (type.equals("connection_init")) {
            init.received(m);
        } else if (type.equals(rules.dialect.startType())) {
            start(m);
        } else if (type.equals(rules.dialect.stopType())) {
            stop(m);
        } else {
            switch (rules.control(type)) {
                case TERMINATE -> close(1000, "connection_terminate");
                case PONG -> send(JsonNodeFactory.instance.objectNode().put("type", "pong"));
                case IGNORE -> { }
                case UNKNOWN -> protocolError(4400, "Invalid message type '" + GraphQlRequest.cut(type, 40) + "' for "
                        + rules.dialect.subprotocol());
            }
        }
    }

    void protocolError(int code, String reason) {
        if (rules.explainsBeforeClosing()) {
            send(DialectTranslator.error(rules.dialect, null, reason));
        }
        close(code, reason);
    }

    private void start(ObjectNode m) {
        String clientId = idOf(m);
        if (clientId == null) {
            protocolError(4400, "Invalid message: " + rules.dialect.startType() + " needs a string \"id\"");
            return;
        }
        int maxId = ctx.settings().bounds().maxIdChars();
        if (clientId.length() > maxId) {
            // Every answer carries the id: a long one multiplies what the outbox and the audit hold.
            close(1008, "id longer than " + maxId + " characters");
            return;
        }
        int refusedWith = 0;
        String refusal = null;
        synchronized (this) {
            if (phase == Phase.CONNECTED || (phase != Phase.ACKED && !rules.startsBeforeAck())) {
                refusedWith = 4401;
                refusal = "Unauthorized: wait for connection_ack before " + rules.dialect.startType();
            } else if (operations.size() >= MAX_OPERATIONS) {
                // Each running operation holds its id: with the id bound, this bounds a client's operations in bytes.
                refusedWith = 1008;
                refusal = "more than " + MAX_OPERATIONS + " operations running";
            } else if (operations.containsKey(clientId)) {
                refusedWith = 4409;
                refusal = "Subscriber for " + GraphQlRequest.cut(clientId, 60) + " already exists";
            }
        }
        if (refusal != null) {
            close(refusedWith, refusal);
            return;
        }
        GraphQlRequest wanted = GraphQlRequest.from(m.get("payload"));
        Optional<RecordedOperation> match = OperationMatcher.match(ctx.script().operations(), RecordedOperation::request, wanted);
        if (match.isEmpty()) {
            unmatched.accept(wanted.describe());
            send(DialectTranslator.error(rules.dialect, clientId, "kosmi-recorder mock: no recorded operation matches "
                    + wanted.describe() + "; the recording has: " + String.join(", ", ctx.script().operationNames())));
            return;
        }
        Chain chain = new Chain(match.get().answers(), System.nanoTime(), clientId, match.get());
        synchronized (this) {
            operations.put(clientId, chain);
            if (phase != Phase.ACKED) {
                waitingForAck.add(chain);
                return;
            }
        }
        playback.play(chain);
    }

    private void stop(ObjectNode m) {
        String clientId = idOf(m);
        if (clientId == null) {
            protocolError(4400, "Invalid message: " + rules.dialect.stopType() + " needs a string \"id\"");
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
        if (rules.answersStop()) {
            playback.play(new Chain(running.operation.stopAnswers(), System.nanoTime(), clientId, null));
        }
    }

    private static String idOf(ObjectNode m) {
        JsonNode id = m.get("id");
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
    }

    /** Sends one recorded frame of {@code chain}, and does what it means for the conversation. */
    private void deliver(ScriptedFrame frame, Chain chain) {
        String type = frame.type();
        if (rules.connectionErrorIsClose() && type.equals("connection_error")) {
            close(4403, "Forbidden");
            return;
        }
        boolean ack = type.equals("connection_ack");
        if (ack) {
            // Set before the ack leaves: the client may answer it before this thread runs again.
            synchronized (this) {
                phase = Phase.ACKED;
            }
        }
        RenderedMessage out = frame.rendered(rules.dialect);
        if (out != null) {
            String text = out.text(chain.quotedId);
            outbox.offer(text, text == out.text());
        }
        if (ack) {
            acked();
        }
        if (chain.clientId != null && (type.equals("complete") || type.equals("error"))) {
            synchronized (this) {
                operations.remove(chain.clientId, chain);
            }
        }
    }

    private void acked() {
        keepAlives.start();
        List<Chain> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(waitingForAck);
            waitingForAck.clear();
        }
        // Their recorded gaps count from now: the ack is what they waited for.
        for (Chain c : waiting) {
            c.baseNanos = System.nanoTime();
            playback.play(c);
        }
    }

    void send(ObjectNode message) {
        outbox.offer(Json.compact(message), false);
    }

    /** Closes after what is queued, and stops everything that would queue more. */
    void close(int code, String reason) {
        outbox.close(code, reason);
        stopAll();
    }

    /** Nothing more plays: the outbox is closing or the connection has ended. */
    synchronized void stopAll() {
        stopLocked();
    }

    private void stopLocked() {
        operations.values().forEach(Chain::cancel);
        operations.clear();
        waitingForAck.clear();
        playback.stop();
        keepAlives.stop();
    }

    synchronized Phase phase() {
        return phase;
    }

    /** Moves the phase on from {@code CONNECTED}; false when a {@code connection_init} came before. */
    synchronized boolean initialise() {
        if (phase != Phase.CONNECTED) {
            return false;
        }
        phase = Phase.INITIALISED;
        return true;
    }

    /** The ids of the running operations with the operation name each matched. */
    synchronized Map<String, String> subscriptions() {
        Map<String, String> names = new HashMap<>();
        operations.forEach((id, chain) -> names.put(id, chain.operation == null ? "" : String.valueOf(chain.operation.request().operationName())));
        return names;
    }

    /** Sends a server message for the running operation {@code clientId}, in this dialect; false when there is none. */
    boolean push(String clientId, ObjectNode recorded) {
        synchronized (this) {
            if (!operations.containsKey(clientId)) {
                return false;
            }
        }
        RenderedMessage out = RenderedMessage.of(recorded, rules.dialect);
        return out != null && outbox.offer(out.text(RenderedMessage.quote(clientId)), false);
    }
}
