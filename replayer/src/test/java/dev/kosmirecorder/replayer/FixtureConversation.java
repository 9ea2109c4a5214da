package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.protocol.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client side of a fixture's first connection, replayed with the client's own ids ("a", "b", …) in a given
 * dialect, and the server frames the recording says each id must receive. {@link #play} runs it against a socket
 * and checks every id got exactly its recorded frames, in order.
 */
final class FixtureConversation {
    final Dialect dialect;
    final String init;
    final List<String> starts = new ArrayList<>();
    final List<String> stops = new ArrayList<>();
    /** Per client id: what the server must send before the client stops it. */
    final Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    /** Per client id: what the server must send after the client's stop (legacy only). */
    final Map<String, List<JsonNode>> expectedAfterStop = new LinkedHashMap<>();

    FixtureConversation(Capture capture, Dialect dialect) {
        this.dialect = dialect;
        int connection = capture.connections().get(0).id();
        Map<String, String> ids = new HashMap<>();
        Map<String, Boolean> stopped = new HashMap<>();
        String initFrame = null;
        for (Frame f : capture.framesOf(connection)) {
            ObjectNode m = parse(f.text());
            String type = m.path("type").asText();
            String recordedId = m.hasNonNull("id") ? m.get("id").asText() : null;
            if (f.direction() == Direction.SENT) {
                switch (type) {
                    case "connection_init" -> initFrame = f.text();
                    case "start", "subscribe" -> {
                        String id = String.valueOf((char) ('a' + ids.size()));
                        ids.put(recordedId, id);
                        expected.put(id, new ArrayList<>());
                        m.put("id", id).put("type", dialect.startType());
                        starts.add(Json.compact(m));
                    }
                    case "stop", "complete" -> {
                        String id = ids.get(recordedId);
                        stopped.put(recordedId, true);
                        stops.add(Json.compact(m.put("id", id).put("type", dialect.stopType())));
                    }
                    default -> { }
                }
            } else if (recordedId != null && ids.containsKey(recordedId)) {
                String id = ids.get(recordedId);
                m.put("id", id);
                if (dialect == Dialect.GRAPHQL_TRANSPORT_WS && type.equals("data")) {
                    m.put("type", "next");
                }
                if (stopped.getOrDefault(recordedId, false)) {
                    if (dialect == Dialect.GRAPHQL_WS) {
                        expectedAfterStop.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
                    }
                } else {
                    expected.get(id).add(m);
                }
            }
        }
        this.init = initFrame;
    }

    /** Runs the whole conversation on the socket and asserts what each id received; returns the frame count. */
    int play(TestSocket socket) {
        socket.send(init);
        assertThat(parse(nextProtocolFrame(socket)).path("type").asText()).isEqualTo("connection_ack");
        starts.forEach(socket::send);
        Map<String, List<JsonNode>> received = collect(socket, expected);
        assertThat(received).isEqualTo(expected);
        stops.forEach(socket::send);
        Map<String, List<JsonNode>> afterStop = collect(socket, expectedAfterStop);
        assertThat(afterStop).isEqualTo(expectedAfterStop);
        return received.values().stream().mapToInt(List::size).sum() + afterStop.values().stream().mapToInt(List::size).sum();
    }

    /** Reads frames until every id has as many as it should; keep-alives are skipped. */
    private Map<String, List<JsonNode>> collect(TestSocket socket, Map<String, List<JsonNode>> wanted) {
        Map<String, List<JsonNode>> received = new LinkedHashMap<>();
        wanted.keySet().forEach(id -> received.put(id, new ArrayList<>()));
        int missing = wanted.values().stream().mapToInt(List::size).sum();
        while (missing > 0) {
            ObjectNode m = parse(nextProtocolFrame(socket));
            String id = m.path("id").asText(null);
            assertThat(received).as("frame for an id the client did not start: " + m).containsKey(id);
            received.get(id).add(m);
            missing--;
        }
        return received;
    }

    /** The next frame that is not a keep-alive (answering a ping, as graphql-transport-ws asks). */
    static String nextProtocolFrame(TestSocket socket) {
        while (true) {
            String text = socket.nextText();
            String type = parse(text).path("type").asText();
            if (type.equals("ping")) {
                socket.send("{\"type\":\"pong\"}");
            } else if (!type.equals("ka") && !type.equals("pong")) {
                return text;
            }
        }
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int operationCount() {
        return starts.size();
    }
}
