package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.protocol.Dialect;

/**
 * Turns a recorded server message, in whichever dialect it was recorded, into the client's dialect, so a
 * {@code graphql-ws} recording replays to a {@code graphql-transport-ws} client and back ({@link RenderedMessage}
 * then puts the client's operation id in). Messages with no counterpart (a {@code ka} for the newer dialect)
 * translate to null.
 */
public final class DialectTranslator {
    private DialectTranslator() {
    }

    public static ObjectNode translate(ObjectNode recorded, Dialect target) {
        ObjectNode out = recorded.deepCopy();
        String type = recorded.path("type").asText("");
        String translated = target == Dialect.GRAPHQL_WS ? toLegacy(type) : toTransport(type);
        if (translated == null) {
            return null;
        }
        out.put("type", translated);
        if (translated.equals("error") && out.has("payload")) {
            out.set("payload", errorPayload(out.get("payload"), target));
        }
        return out;
    }

    private static String toLegacy(String type) {
        return switch (type) {
            case "next" -> "data";
            case "ping" -> "ka";
            case "pong" -> null;
            default -> type;
        };
    }

    private static String toTransport(String type) {
        return switch (type) {
            case "data" -> "next";
            case "ka" -> null;
            default -> type;
        };
    }

    /** The legacy protocol's error payload is one error object; the newer one's is a list of them. */
    private static JsonNode errorPayload(JsonNode payload, Dialect target) {
        if (target == Dialect.GRAPHQL_TRANSPORT_WS && !payload.isArray()) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            list.add(payload);
            return list;
        }
        if (target == Dialect.GRAPHQL_WS && payload.isArray()) {
            return payload.isEmpty() ? JsonNodeFactory.instance.objectNode() : payload.get(0);
        }
        return payload;
    }

    /** An {@code error} message for an operation id, shaped for the dialect. */
    public static ObjectNode error(Dialect dialect, String id, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", "error");
        if (id != null) {
            out.put("id", id);
        }
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", message);
        if (dialect == Dialect.GRAPHQL_WS) {
            out.set("payload", error);
        } else {
            out.putArray("payload").add(error);
        }
        return out;
    }
}
