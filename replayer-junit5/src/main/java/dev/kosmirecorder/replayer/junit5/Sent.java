package dev.kosmirecorder.replayer.junit5;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.replayer.JournalEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a test expects its client to have sent: a GraphQL operation by name, over WebSocket or {@code POST /}, and
 * optionally some of its variables or payload fields. Immutable; each {@code with…} returns a new pattern.
 *
 * <pre>{@code
 * mock.verify(sent("SendMessage").withVariable("body", "hi"));
 * mock.verify(0, sent("LeaveRoom"));
 * }</pre>
 *
 * Values are compared as JSON ({@code 1} equals {@code 1.0}); a Java value is turned into JSON by Jackson, a
 * {@link JsonNode} is taken as is.
 */
public final class Sent {
    /** Numbers compare by value, so an {@code int} expectation matches a client's {@code 1.0}. */
    private static final Comparator<JsonNode> JSON_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final String operation;
    /** Payload field (a JSON pointer) to expected value, in the order the test gave them. */
    private final Map<String, JsonNode> expected;

    private Sent(String operation, Map<String, JsonNode> expected) {
        this.operation = operation;
        this.expected = Collections.unmodifiableMap(expected);
    }

    /** The operation named {@code operation} (its {@code operationName}, or the name in its query). */
    public static Sent sent(String operation) {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("name the operation, for example sent(\"SendMessage\")");
        }
        return new Sent(operation, new LinkedHashMap<>());
    }

    /** ... whose variable {@code name} is {@code value}. */
    public Sent withVariable(String name, Object value) {
        Objects.requireNonNull(name, "name");
        return where("/variables/" + name.replace("~", "~0").replace("/", "~1"), value);
    }

    /** ... whose variables include all of these, given as a JSON object ({@code {"body":"hi"}}). */
    public Sent withVariables(String json) {
        JsonNode node = parse(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("withVariables takes a JSON object such as {\"body\":\"hi\"}: " + json);
        }
        Sent s = this;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            s = s.withVariable(e.getKey(), e.getValue());
        }
        return s;
    }

    /** ... whose payload has {@code value} at the JSON pointer {@code pointer}, for example {@code "/variables/roomId"}. */
    public Sent where(String pointer, Object value) {
        JsonPointer.compile(pointer); // fails early, with Jackson's message, on a malformed pointer
        Map<String, JsonNode> more = new LinkedHashMap<>(expected);
        more.put(pointer, value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value));
        return new Sent(operation, more);
    }

    public String operation() {
        return operation;
    }

    /** True when the entry is this operation with every expected value. */
    public boolean matches(JournalEntry e) {
        return operation.equals(e.operationName()) && differences(e).isEmpty();
    }

    /** What differs between the entry and this pattern, one line each ({@code variables.body was "hello", expected "hi"}). */
    List<String> differences(JournalEntry e) {
        List<String> out = new ArrayList<>();
        if (!operation.equals(e.operationName())) {
            out.add("operation was " + e.operationName() + ", expected " + operation);
        }
        JsonNode payload = e.payload() == null ? Json.MAPPER.createObjectNode() : e.payload();
        expected.forEach((pointer, want) -> {
            JsonNode got = payload.at(pointer);
            if (got.isMissingNode()) {
                out.add(path(pointer) + " was missing, expected " + Json.compact(want));
            } else if (!got.equals(JSON_VALUE, want)) {
                out.add(path(pointer) + " was " + Json.compact(got) + ", expected " + Json.compact(want));
            }
        });
        return out;
    }

    private static String path(String pointer) {
        return pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@code SendMessage with variables.body = "hi"}. */
    @Override
    public String toString() {
        if (expected.isEmpty()) {
            return operation;
        }
        List<String> parts = new ArrayList<>();
        expected.forEach((p, v) -> parts.add(path(p) + " = " + Json.compact(v)));
        return operation + " with " + String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sent s && s.operation.equals(operation) && s.expected.equals(expected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, expected);
    }
}
