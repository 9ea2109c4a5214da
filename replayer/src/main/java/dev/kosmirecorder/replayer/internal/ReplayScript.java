package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.protocol.Dialect;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    ReplayScript(String name, List<HttpAnswer> http, List<ScriptedFrame> initAnswers, List<RecordedOperation> operations,
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

    /** Reads {@code capture} once, with {@link ReplayScriptReader}. */
    public static ReplayScript of(Capture capture) {
        return ReplayScriptReader.read(capture);
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
