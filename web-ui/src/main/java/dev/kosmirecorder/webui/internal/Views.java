package dev.kosmirecorder.webui.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The API's JSON shapes for exchanges, connections and frames. Times are milliseconds since the session start
 * (as in fixtures). Payloads are shown up to {@link #MAX_SHOWN_BYTES}; beyond that the export has them whole.
 */
final class Views {
    /** Largest part of a body or frame sent to the page, so one huge frame cannot freeze the browser. */
    static final int MAX_SHOWN_BYTES = 1024 * 1024;
    /** Characters of a frame's payload shown in the frame table. */
    static final int PREVIEW_CHARS = 160;

    private Views() {
    }

    static ObjectNode exchange(HttpExchange e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.id());
        o.put("method", e.method());
        o.put("url", e.url());
        o.put("status", e.status());
        o.put("error", e.error());
        o.set("start", millis(e.startMicros()));
        o.set("end", e.endMicros() == null ? null : millis(e.endMicros()));
        o.set("requestHeaders", headers(e.requestHeaders()));
        o.set("responseHeaders", headers(e.responseHeaders()));
        o.set("requestBody", payload(e.requestBody()));
        o.set("responseBody", payload(e.responseBody()));
        Map<String, Jwt> jwts = new LinkedHashMap<>();
        collectJwts(jwts, e.url());
        collectJwts(jwts, e.requestHeaders());
        collectJwts(jwts, e.responseHeaders());
        collectJwts(jwts, e.requestBody());
        collectJwts(jwts, e.responseBody());
        o.set("jwts", jwts(jwts));
        return o;
    }

    static ObjectNode connection(WsConnection c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id());
        o.put("url", c.url());
        o.put("status", c.status());
        o.put("statusText", c.statusText());
        o.put("subprotocol", c.subprotocol());
        o.put("rejected", c.rejected());
        o.put("error", c.error());
        o.set("opened", millis(c.openedMicros()));
        o.set("closed", c.closedMicros() == null ? null : millis(c.closedMicros()));
        if (c.closeCode() == null) {
            o.putNull("closeCode");
        } else {
            o.put("closeCode", c.closeCode());
        }
        o.put("closeReason", c.closeReason());
        o.set("requestHeaders", headers(c.requestHeaders()));
        o.set("responseHeaders", headers(c.responseHeaders()));
        o.set("responseBody", payload(c.responseBody()));
        Map<String, Jwt> jwts = new LinkedHashMap<>();
        collectJwts(jwts, c.url());
        collectJwts(jwts, c.requestHeaders());
        collectJwts(jwts, c.responseHeaders());
        o.set("jwts", jwts(jwts));
        return o;
    }

    /** A frame table row: its fields and the start of its payload. */
    static ObjectNode frameRow(Frame f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", f.seq());
        o.put("connectionId", f.connectionId());
        o.set("t", millis(f.timeMicros()));
        o.put("dir", f.direction().wireName());
        o.put("opcode", f.opcode().wireName());
        o.put("size", f.payload().size());
        o.put("type", f.message().type());
        o.put("id", f.message().id());
        o.put("operation", f.message().operationName());
        o.put("preview", preview(f.payload()));
        return o;
    }

    /** One frame with its whole payload (up to the display limit). */
    static ObjectNode frame(Frame f) {
        ObjectNode o = frameRow(f);
        o.remove("preview");
        o.set("payload", payload(f.payload()));
        Map<String, Jwt> jwts = new LinkedHashMap<>();
        collectJwts(jwts, f.payload());
        o.set("jwts", jwts(jwts));
        return o;
    }

    /** Headers as {@code [[name, value], …]}: order, case and repeats kept, as a handshake comparison needs. */
    static ArrayNode headers(Headers headers) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Header h : headers.list()) {
            a.addArray().add(h.name()).add(h.value());
        }
        return a;
    }

    /**
     * A body or frame payload: UTF-8 text with its pretty-printed JSON form, or for other bytes hex and base64.
     * {@code truncated} says the page sees only the first {@link #MAX_SHOWN_BYTES}.
     */
    static ObjectNode payload(Payload p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("size", p.size());
        boolean truncated = p.size() > MAX_SHOWN_BYTES;
        o.put("truncated", truncated);
        if (p.isUtf8()) {
            String text = p.text();
            o.put("encoding", "text");
            if (truncated) {
                o.put("text", text.substring(0, Math.min(text.length(), MAX_SHOWN_BYTES)));
            } else {
                o.put("text", text);
                String pretty = Json.prettyOrSelf(text);
                o.put("json", pretty != text); // prettyOrSelf hands back the same string when the text is not JSON
                o.put("pretty", pretty);
            }
        } else {
            byte[] bytes = p.bytes();
            byte[] shown = truncated ? Arrays.copyOf(bytes, MAX_SHOWN_BYTES) : bytes;
            o.put("encoding", "binary");
            o.put("hex", hexDump(shown));
            o.put("base64", Base64.getEncoder().encodeToString(shown));
        }
        return o;
    }

    static String preview(Payload p) {
        if (!p.isUtf8()) {
            return "(binary, " + p.size() + " bytes)";
        }
        String text = p.size() > 4 * PREVIEW_CHARS ? new String(Arrays.copyOf(p.bytes(), 4 * PREVIEW_CHARS),
                StandardCharsets.UTF_8) : p.text();
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= PREVIEW_CHARS ? flat : flat.substring(0, PREVIEW_CHARS) + "…";
    }

    /** Sixteen bytes a line: offset, hex, and the printable ASCII of those bytes. */
    static String hexDump(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4 + 16);
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format("%08x  ", line));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    int b = bytes[i] & 0xff;
                    out.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }

    static BigDecimal millisValue(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }

    private static JsonNode millis(long micros) {
        return Json.MAPPER.getNodeFactory().numberNode(millisValue(micros));
    }

    private static void collectJwts(Map<String, Jwt> into, Headers headers) {
        headers.list().forEach(h -> collectJwts(into, h.value()));
    }

    private static void collectJwts(Map<String, Jwt> into, Payload p) {
        if (p.size() <= MAX_SHOWN_BYTES && p.isUtf8()) {
            collectJwts(into, p.text());
        }
    }

    private static void collectJwts(Map<String, Jwt> into, String text) {
        if (text == null || text.indexOf('.') < 0) {
            return;
        }
        Matcher m = Jwt.COMPACT.matcher(text);
        while (m.find()) {
            Jwt.tryDecode(m.group()).ifPresent(jwt -> into.putIfAbsent(jwt.raw(), jwt));
        }
    }

    /** Decoded JWTs: header, claims and expiry, for display. The raw token stays in the text, masked by the page. */
    private static ArrayNode jwts(Map<String, Jwt> jwts) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Jwt jwt : jwts.values()) {
            ObjectNode o = a.addObject();
            o.set("header", jwt.header());
            o.set("claims", jwt.claims());
            o.put("expiresAt", jwt.expiresAt().map(Object::toString).orElse(null));
            o.put("expired", jwt.isExpiredAt(Instant.now()));
        }
        return a;
    }
}
