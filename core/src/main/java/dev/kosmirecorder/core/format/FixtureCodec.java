package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the fixture format (SPEC §4, documented field by field in {@code fixtures/README.md}): one
 * session as one canonical JSON document. Writing is deterministic, so {@code write(read(f))} gives back the
 * bytes of every canonical file.
 */
public final class FixtureCodec {
    /** The version this build writes; files with a higher version are refused. */
    public static final int FORMAT_VERSION = 1;
    /** Largest fixture file read, so a wrong path to a huge file fails fast instead of exhausting memory. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TOP_FIELDS = Set.of("formatVersion", "session", "exchanges", "connections");
    private static final Set<String> SESSION_FIELDS = Set.of("kind", "name", "target", "status", "startedAt", "endedAt", "framesLost", "attributes");
    private static final Set<String> EXCHANGE_FIELDS = Set.of("id", "requestId", "method", "url", "requestHeaders", "requestBody",
            "requestBodyEncoding", "status", "responseHeaders", "responseBody", "responseBodyEncoding", "start", "end", "error");
    private static final Set<String> CONNECTION_FIELDS = Set.of("id", "requestId", "url", "requestHeaders", "status", "statusText",
            "responseHeaders", "subprotocol", "responseBody", "responseBodyEncoding", "opened", "closed", "closeCode", "closeReason",
            "rejected", "error", "frames");
    private static final Set<String> FRAME_FIELDS = Set.of("seq", "t", "dir", "opcode", "payload");

    private FixtureCodec() {
    }

    // ---------------------------------------------------------------- writing

    public static String write(Capture capture) {
        return Json.canonical(toJson(capture));
    }

    public static byte[] writeBytes(Capture capture) {
        return write(capture).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the fixture as it reads the frames, one connection at a time: the same bytes as {@link #write(Capture)}
     * without the whole document as a tree in memory.
     */
    public static void write(CaptureSource capture, Writer out) throws IOException {
        try (JsonGenerator g = Json.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeFieldName("session");
            g.writeTree(sessionJson(capture.session()));
            g.writeArrayFieldStart("exchanges");
            for (HttpExchange e : capture.exchanges()) {
                g.writeTree(exchangeJson(e));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("connections");
            for (WsConnection c : capture.connections()) {
                g.writeStartObject();
                var fields = connectionJson(c).fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    g.writeFieldName(field.getKey());
                    g.writeTree(field.getValue());
                }
                g.writeArrayFieldStart("frames");
                for (Frame f : capture.frames(c.id())) {
                    g.writeTree(frameJson(f));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    public static ObjectNode toJson(Capture capture) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.set("session", sessionJson(capture.session()));
        ArrayNode exchanges = root.putArray("exchanges");
        capture.exchanges().forEach(e -> exchanges.add(exchangeJson(e)));
        Map<Integer, ArrayNode> framesByConnection = new LinkedHashMap<>();
        ArrayNode connections = root.putArray("connections");
        for (WsConnection c : capture.connections()) {
            ObjectNode cj = connectionJson(c);
            framesByConnection.put(c.id(), cj.putArray("frames"));
            connections.add(cj);
        }
        for (Frame f : capture.frames()) {
            framesByConnection.get(f.connectionId()).add(frameJson(f));
        }
        return root;
    }

    /** The session's metadata as the fixture writes it; HAR export keeps it in {@code log._kosmi.session}. */
    static ObjectNode sessionJson(Session s) {
        return putSession(NODES.objectNode(), s);
    }

    /**
     * Adds a session's metadata fields to {@code o} in the fixture's order. The CLI's and the web UI's JSON use
     * the same shape, so a session reads the same everywhere.
     */
    public static ObjectNode putSession(ObjectNode o, Session s) {
        o.put("kind", s.kind().wireName());
        o.put("name", s.name());
        o.put("target", s.target());
        o.put("status", s.status().wireName());
        o.put("startedAt", s.startedAt().toString());
        o.put("endedAt", s.endedAt() == null ? null : s.endedAt().toString());
        o.put("framesLost", s.framesLost());
        ObjectNode attributes = o.putObject("attributes");
        s.attributes().forEach(attributes::put);
        return o;
    }

    private static ObjectNode exchangeJson(HttpExchange e) {
        ObjectNode o = NODES.objectNode();
        o.put("id", e.id());
        o.put("requestId", e.requestId());
        o.put("method", e.method());
        o.put("url", e.url());
        o.set("requestHeaders", headersJson(e.requestHeaders()));
        putBody(o, "requestBody", e.requestBody());
        o.put("status", e.status());
        o.set("responseHeaders", headersJson(e.responseHeaders()));
        putBody(o, "responseBody", e.responseBody());
        o.set("start", millis(e.startMicros()));
        o.set("end", e.endMicros() == null ? NODES.nullNode() : millis(e.endMicros()));
        o.put("error", e.error());
        return o;
    }

    private static ObjectNode connectionJson(WsConnection c) {
        ObjectNode o = NODES.objectNode();
        o.put("id", c.id());
        o.put("requestId", c.requestId());
        o.put("url", c.url());
        o.set("requestHeaders", headersJson(c.requestHeaders()));
        o.put("status", c.status());
        o.put("statusText", c.statusText());
        o.set("responseHeaders", headersJson(c.responseHeaders()));
        o.put("subprotocol", c.subprotocol());
        putBody(o, "responseBody", c.responseBody());
        o.set("opened", millis(c.openedMicros()));
        o.set("closed", c.closedMicros() == null ? NODES.nullNode() : millis(c.closedMicros()));
        if (c.closeCode() == null) {
            o.putNull("closeCode");
        } else {
            o.put("closeCode", c.closeCode());
        }
        o.put("closeReason", c.closeReason());
        o.put("rejected", c.rejected());
        o.put("error", c.error());
        return o;
    }

    private static ObjectNode frameJson(Frame f) {
        ObjectNode o = NODES.objectNode();
        o.put("seq", f.seq());
        o.set("t", millis(f.timeMicros()));
        o.put("dir", f.direction().wireName());
        o.put("opcode", f.opcode().wireName());
        if (f.opcode() == Opcode.TEXT) {
            o.set("payload", textValue(f.payload().text()));
        } else {
            o.put("payload", f.payload().base64());
        }
        return o;
    }

    /** Bodies that are UTF-8 are written as JSON (when exact) or text; other bytes as base64 with an encoding marker. */
    private static void putBody(ObjectNode o, String field, Payload body) {
        if (body.isUtf8()) {
            o.set(field, textValue(body.text()));
        } else {
            o.put(field, body.base64());
            o.put(field + "Encoding", "base64");
        }
    }

    private static JsonNode textValue(String text) {
        return Json.asExactJson(text).orElseGet(() -> NODES.textNode(text));
    }

    private static ObjectNode headersJson(Headers headers) {
        ObjectNode o = NODES.objectNode();
        headers.toMap().forEach(o::put);
        return o;
    }

    private static JsonNode millis(long micros) {
        return NODES.numberNode(BigDecimal.valueOf(micros, 3));
    }

    // ---------------------------------------------------------------- reading

    public static Capture read(Path file) throws CaptureFormatException, IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new CaptureFormatException(source, "", "file is " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a fixture may have; split the capture or import it as HAR");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        }
    }

    public static Capture read(String json, String source) throws CaptureFormatException {
        return fromJson(parse(json, source), source);
    }

    public static Capture read(InputStream in, String source) throws CaptureFormatException, IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (StreamConstraintsException e) {
            throw JsonInput.sizeLimit(source, e);
        } catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(source, e);
        }
        return fromJson(root, source);
    }

    private static JsonNode parse(String json, String source) throws CaptureFormatException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw JsonInput.sizeLimit(source, e);
        } catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(source, e);
        }
    }

    public static Capture fromJson(JsonNode rootNode, String source) throws CaptureFormatException {
        JsonInput in = new JsonInput(source);
        if (rootNode == null || rootNode.isMissingNode()) {
            throw in.error("", "the document is empty; expected a fixture object with a formatVersion");
        }
        ObjectNode root = in.object(rootNode, "");
        JsonNode version = root.get("formatVersion");
        if (version == null) {
            throw in.error("/formatVersion", "missing required field 'formatVersion': this is not a kosmi-recorder fixture");
        }
        long v = in.integerValue(version, "/formatVersion", 1, Integer.MAX_VALUE);
        if (v > FORMAT_VERSION) {
            throw in.error("/formatVersion", "cannot read fixture format version " + v + ": this kosmi-recorder reads versions up to "
                    + FORMAT_VERSION + "; please update kosmi-recorder");
        }
        in.onlyFields(root, "", TOP_FIELDS);
        Session session = readSession(in, in.object(in.required(root, "session", ""), "/session"), "/session");

        List<HttpExchange> exchanges = new ArrayList<>();
        List<JsonNode> exchangeNodes = in.array(in.required(root, "exchanges", ""), "/exchanges");
        for (int i = 0; i < exchangeNodes.size(); i++) {
            exchanges.add(readExchange(in, exchangeNodes.get(i), "/exchanges/" + i));
        }

        List<WsConnection> connections = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        List<JsonNode> connectionNodes = in.array(in.required(root, "connections", ""), "/connections");
        for (int i = 0; i < connectionNodes.size(); i++) {
            String ptr = "/connections/" + i;
            ObjectNode c = in.object(connectionNodes.get(i), ptr);
            WsConnection connection = readConnection(in, c, ptr);
            if (connections.stream().anyMatch(existing -> existing.id() == connection.id())) {
                throw in.error(ptr + "/id", "connection id " + connection.id() + " is used twice");
            }
            connections.add(connection);
            List<JsonNode> frameNodes = in.array(in.required(c, "frames", ptr), ptr + "/frames");
            for (int j = 0; j < frameNodes.size(); j++) {
                frames.add(readFrame(in, connection.id(), frameNodes.get(j), ptr + "/frames/" + j));
            }
        }
        frames.sort(Comparator.comparingLong(Frame::seq));
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).seq() == frames.get(i - 1).seq()) {
                throw in.error("/connections", "frame seq " + frames.get(i).seq() + " is used twice; every frame needs its own seq");
            }
        }
        try {
            return Capture.annotated(session, exchanges, connections, frames);
        } catch (IllegalArgumentException e) {
            throw in.error("", e.getMessage());
        }
    }

    /** Reads what {@link #sessionJson} wrote; {@code p} is the object's JSON pointer. */
    static Session readSession(JsonInput in, ObjectNode s, String p) throws CaptureFormatException {
        in.onlyFields(s, p, SESSION_FIELDS);
        SessionKind kind = enumValue(in, s, "kind", p, SessionKind::fromWireName);
        SessionStatus status = enumValue(in, s, "status", p, SessionStatus::fromWireName);
        ObjectNode attributesNode = in.object(in.required(s, "attributes", p), p + "/attributes");
        Map<String, String> attributes = new LinkedHashMap<>();
        var fields = attributesNode.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw in.error(p + "/attributes/" + JsonInput.escape(field.getKey()), "expected a string, found " + JsonInput.describe(field.getValue()));
            }
            attributes.put(field.getKey(), field.getValue().textValue());
        }
        try {
            return new Session(null, kind, in.text(s, "name", p), in.text(s, "target", p), status,
                    in.instant(s, "startedAt", p), in.optionalInstant(s, "endedAt", p),
                    in.integer(s, "framesLost", p, 0, Long.MAX_VALUE), attributes);
        } catch (IllegalArgumentException e) {
            throw in.error(p, e.getMessage());
        }
    }

    private static HttpExchange readExchange(JsonInput in, JsonNode node, String p) throws CaptureFormatException {
        ObjectNode e = in.object(node, p);
        in.onlyFields(e, p, EXCHANGE_FIELDS);
        try {
            return HttpExchange.builder()
                    .id((int) in.integer(e, "id", p, 0, Integer.MAX_VALUE))
                    .requestId(in.text(e, "requestId", p))
                    .method(in.text(e, "method", p))
                    .url(in.text(e, "url", p))
                    .requestHeaders(readHeaders(in, e, "requestHeaders", p))
                    .requestBody(readBody(in, e, "requestBody", p))
                    .status((int) in.integer(e, "status", p, 0, 999))
                    .responseHeaders(readHeaders(in, e, "responseHeaders", p))
                    .responseBody(readBody(in, e, "responseBody", p))
                    .startMicros(in.millisAsMicros(in.required(e, "start", p), p + "/start"))
                    .endMicros(in.optionalMillisAsMicros(e, "end", p))
                    .error(in.optionalText(e, "error", p))
                    .build();
        } catch (IllegalArgumentException ex) {
            throw in.error(p, ex.getMessage());
        }
    }

    private static WsConnection readConnection(JsonInput in, ObjectNode c, String p) throws CaptureFormatException {
        in.onlyFields(c, p, CONNECTION_FIELDS);
        Long closeCode = in.optionalInteger(c, "closeCode", p, 0, 65535);
        try {
            return WsConnection.builder()
                    .id((int) in.integer(c, "id", p, 0, Integer.MAX_VALUE))
                    .requestId(in.text(c, "requestId", p))
                    .url(in.text(c, "url", p))
                    .requestHeaders(readHeaders(in, c, "requestHeaders", p))
                    .status((int) in.integer(c, "status", p, 0, 999))
                    .statusText(in.text(c, "statusText", p))
                    .responseHeaders(readHeaders(in, c, "responseHeaders", p))
                    .subprotocol(in.text(c, "subprotocol", p))
                    .responseBody(readBody(in, c, "responseBody", p))
                    .openedMicros(in.millisAsMicros(in.required(c, "opened", p), p + "/opened"))
                    .closedMicros(in.optionalMillisAsMicros(c, "closed", p))
                    .closeCode(closeCode == null ? null : closeCode.intValue())
                    .closeReason(in.optionalText(c, "closeReason", p))
                    .rejected(in.bool(c, "rejected", p))
                    .error(in.optionalText(c, "error", p))
                    .build();
        } catch (IllegalArgumentException ex) {
            throw in.error(p, ex.getMessage());
        }
    }

    private static Frame readFrame(JsonInput in, int connectionId, JsonNode node, String p) throws CaptureFormatException {
        ObjectNode f = in.object(node, p);
        in.onlyFields(f, p, FRAME_FIELDS);
        long seq = in.integer(f, "seq", p, 0, Long.MAX_VALUE);
        long t = in.millisAsMicros(in.required(f, "t", p), p + "/t");
        Direction dir = enumValue(in, f, "dir", p, Direction::fromWireName);
        Opcode opcode = enumValue(in, f, "opcode", p, Opcode::fromWireName);
        JsonNode payloadNode = in.required(f, "payload", p);
        Payload payload;
        if (opcode == Opcode.TEXT) {
            payload = textPayload(in, payloadNode, p + "/payload");
        } else {
            if (!payloadNode.isTextual()) {
                throw in.error(p + "/payload", "a binary frame's payload must be a base64 string, found " + JsonInput.describe(payloadNode));
            }
            payload = in.base64(payloadNode.textValue(), p + "/payload");
        }
        return Frame.of(connectionId, seq, dir, opcode, payload, t);
    }

    private static Payload readBody(JsonInput in, ObjectNode o, String field, String p) throws CaptureFormatException {
        JsonNode body = in.required(o, field, p);
        String encoding = in.optionalText(o, field + "Encoding", p);
        if (encoding == null) {
            return textPayload(in, body, p + "/" + field);
        }
        if (!encoding.equals("base64")) {
            throw in.error(p + "/" + field + "Encoding", "expected \"base64\" or no encoding, found \"" + encoding + "\"");
        }
        if (!body.isTextual()) {
            throw in.error(p + "/" + field, "a base64 body must be a string, found " + JsonInput.describe(body));
        }
        return in.base64(body.textValue(), p + "/" + field);
    }

    private static Payload textPayload(JsonInput in, JsonNode node, String p) throws CaptureFormatException {
        if (node.isTextual()) {
            return Payload.ofText(node.textValue());
        }
        if (node.isContainerNode()) {
            return Payload.ofText(Json.compact(node));
        }
        throw in.error(p, "expected a string, an object or an array, found " + JsonInput.describe(node));
    }

    private static Headers readHeaders(JsonInput in, ObjectNode o, String field, String p) throws CaptureFormatException {
        ObjectNode h = in.object(in.required(o, field, p), p + "/" + field);
        List<Header> headers = new ArrayList<>();
        var fields = h.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw in.error(p + "/" + field + "/" + JsonInput.escape(entry.getKey()), "a header value must be a string, found "
                        + JsonInput.describe(entry.getValue()));
            }
            headers.add(new Header(entry.getKey(), entry.getValue().textValue()));
        }
        return new Headers(headers);
    }

    private interface WireEnum<T> {
        T parse(String name);
    }

    private static <T> T enumValue(JsonInput in, ObjectNode o, String field, String p, WireEnum<T> parser) throws CaptureFormatException {
        String text = in.text(o, field, p);
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw in.error(p + "/" + field, e.getMessage());
        }
    }
}
