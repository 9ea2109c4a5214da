package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.internal.ReplayScript.HttpAnswer;
import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The one pass over a capture that makes its {@link ReplayScript}: it groups the recorded server frames by the client
 * frame they answer, and finds the recorded dialect, handshake answers, tokens and keep-alive period. Apart from
 * {@link ReplayScript} because replay only looks things up in the script, and never needs this grouping again.
 */
final class ReplayScriptReader {
    private ReplayScriptReader() {
    }

    static ReplayScript read(Capture capture) {
        List<HttpAnswer> http = new ArrayList<>();
        Set<String> tokens = new LinkedHashSet<>();
        Optional<String> allowOrigin = Optional.empty();
        for (HttpExchange e : capture.exchanges()) {
            String responseText = e.responseBody().isUtf8() ? e.responseBody().text() : "";
            collectTokens(responseText, tokens);
            Optional<ObjectNode> body = e.requestBody().isUtf8() ? ReplayScript.object(e.requestBody().text()) : Optional.empty();
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
                    ReplayScript.object(f.text()).ifPresent(m -> reader.read(f.direction(), f.timeMicros(), m));
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

    private static void collectTokens(String text, Set<String> tokens) {
        Matcher m = Jwt.COMPACT.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
    }
}
