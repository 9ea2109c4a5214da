package dev.kosmirecorder.replayer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a client sent the mock, as {@code GET /__admin/journal} lists it: a WebSocket frame of connection
 * {@code connection}, or an HTTP {@code POST /} ({@code connection} null, {@code type} {@code "http"}). {@code seq}
 * numbers every entry of one mock run, from 1, and never repeats (not even after the journal is emptied).
 *
 * @param connection    the WebSocket connection's number, as {@code GET /__admin/connections} shows it; null for HTTP
 * @param seq           the entry's place in the run, oldest first
 * @param time          when the mock received it
 * @param type          the frame's {@code type} ({@code start}, {@code subscribe}, {@code connection_init}, …), or
 *                      {@code http}; null when a frame had none
 * @param id            the frame's operation id; null when it has none
 * @param operationName the GraphQL operation the client named (or the query names); null when there is none
 * @param payload       the frame's {@code payload}, or the HTTP request body; null when absent or not JSON
 */
public record JournalEntry(Integer connection, long seq, Instant time, String type, String id, String operationName,
                           JsonNode payload) {
    public static final String HTTP = "http";

    public JournalEntry {
        Objects.requireNonNull(time, "time");
    }

    /** True for an entry that starts a GraphQL operation over WebSocket ({@code start} or {@code subscribe}). */
    public boolean isStart() {
        return "start".equals(type) || "subscribe".equals(type);
    }

    /** The GraphQL variables the client sent with it; an empty object when none. */
    public JsonNode variables() {
        JsonNode v = payload == null ? null : payload.get("variables");
        return v == null || v.isNull() ? JsonNodeFactory.instance.objectNode() : v;
    }

    /** The entry as the journal's JSON lists it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (connection == null) {
            o.putNull("connection");
        } else {
            o.put("connection", connection);
        }
        o.put("seq", seq);
        o.put("time", time.toString());
        o.put("type", type);
        o.put("id", id);
        o.put("operationName", operationName);
        o.set("payload", payload == null ? JsonNodeFactory.instance.nullNode() : payload);
        return o;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
