package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Streams one capture out as HAR 1.2 in Chrome's shape; see {@link HarCodec}. */
final class HarWriter {
    static final String PAGE_ID = "page_1";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final CaptureSource capture;
    private JsonGenerator g;

    HarWriter(CaptureSource capture) {
        this.capture = capture;
    }

    void write(Writer out) throws IOException {
        try (JsonGenerator generator = Json.prettyGenerator(out)) {
            g = generator;
            g.writeStartObject();
            g.writeObjectFieldStart("log");
            g.writeStringField("version", "1.2");
            g.writeObjectFieldStart("creator");
            g.writeStringField("name", HarCodec.CREATOR);
            String version = HarCodec.class.getPackage().getImplementationVersion();
            g.writeStringField("version", version == null ? "development" : version);
            g.writeEndObject();
            // Ahead of the entries, so that a streaming reader knows the session before its first entry.
            g.writeObjectFieldStart("_kosmi");
            g.writeNumberField("formatVersion", FixtureCodec.FORMAT_VERSION);
            g.writeFieldName("session");
            g.writeTree(FixtureCodec.sessionJson(capture.session()));
            g.writeEndObject();
            writePage();
            g.writeArrayFieldStart("entries");
            for (Object entry : entriesInTimeOrder()) {
                if (entry instanceof HttpExchange e) {
                    writeExchange(e);
                } else {
                    writeConnection((WsConnection) entry);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private List<Object> entriesInTimeOrder() {
        record Timed(long micros, int kind, Object entry) {
        }
        List<Timed> entries = new ArrayList<>();
        capture.exchanges().forEach(e -> entries.add(new Timed(e.startMicros(), 0, e)));
        capture.connections().forEach(c -> entries.add(new Timed(c.openedMicros(), 1, c)));
        entries.sort(Comparator.comparingLong(Timed::micros).thenComparingInt(Timed::kind));
        return entries.stream().map(Timed::entry).toList();
    }

    private void writePage() throws IOException {
        g.writeArrayFieldStart("pages");
        g.writeStartObject();
        g.writeStringField("startedDateTime", dateTime(capture.session().startedAt()));
        g.writeStringField("id", PAGE_ID);
        String target = capture.session().target();
        g.writeStringField("title", target.isEmpty() ? capture.session().name() : target);
        g.writeObjectFieldStart("pageTimings");
        g.writeNumberField("onContentLoad", -1);
        g.writeNumberField("onLoad", -1);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
    }

    private void writeExchange(HttpExchange e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("_kosmi");
        g.writeNumberField("id", e.id());
        g.writeStringField("requestId", e.requestId());
        if (e.endMicros() == null) {
            g.writeBooleanField("unfinished", true);
        }
        g.writeEndObject();
        g.writeStringField("_resourceType", "fetch");
        g.writeStringField("pageref", PAGE_ID);
        g.writeStringField("startedDateTime", dateTime(capture.session().wallTime(e.startMicros())));
        BigDecimal time = millis(e.endMicros() == null ? 0 : e.endMicros() - e.startMicros());
        g.writeNumberField("time", time);

        g.writeObjectFieldStart("request");
        writeRequestLine(e.method(), e.url(), e.requestHeaders(), e.requestBody().size());
        if (!e.requestBody().isEmpty()) {
            g.writeObjectFieldStart("postData");
            g.writeStringField("mimeType", e.requestHeaders().get("Content-Type").orElse(""));
            writeBody(e.requestBody(), "_encoding");
            g.writeEndObject();
        }
        g.writeEndObject();

        g.writeObjectFieldStart("response");
        writeResponse(e.status(), "", e.responseHeaders(), e.responseBody(), e.error());
        g.writeEndObject();

        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        writeTimings(time);
        g.writeEndObject();
    }

    private void writeConnection(WsConnection c) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("_kosmi");
        g.writeNumberField("id", c.id());
        g.writeStringField("requestId", c.requestId());
        g.writeStringField("subprotocol", c.subprotocol());
        g.writeBooleanField("rejected", c.rejected());
        if (c.closedMicros() == null) {
            g.writeBooleanField("unfinished", true);
        }
        if (c.closeCode() != null) {
            g.writeNumberField("closeCode", c.closeCode());
        }
        if (c.closeReason() != null) {
            g.writeStringField("closeReason", c.closeReason());
        }
        g.writeEndObject();
        g.writeStringField("_resourceType", "websocket");
        g.writeStringField("pageref", PAGE_ID);
        g.writeStringField("startedDateTime", dateTime(capture.session().wallTime(c.openedMicros())));
        BigDecimal time = millis(c.closedMicros() == null ? 0 : c.closedMicros() - c.openedMicros());
        g.writeNumberField("time", time);

        g.writeObjectFieldStart("request");
        writeRequestLine("GET", c.url(), c.requestHeaders(), 0);
        g.writeEndObject();

        g.writeObjectFieldStart("response");
        writeResponse(c.status(), c.statusText(), c.responseHeaders(), c.responseBody(), c.error());
        g.writeEndObject();

        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        writeTimings(time);

        g.writeArrayFieldStart("_webSocketMessages");
        Long lastFrameMicros = null;
        for (Frame f : capture.frames(c.id())) {
            lastFrameMicros = f.timeMicros();
            g.writeStartObject();
            g.writeStringField("type", f.direction() == Direction.SENT ? "send" : "receive");
            g.writeNumberField("time", epochSeconds(f.timeMicros()));
            g.writeNumberField("opcode", f.opcode().code());
            g.writeStringField("data", f.opcode() == Opcode.TEXT ? f.payload().text() : f.payload().base64());
            g.writeEndObject();
        }
        if (c.error() != null && !c.rejected()) {
            // Chrome reports a WebSocket failure after the upgrade as an "error" message with opcode -1.
            long at = c.closedMicros() != null ? c.closedMicros() : lastFrameMicros == null ? c.openedMicros() : lastFrameMicros;
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeNumberField("time", epochSeconds(at));
            g.writeNumberField("opcode", -1);
            g.writeStringField("data", c.error());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeRequestLine(String method, String url, Headers headers, int bodySize) throws IOException {
        g.writeStringField("method", method);
        g.writeStringField("url", url);
        g.writeStringField("httpVersion", "HTTP/1.1");
        writeHeaders(headers);
        writeNameValues("queryString", queryString(url));
        writeNameValues("cookies", cookies(headers, "Cookie", line -> List.of(line.split(";"))));
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", bodySize);
    }

    private void writeResponse(int status, String statusText, Headers headers, Payload body, String error) throws IOException {
        g.writeNumberField("status", status);
        g.writeStringField("statusText", statusText);
        g.writeStringField("httpVersion", status == 0 ? "" : "HTTP/1.1");
        writeHeaders(headers);
        // Set-Cookie: only the first part of each line is the cookie, the rest are its attributes.
        writeNameValues("cookies", cookies(headers, "Set-Cookie", line -> List.of(line.split(";", 2)[0])));
        g.writeObjectFieldStart("content");
        g.writeNumberField("size", body.size());
        g.writeStringField("mimeType", headers.get("Content-Type").orElse("x-unknown"));
        if (!body.isEmpty()) {
            writeBody(body, "encoding");
        }
        g.writeEndObject();
        g.writeStringField("redirectURL", headers.get("Location").orElse(""));
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", status == 0 ? -1 : body.size());
        if (error != null) {
            g.writeStringField("_error", error);
        }
    }

    /** UTF-8 bodies as text; other bytes as base64, marked the way HAR marks response content. */
    private void writeBody(Payload body, String encodingField) throws IOException {
        if (body.isUtf8()) {
            g.writeStringField("text", body.text());
        } else {
            g.writeStringField("text", body.base64());
            g.writeStringField(encodingField, "base64");
        }
    }

    private void writeHeaders(Headers headers) throws IOException {
        g.writeArrayFieldStart("headers");
        for (Header h : headers.list()) {
            writeNameValue(h.name(), h.value());
        }
        g.writeEndArray();
    }

    private void writeNameValues(String field, List<String[]> pairs) throws IOException {
        g.writeArrayFieldStart(field);
        for (String[] pair : pairs) {
            writeNameValue(pair[0], pair[1]);
        }
        g.writeEndArray();
    }

    private void writeNameValue(String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private void writeTimings(BigDecimal time) throws IOException {
        // Only the total is known; HAR marks the phases it does not know with -1, and send/wait/receive must add up.
        g.writeObjectFieldStart("timings");
        g.writeNumberField("blocked", -1);
        g.writeNumberField("dns", -1);
        g.writeNumberField("ssl", -1);
        g.writeNumberField("connect", -1);
        g.writeNumberField("send", 0);
        g.writeNumberField("wait", time);
        g.writeNumberField("receive", 0);
        g.writeEndObject();
    }

    private static List<String[]> queryString(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        int hash = url.indexOf('#', q);
        String query = url.substring(q + 1, hash < 0 ? url.length() : hash);
        List<String[]> pairs = new ArrayList<>();
        for (String part : query.split("&")) {
            if (!part.isEmpty()) {
                String[] nv = part.split("=", 2);
                pairs.add(new String[] {decode(nv[0]), nv.length > 1 ? decode(nv[1]) : ""});
            }
        }
        return pairs;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // not %-encoded properly: show it as it was sent
        }
    }

    private static List<String[]> cookies(Headers headers, String name, Function<String, List<String>> parts) {
        List<String[]> cookies = new ArrayList<>();
        for (Header h : headers.list()) {
            if (!h.hasName(name)) {
                continue;
            }
            for (String line : h.value().split("\n")) {
                for (String part : parts.apply(line)) {
                    String[] nv = part.strip().split("=", 2);
                    if (!nv[0].isEmpty()) {
                        cookies.add(new String[] {nv[0], nv.length > 1 ? nv[1] : ""});
                    }
                }
            }
        }
        return cookies;
    }

    private BigDecimal epochSeconds(long sessionMicros) {
        return BigDecimal.valueOf(HarCodec.epochMicros(capture.session().wallTime(sessionMicros)), 6);
    }

    private static BigDecimal millis(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }

    /** ISO 8601 with milliseconds, as Chrome writes it, or microseconds when the time has them. */
    static String dateTime(Instant instant) {
        return (instant.getNano() % 1_000_000 == 0 ? MILLIS : MICROS).format(instant);
    }
}
