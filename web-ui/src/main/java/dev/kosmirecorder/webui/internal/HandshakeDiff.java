package dev.kosmirecorder.webui.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.WsConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two WebSocket handshakes (for example the browser's recorded one and a client's attempt from the
 * mock's audit): status and subprotocol, request and response headers by name (case-insensitive), and the
 * fields of each side's {@code connection_init} payload, with Kosmi's base64 {@code ua} decoded. Each row says
 * {@code same}, {@code differs}, {@code missing-a} or {@code missing-b}; headers that differ on every
 * connection by design (the key, the accept hash, the date) are marked {@code varies}.
 */
final class HandshakeDiff {
    private static final Set<String> VARIES = Set.of("sec-websocket-key", "sec-websocket-accept", "date");

    /** One side: where the connection is, the connection, and its first client {@code connection_init}. */
    record Side(String sessionId, String sessionName, WsConnection connection, Optional<Frame> init) {
    }

    private HandshakeDiff() {
    }

    static ObjectNode compare(Side a, Side b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("a", side(a));
        o.set("b", side(b));
        ArrayNode summary = o.putArray("summary");
        row(summary, "URL", a.connection().url(), b.connection().url(), false);
        row(summary, "Status", status(a.connection()), status(b.connection()), false);
        row(summary, "Subprotocol", blankToNull(a.connection().subprotocol()), blankToNull(b.connection().subprotocol()), false);
        row(summary, "Refusal", a.connection().error(), b.connection().error(), false);
        o.set("requestHeaders", headers(a.connection().requestHeaders(), b.connection().requestHeaders()));
        o.set("responseHeaders", headers(a.connection().responseHeaders(), b.connection().responseHeaders()));
        o.set("connectionInit", initRows(initFields(a.init()), initFields(b.init())));
        return o;
    }

    private static ObjectNode side(Side s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("sessionId", s.sessionId());
        o.put("sessionName", s.sessionName());
        o.put("connectionId", s.connection().id());
        o.put("url", s.connection().url());
        o.put("hasConnectionInit", s.init().isPresent());
        return o;
    }

    private static ArrayNode headers(Headers a, Headers b) {
        // name (lower case) -> {name as first seen, value in a, value in b}; repeats are joined with a newline.
        Map<String, String[]> byName = new LinkedHashMap<>();
        addSide(byName, a, 1);
        addSide(byName, b, 2);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        byName.forEach((lower, entry) -> row(rows, entry[0], entry[1], entry[2], VARIES.contains(lower)));
        return rows;
    }

    private static void addSide(Map<String, String[]> byName, Headers headers, int side) {
        headers.toMap().forEach((name, value) -> {
            String[] entry = byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new String[] {name, null, null});
            entry[side] = entry[side] == null ? value : entry[side] + "\n" + value;
        });
    }

    private static ArrayNode initRows(Map<String, String> a, Map<String, String> b) {
        Map<String, String[]> byName = new LinkedHashMap<>();
        a.forEach((k, v) -> byName.computeIfAbsent(k, x -> new String[2])[0] = v);
        b.forEach((k, v) -> byName.computeIfAbsent(k, x -> new String[2])[1] = v);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        byName.forEach((name, v) -> row(rows, name, v[0], v[1], false));
        return rows;
    }

    /**
     * The init payload's fields as display text; {@code ua} (Kosmi sends the user agent base64-encoded) gets an
     * extra decoded row so a client's user agent can be compared with the browser's by eye.
     */
    static Map<String, String> initFields(Optional<Frame> init) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (init.isEmpty() || !init.get().payload().isUtf8()) {
            return fields;
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(init.get().payload().text()).path("payload");
        } catch (IOException e) {
            fields.put("(payload)", "not JSON: " + Views.preview(init.get().payload()));
            return fields;
        }
        if (!payload.isObject()) {
            fields.put("(payload)", payload.isMissingNode() ? "(none)" : Json.compact(payload));
            return fields;
        }
        payload.properties().forEach(e -> {
            JsonNode v = e.getValue();
            fields.put(e.getKey(), v.isTextual() ? v.textValue() : Json.compact(v));
            if (e.getKey().equals("ua") && v.isTextual()) {
                fields.put("ua (decoded)", decodeBase64Text(v.textValue()).orElse("(not base64 text)"));
            }
        });
        return fields;
    }

    static Optional<String> decodeBase64Text(String s) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s.strip());
        } catch (IllegalArgumentException e) {
            try {
                bytes = Base64.getUrlDecoder().decode(s.strip());
            } catch (IllegalArgumentException e2) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void row(ArrayNode rows, String name, String a, String b, boolean varies) {
        ObjectNode r = rows.addObject();
        r.put("name", name);
        r.put("a", a);
        r.put("b", b);
        String state = a == null && b == null ? "same"
                : a == null ? "missing-a"
                : b == null ? "missing-b"
                : a.equals(b) ? "same" : "differs";
        r.put("state", state);
        r.put("varies", varies);
    }

    private static String status(WsConnection c) {
        if (c.status() == 0) {
            return "no answer";
        }
        return (c.status() + " " + c.statusText()).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
