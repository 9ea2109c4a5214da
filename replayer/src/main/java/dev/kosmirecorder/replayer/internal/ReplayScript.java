package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A capture turned, once, into what the mock plays: the HTTP answers, the answers to {@code connection_init},
 * and per recorded operation the server frames with their offsets from the client frame they answer. Immutable
 * and shared by every client, so replay never reads the store.
 */
public final class ReplayScript {

    /** A recorded {@code POST /} and its answer. */
    public record HttpAnswer(GraphQlRequest request, int status, String contentType, String body) { }

    /**
     * A server frame and how long after the client frame it answers it was sent, in recorded microseconds; its
     * recorded {@code type}, and its text in each dialect, rendered once (null where it has no counterpart).
     */
    public record ScriptedFrame(long offsetMicros, String type, RenderedMessage legacy, RenderedMessage transport) {
        /** Renders {@code message} once; the tree itself is not kept (a long recording's trees were most of serve's heap). */
        public ScriptedFrame(long offsetMicros, ObjectNode message) {
            this(offsetMicros, message.path("type").asText(""), RenderedMessage.of(message, Dialect.GRAPHQL_WS),
                    RenderedMessage.of(message, Dialect.GRAPHQL_TRANSPORT_WS));
        }

        public RenderedMessage rendered(Dialect dialect) {
            return dialect == Dialect.GRAPHQL_WS ? legacy : transport;
        }
    }

    /**
     * A recorded {@code start}/{@code subscribe}: the frames the server sent for its id before the client stopped
     * it (offsets from the start), and those it sent after the client's {@code stop} (offsets from the stop).
     */
    public record RecordedOperation(String recordedId, GraphQlRequest request, List<ScriptedFrame> answers,
                                    List<ScriptedFrame> stopAnswers) {
        public RecordedOperation {
            answers = List.copyOf(answers);
            stopAnswers = List.copyOf(stopAnswers);
        }
    }

    private final String name;
    private final List<HttpAnswer> http;
    private final List<ScriptedFrame> initAnswers;
    private final List<RecordedOperation> operations;
    private final long keepAliveMicros;
    private final Dialect recordedDialect;
    private final Set<String> recordedSubprotocols;
    private final Set<String> recordedTokens;
    private final Optional<String> recordedAllowOrigin;
    private final Optional<String> recordedExtensions;

    private ReplayScript(String name, List<HttpAnswer> http, List<ScriptedFrame> initAnswers, List<RecordedOperation> operations,
                         long keepAliveMicros, Dialect recordedDialect, Set<String> recordedSubprotocols,
                         Set<String> recordedTokens, Optional<String> recordedAllowOrigin, Optional<String> recordedExtensions) {
        this.name = name;
        this.http = List.copyOf(http);
        this.initAnswers = List.copyOf(initAnswers);
        this.operations = List.copyOf(operations);
        this.keepAliveMicros = keepAliveMicros;
        this.recordedDialect = recordedDialect;
        this.recordedSubprotocols = Set.copyOf(recordedSubprotocols);
        this.recordedTokens = Set.copyOf(recordedTokens);
        this.recordedAllowOrigin = recordedAllowOrigin;
        this.recordedExtensions = recordedExtensions;
    }

    public static ReplayScript of(Capture capture) {
        List<HttpAnswer> http = new ArrayList<>();
        Set<String> tokens = new LinkedHashSet<>();
        Optional<String> allowOrigin = Optional.empty();
        for (HttpExchange e : capture.exchanges()) {
            String responseText = e.responseBody().isUtf8() ? e.responseBody().text() : "";
            collectTokens(responseText, tokens);
            Optional<ObjectNode> body = e.requestBody().isUtf8() ? object(e.requestBody().text()) : Optional.empty();
            if (!"POST".equalsIgnoreCase(e.method()) || body.isEmpty()) {
                continue;
            }
            http.add(new HttpAnswer(GraphQlRequest.from(body.get()), e.status() == 0 ? 200 : e.status(),
                    e.responseHeaders().get("content-type").orElse("application/json"), responseText));
            if (allowOrigin.isEmpty()) {
                allowOrigin = e.responseHeaders().get("access-control-allow-origin");
            }
        }

        List<ScriptedFrame> initAnswers = null;
        List<RecordedOperation> operations = new ArrayList<>();
        List<Long> keepAliveGaps = new ArrayList<>();
        Dialect dialect = null;
        Set<String> subprotocols = new LinkedHashSet<>();
        Optional<String> extensions = Optional.empty();
        boolean sawAccepted = false;
        for (WsConnection c : capture.connections()) {
            if (c.rejected()) {
                continue;
            }
            if (!sawAccepted) {
                // The first accepted handshake speaks for the server: what it answered is what the mock answers.
                sawAccepted = true;
                extensions = c.responseHeaders().get("Sec-WebSocket-Extensions").filter(v -> !v.isBlank());
            }
            if (!c.subprotocol().isEmpty()) {
                subprotocols.add(c.subprotocol());
                if (dialect == null) {
                    dialect = Dialect.fromSubprotocol(c.subprotocol()).orElse(null);
                }
            }
            ConnectionReader reader = new ConnectionReader();
            for (Frame f : capture.framesOf(c.id())) {
                if (f.opcode() == Opcode.TEXT && f.payload().isUtf8()) {
                    if (f.direction() == Direction.SENT) {
                        collectTokens(f.text(), tokens);
                    }
                    object(f.text()).ifPresent(m -> reader.read(f.direction(), f.timeMicros(), m));
                }
            }
            if (initAnswers == null && reader.initMicros != null) {
                initAnswers = reader.initAnswers;
            }
            if (dialect == null && reader.sawSubscribe) {
                dialect = Dialect.GRAPHQL_TRANSPORT_WS;
            }
            reader.operations.forEach(op -> operations.add(op.build()));
            for (int i = 1; i < reader.keepAlives.size(); i++) {
                keepAliveGaps.add(reader.keepAlives.get(i) - reader.keepAlives.get(i - 1));
            }
        }
        keepAliveGaps.sort(null);
        long keepAlive = keepAliveGaps.isEmpty() ? 0 : keepAliveGaps.get(keepAliveGaps.size() / 2);
        return new ReplayScript(capture.session().name(), http, initAnswers == null ? List.of() : initAnswers, operations,
                keepAlive, dialect == null ? Dialect.GRAPHQL_WS : dialect, subprotocols, tokens, allowOrigin, extensions);
    }

    /** Follows one recorded connection's frames and groups the server's by the client frame they answer. */
    private static final class ConnectionReader {
        final List<ScriptedFrame> initAnswers = new ArrayList<>();
        final List<OperationBuilder> operations = new ArrayList<>();
        final Map<String, OperationBuilder> byId = new HashMap<>();
        final List<Long> keepAlives = new ArrayList<>();
        Long initMicros;
        boolean sawSubscribe;

        void read(Direction direction, long micros, ObjectNode m) {
            String type = m.path("type").asText("");
            String id = m.path("id").isValueNode() && !m.path("id").isNull() ? m.get("id").asText() : null;
            if (direction == Direction.SENT) {
                switch (type) {
                    case "connection_init" -> {
                        if (initMicros == null) {
                            initMicros = micros;
                        }
                    }
                    case "start", "subscribe" -> {
                        sawSubscribe |= type.equals("subscribe");
                        if (id != null) {
                            OperationBuilder op = new OperationBuilder(id, GraphQlRequest.from(m.get("payload")), micros);
                            operations.add(op);
                            byId.put(id, op);
                        }
                    }
                    case "stop", "complete" -> {
                        OperationBuilder op = id == null ? null : byId.get(id);
                        if (op != null && op.stopMicros == null) {
                            op.stopMicros = micros;
                        }
                    }
                    default -> { }
                }
                return;
            }
            if (type.equals("ka") || type.equals("ping")) {
                keepAlives.add(micros);
                return;
            }
            if (type.equals("pong")) {
                return;
            }
            if (id != null) {
                OperationBuilder op = byId.get(id);
                if (op != null) {
                    op.add(micros, m);
                }
            } else if (initMicros != null) {
                initAnswers.add(new ScriptedFrame(Math.max(0, micros - initMicros), m));
            }
        }
    }

    private static final class OperationBuilder {
        final String id;
        final GraphQlRequest request;
        final long startMicros;
        final List<ScriptedFrame> answers = new ArrayList<>();
        final List<ScriptedFrame> stopAnswers = new ArrayList<>();
        Long stopMicros;

        OperationBuilder(String id, GraphQlRequest request, long startMicros) {
            this.id = id;
            this.request = request;
            this.startMicros = startMicros;
        }

        void add(long micros, ObjectNode m) {
            if (stopMicros == null) {
                answers.add(new ScriptedFrame(Math.max(0, micros - startMicros), m));
            } else {
                stopAnswers.add(new ScriptedFrame(Math.max(0, micros - stopMicros), m));
            }
        }

        RecordedOperation build() {
            return new RecordedOperation(id, request, answers, stopAnswers);
        }
    }

    static Optional<ObjectNode> object(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void collectTokens(String text, Set<String> tokens) {
        Matcher m = Jwt.COMPACT.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
    }

    public String name() {
        return name;
    }

    public List<HttpAnswer> http() {
        return http;
    }

    public List<ScriptedFrame> initAnswers() {
        return initAnswers;
    }

    public List<RecordedOperation> operations() {
        return operations;
    }

    /** The recorded keep-alive period in microseconds; 0 when the recording shows none. */
    public long keepAliveMicros() {
        return keepAliveMicros;
    }

    public Dialect recordedDialect() {
        return recordedDialect;
    }

    public Set<String> recordedSubprotocols() {
        return recordedSubprotocols;
    }

    public boolean isRecordedToken(String token) {
        return recordedTokens.contains(token);
    }

    /** The {@code Access-Control-Allow-Origin} the real server answered, if the recording has one. */
    public Optional<String> recordedAllowOrigin() {
        return recordedAllowOrigin;
    }

    /** The {@code Sec-WebSocket-Extensions} the recorded server answered its first accepted handshake with, if any. */
    public Optional<String> recordedExtensions() {
        return recordedExtensions;
    }

    /** The distinct operation names of the recorded WebSocket operations, in recorded order. */
    public List<String> operationNames() {
        return operations.stream().map(op -> op.request().operationName()).filter(n -> n != null).distinct().toList();
    }

    public List<String> httpOperationNames() {
        return http.stream().map(a -> a.request().operationName()).filter(n -> n != null).distinct().toList();
    }

    @Override
    public String toString() {
        return "ReplayScript{" + name + ", " + http.size() + " HTTP answers, " + operations.size() + " operations}";
    }
}
