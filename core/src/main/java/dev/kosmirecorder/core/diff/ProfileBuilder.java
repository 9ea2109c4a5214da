package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.GraphQlMessage;
import dev.kosmirecorder.core.protocol.OperationTracker;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link CaptureProfile} from a capture fed piece by piece (exchanges, connections, then frames in seq
 * order), keeping only bounded summaries, so a million-frame session profiles in constant memory. Not
 * thread-safe; one builder per capture.
 */
public final class ProfileBuilder {
    /** Most distinct operations, message types or HTTP keys kept; more are counted under {@link #OTHER}. */
    static final int MAX_KEYS = 1000;
    static final String OTHER = "(other)";

    private final String label;
    private final OperationTracker tracker = new OperationTracker();
    private final Map<String, OperationAccumulator> operations = new HashMap<>();
    private final Map<String, Long> messageTypes = new HashMap<>();
    private final Map<String, ValueSet.Builder> requestHeaders = new HashMap<>();
    private final Map<String, ValueSet.Builder> responseHeaders = new HashMap<>();
    private final Map<String, ValueSet.Builder> connection = new HashMap<>();
    private final Map<String, ValueSet.Builder> initFields = new HashMap<>();
    private final Map<String, HttpAccumulator> http = new HashMap<>();
    private long frames;

    public ProfileBuilder(String label) {
        this.label = label;
    }

    public void exchange(HttpExchange e) {
        JsonNode request = Json.parseContainer(text(e.requestBody())).orElse(null);
        String key = HttpKeys.of(e, request);
        HttpAccumulator acc = http.computeIfAbsent(bounded(key, http), HttpAccumulator::new);
        acc.count++;
        acc.statuses.add(e.status() == 0 ? "failed" : Integer.toString(e.status()));
        boolean graphQl = request != null && request.isObject() && request.has("query");
        acc.request.add(graphQl ? request.get("variables") : request);
        acc.response.add(Json.parseContainer(text(e.responseBody())).orElse(null));
    }

    public void connection(WsConnection c) {
        values(connection, "url").add(HttpKeys.hostAndPath(c.url()));
        values(connection, "status").add(c.status() == 0 ? "unknown" : Integer.toString(c.status()));
        values(connection, "subprotocol").add(c.subprotocol().isEmpty() ? "(none)" : c.subprotocol());
        values(connection, "extensions").add(c.responseHeaders().get("Sec-WebSocket-Extensions").orElse("(none)"));
        headers(requestHeaders, c.requestHeaders());
        headers(responseHeaders, c.responseHeaders());
    }

    public void frame(Frame raw) {
        Frame f = tracker.annotate(raw);
        frames++;
        String dir = f.direction().wireName();
        String text = f.opcode() == Opcode.TEXT ? textOrNull(f) : null;
        if (text == null) {
            count(dir + ".(binary)");
            return;
        }
        GraphQlMessage m = f.message();
        String type = m.type() == null ? "(not graphql-ws)" : m.type();
        count(dir + "." + type);
        if (m.operationName() != null) {
            operation(f, text, m, type);
        } else if (f.direction() == Direction.SENT && type.equals("connection_init")) {
            Json.parseContainer(text).map(n -> n.get("payload")).ifPresent(this::init);
        }
    }

    private static String textOrNull(Frame f) {
        try {
            return f.payload().text();
        } catch (IllegalStateException e) {
            return null; // not UTF-8: counted as binary
        }
    }

    public CaptureProfile build() {
        Map<String, OperationProfile> ops = new TreeMap<>();
        operations.forEach((k, v) -> ops.put(k, v.build()));
        Map<String, HttpProfile> exchanges = new TreeMap<>();
        http.forEach((k, v) -> exchanges.put(k, v.build()));
        return new CaptureProfile(label, frames, ops, messageTypes, built(requestHeaders), built(responseHeaders),
                built(connection), built(initFields), exchanges);
    }

    private void operation(Frame f, String text, GraphQlMessage m, String type) {
        OperationAccumulator acc = operations.computeIfAbsent(bounded(m.operationName(), operations), OperationAccumulator::new);
        acc.frame(f.connectionId(), f.direction(), f.timeMicros());
        boolean start = type.equals("start") || type.equals("subscribe");
        // Not "error": its payload is an object in one dialect and an array in the other, and an error is an
        // incident of one recording rather than the operation's shape.
        boolean result = type.equals("data") || type.equals("next");
        if (!(start && f.direction() == Direction.SENT) && !(result && f.direction() == Direction.RECEIVED)) {
            return;
        }
        JsonNode payload = Json.parseContainer(text).map(n -> n.get("payload")).orElse(null);
        if (start) {
            acc.variables.add(payload == null ? null : payload.get("variables"));
        } else {
            acc.result.add(payload);
        }
    }

    private void init(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            values(initFields, "(payload)").add(payload == null ? "(missing)" : JsonType.of(payload).wireName());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String shown;
            if (Volatility.isSecretName(e.getKey())) {
                shown = "(secret " + JsonType.of(v).wireName() + ")";
            } else if (e.getKey().equals("ua") && v.isTextual()) {
                shown = InitValues.decodedUserAgent(v.asText());
            } else {
                shown = InitValues.show(v);
            }
            values(initFields, ShapeAccumulator.child("", e.getKey())).add(shown);
        }
    }

    private void headers(Map<String, ValueSet.Builder> into, Headers headers) {
        for (Header h : headers.list()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (Volatility.isPerConnectionHeader(name)) {
                continue;
            }
            String value = Volatility.isValueVolatileHeader(name) || Volatility.isVolatileValue(h.value())
                    ? "(volatile)" : HttpKeys.withoutLoopbackPort(h.value());
            values(into, name).add(value);
        }
    }

    private void count(String key) {
        messageTypes.merge(bounded(key, messageTypes), 1L, Long::sum);
    }

    private static ValueSet.Builder values(Map<String, ValueSet.Builder> map, String key) {
        return map.computeIfAbsent(bounded(key, map), k -> new ValueSet.Builder());
    }

    private static String bounded(String key, Map<String, ?> map) {
        return map.containsKey(key) || map.size() < MAX_KEYS ? key : OTHER;
    }

    private static Map<String, ValueSet> built(Map<String, ValueSet.Builder> map) {
        Map<String, ValueSet> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.build()));
        return out;
    }

    private static String text(dev.kosmirecorder.core.model.Payload p) {
        return p.isUtf8() ? p.text().strip() : "";
    }

    private static final class OperationAccumulator {
        final String name;
        final ShapeAccumulator variables = new ShapeAccumulator();
        final ShapeAccumulator result = new ShapeAccumulator();
        final GapHistogram gaps = new GapHistogram();
        long sent;
        long received;
        /** The time of the operation's last frame on each connection: gaps are measured within a connection. */
        final Map<Integer, Long> lastMicros = new HashMap<>();

        OperationAccumulator(String name) {
            this.name = name;
        }

        void frame(int connectionId, Direction direction, long micros) {
            if (direction == Direction.SENT) {
                sent++;
            } else {
                received++;
            }
            Long last = lastMicros.put(connectionId, micros);
            if (last != null) {
                gaps.add(micros - last);
            }
        }

        OperationProfile build() {
            return new OperationProfile(name, sent, received, gaps.medianMicros(), variables.build(), result.build());
        }
    }

    private static final class HttpAccumulator {
        final String key;
        final ValueSet.Builder statuses = new ValueSet.Builder();
        final ShapeAccumulator request = new ShapeAccumulator();
        final ShapeAccumulator response = new ShapeAccumulator();
        long count;

        HttpAccumulator(String key) {
            this.key = key;
        }

        HttpProfile build() {
            return new HttpProfile(key, count, statuses.build(), request.build(), response.build());
        }
    }
}
