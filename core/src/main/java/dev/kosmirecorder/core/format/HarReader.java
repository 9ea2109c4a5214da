package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Capture;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads HAR from a streaming parser, one entry at a time, and each entry's {@code _webSocketMessages} one message
 * at a time, so a huge file is never held as one JSON tree. Accepts Chrome's, mitmproxy's and Playwright's
 * variants (see {@link HarCodec}); every problem is a {@link CaptureFormatException} with the JSON pointer of the
 * entry and field.
 */
final class HarReader {
    private final JsonParser p;
    private final JsonInput in;

    private ObjectNode kosmi;
    private String kosmiPointer;
    private String creator = "";
    private String pageTitle = "";
    private Instant pageStarted;
    private int entryCount;
    private final List<PendingExchange> exchanges = new ArrayList<>();
    private final List<PendingConnection> connections = new ArrayList<>();
    private final List<PendingFrame> frames = new ArrayList<>();

    /** Times stay absolute (epoch microseconds) until the session start is known, which may be after the entries. */
    private record PendingExchange(String pointer, String url, Integer id, HttpExchange.Builder builder, long start, Long end) {
    }

    private record PendingConnection(String pointer, String url, Integer id, WsConnection.Builder builder, long opened, Long closed) {
    }

    private record PendingFrame(int connectionIndex, int order, Direction direction, Opcode opcode, Payload payload, long time) {
    }

    /** What an entry's messages leave besides frames: the browser's error texts and the last message's time. */
    private record MessagesSeen(List<String> errors, long last) {
        static final MessagesSeen NONE = new MessagesSeen(List.of(), Long.MIN_VALUE);
    }

    HarReader(JsonParser parser, JsonInput in) {
        this.p = parser;
        this.in = in;
    }

    Capture read() throws IOException, CaptureFormatException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw in.error("", "the document is empty; expected a HAR object with a 'log'");
        }
        if (first != JsonToken.START_OBJECT) {
            throw in.error("", "expected a HAR object, found " + describe(first));
        }
        boolean sawLog = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("log")) {
                readLog();
                sawLog = true;
            } else {
                p.skipChildren();
            }
        }
        if (!sawLog) {
            throw in.error("/log", "missing required field 'log': this is not a HAR file");
        }
        if (p.nextToken() != null) {
            throw in.error("", "unexpected content after the HAR object");
        }
        return assemble();
    }

    private void readLog() throws IOException, CaptureFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw in.error("/log", "expected an object, found " + describe(p.currentToken()));
        }
        boolean sawEntries = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "version" -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw in.error("/log/version", "expected a string such as \"1.2\", found " + describe(p.currentToken()));
                    }
                }
                case "creator" -> {
                    JsonNode c = p.readValueAsTree();
                    if (c instanceof ObjectNode o) {
                        creator = (text(o, "name", "/log/creator") + " " + text(o, "version", "/log/creator")).strip();
                    }
                }
                case "_kosmi" -> {
                    kosmiPointer = "/log/_kosmi";
                    kosmi = in.object(p.readValueAsTree(), kosmiPointer);
                }
                case "pages" -> readPages(p.readValueAsTree());
                case "entries" -> {
                    readEntries();
                    sawEntries = true;
                }
                default -> p.skipChildren();
            }
        }
        if (!sawEntries) {
            throw in.error("/log/entries", "missing required field 'entries'");
        }
    }

    private void readPages(JsonNode pages) throws CaptureFormatException {
        List<JsonNode> list = in.array(pages, "/log/pages");
        if (!list.isEmpty() && list.get(0) instanceof ObjectNode page) {
            pageTitle = text(page, "title", "/log/pages/0");
            pageStarted = page.has("startedDateTime") ? in.instant(page, "startedDateTime", "/log/pages/0") : null;
        }
    }

    private void readEntries() throws IOException, CaptureFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error("/log/entries", "expected an array, found " + describe(p.currentToken()));
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            readEntry("/log/entries/" + entryCount++);
        }
    }

    private void readEntry(String ptr) throws IOException, CaptureFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw in.error(ptr, "expected an object, found " + describe(p.currentToken()));
        }
        ObjectNode entry = Json.MAPPER.createObjectNode();
        MessagesSeen messages = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("_webSocketMessages")) {
                messages = readMessages(ptr + "/_webSocketMessages");
            } else {
                entry.set(name, p.readValueAsTree());
            }
        }
        ObjectNode request = in.object(in.required(entry, "request", ptr), ptr + "/request");
        String url = in.text(request, "url", ptr + "/request");
        boolean webSocket = "websocket".equals(entry.path("_resourceType").asText()) || messages != null
                || url.regionMatches(true, 0, "ws://", 0, 5) || url.regionMatches(true, 0, "wss://", 0, 6);
        if (webSocket) {
            readConnection(entry, ptr, request, url, messages == null ? MessagesSeen.NONE : messages);
        } else {
            readExchange(entry, ptr, request, url);
        }
    }

    /**
     * Decodes messages as they stream by (only their payloads are kept). They belong to the connection this entry
     * will become, whose index is the number of connections read so far.
     */
    private MessagesSeen readMessages(String ptr) throws IOException, CaptureFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error(ptr, "expected an array, found " + describe(p.currentToken()));
        }
        int index = connections.size();
        List<String> errors = new ArrayList<>();
        long last = Long.MIN_VALUE;
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String mp = ptr + "/" + i;
            ObjectNode m = in.object(p.readValueAsTree(), mp);
            String type = in.text(m, "type", mp);
            long time = in.epochAsMicros(in.required(m, "time", mp), mp + "/time");
            long opcode = in.integer(m, "opcode", mp, Integer.MIN_VALUE, Integer.MAX_VALUE);
            String data = in.text(m, "data", mp);
            last = Math.max(last, time);
            if (type.equals("error") || opcode == -1) {
                errors.add(data);
            } else {
                Direction direction = switch (type) {
                    case "send" -> Direction.SENT;
                    case "receive" -> Direction.RECEIVED;
                    default -> throw in.error(mp + "/type", "unknown message type '" + type + "'; expected send, receive or error");
                };
                Opcode op;
                try {
                    op = Opcode.fromCode((int) opcode);
                } catch (IllegalArgumentException e) {
                    throw in.error(mp + "/opcode", e.getMessage() + ", or -1 for an error message");
                }
                Payload payload = op == Opcode.TEXT ? Payload.ofText(data) : in.base64(data, mp + "/data");
                frames.add(new PendingFrame(index, i, direction, op, payload, time));
            }
            i++;
        }
        return new MessagesSeen(errors, last);
    }

    private void readExchange(ObjectNode entry, String ptr, ObjectNode request, String url) throws CaptureFormatException {
        String rq = ptr + "/request";
        String rs = ptr + "/response";
        ObjectNode response = in.object(in.required(entry, "response", ptr), rs);
        ObjectNode ext = extension(entry, ptr);
        long start = HarCodec.epochMicros(in.instant(entry, "startedDateTime", ptr));
        Long end = boolOf(ext, "unfinished", ptr + "/_kosmi") ? null : start + duration(entry, ptr);
        Payload requestBody = Payload.EMPTY;
        if (request.hasNonNull("postData")) {
            ObjectNode post = in.object(request.get("postData"), rq + "/postData");
            requestBody = body(post, rq + "/postData", "_encoding");
        }
        HttpExchange.Builder b = HttpExchange.builder()
                .requestId(ext == null ? "" : textOr(ext, "requestId", ptr + "/_kosmi", ""))
                .method(in.text(request, "method", rq))
                .url(url)
                .requestHeaders(headers(request, rq))
                .requestBody(requestBody)
                .status((int) in.integer(response, "status", rs, 0, 999))
                .responseHeaders(headers(response, rs))
                .responseBody(content(response, rs))
                .error(in.optionalText(response, "_error", rs));
        exchanges.add(new PendingExchange(ptr, url, id(ext, ptr), b, start, end));
    }

    private void readConnection(ObjectNode entry, String ptr, ObjectNode request, String url, MessagesSeen messages)
            throws CaptureFormatException {
        String rs = ptr + "/response";
        String ep = ptr + "/_kosmi";
        ObjectNode response = in.object(in.required(entry, "response", ptr), rs);
        ObjectNode ext = extension(entry, ptr);
        long opened = HarCodec.epochMicros(in.instant(entry, "startedDateTime", ptr));
        int status = (int) in.integer(response, "status", rs, 0, 999);
        Headers responseHeaders = headers(response, rs);

        long last = Math.max(opened, messages.last());
        List<String> errors = messages.errors();
        Long closed = boolOf(ext, "unfinished", ep) ? null : Math.max(opened + duration(entry, ptr), last);
        String error = in.optionalText(response, "_error", rs);
        if (error == null && !errors.isEmpty()) {
            error = String.join("\n", errors);
        }
        String subprotocol = ext != null && ext.has("subprotocol") ? in.text(ext, "subprotocol", ep)
                : responseHeaders.get("Sec-WebSocket-Protocol").orElse("");
        Long closeCode = ext == null ? null : in.optionalInteger(ext, "closeCode", ep, 0, 65535);
        WsConnection.Builder b = WsConnection.builder()
                .requestId(ext == null ? "" : textOr(ext, "requestId", ep, ""))
                .url(url)
                .requestHeaders(headers(request, ptr + "/request"))
                .status(status)
                .statusText(in.optionalText(response, "statusText", rs))
                .responseHeaders(responseHeaders)
                .subprotocol(subprotocol)
                .responseBody(content(response, rs))
                .closeCode(closeCode == null ? null : closeCode.intValue())
                .closeReason(ext == null ? null : in.optionalText(ext, "closeReason", ep))
                // Without our note, any answer but 101 (a real status, not "no answer") is a refused handshake.
                .rejected(ext != null && ext.has("rejected") ? in.bool(ext, "rejected", ep) : status >= 200 && status != 101)
                .error(error);
        connections.add(new PendingConnection(ptr, url, id(ext, ptr), b, opened, closed));
    }

    private Capture assemble() throws CaptureFormatException {
        Session recorded = null;
        if (kosmi != null && kosmi.has("session")) {
            String sp = kosmiPointer + "/session";
            recorded = FixtureCodec.readSession(in, in.object(kosmi.get("session"), sp), sp);
        }
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (PendingExchange e : exchanges) {
            earliest = Math.min(earliest, e.start());
            latest = Math.max(latest, e.end() == null ? e.start() : e.end());
        }
        for (PendingConnection c : connections) {
            earliest = Math.min(earliest, c.opened());
            latest = Math.max(latest, c.closed() == null ? c.opened() : c.closed());
        }
        for (PendingFrame f : frames) {
            earliest = Math.min(earliest, f.time());
            latest = Math.max(latest, f.time());
        }
        Session session = recorded != null ? recorded.withKind(SessionKind.IMPORT) : importedSession(earliest, latest);
        long base = HarCodec.epochMicros(session.startedAt());

        List<HttpExchange> exchangeList = new ArrayList<>();
        Set<Integer> exchangeIds = new HashSet<>();
        for (PendingExchange e : exchanges) {
            int id = e.id() != null ? e.id() : exchangeList.size() + 1;
            if (!exchangeIds.add(id)) {
                throw in.error(e.pointer() + "/_kosmi/id", "exchange id " + id + " is used twice");
            }
            try {
                exchangeList.add(e.builder().id(id).startMicros(e.start() - base).endMicros(e.end() == null ? null : e.end() - base).build());
            } catch (IllegalArgumentException ex) {
                throw in.error(e.pointer(), ex.getMessage());
            }
        }
        exchangeList.sort(Comparator.comparingInt(HttpExchange::id));

        List<WsConnection> connectionList = new ArrayList<>();
        Set<Integer> connectionIds = new HashSet<>();
        for (PendingConnection c : connections) {
            int id = c.id() != null ? c.id() : connectionList.size() + 1;
            if (!connectionIds.add(id)) {
                throw in.error(c.pointer() + "/_kosmi/id", "connection id " + id + " is used twice");
            }
            try {
                connectionList.add(c.builder().id(id).openedMicros(c.opened() - base)
                        .closedMicros(c.closed() == null ? null : c.closed() - base).build());
            } catch (IllegalArgumentException ex) {
                throw in.error(c.pointer(), ex.getMessage());
            }
        }

        // Frames of all connections in time order; ties keep file order. Sequence numbers start at 1, as recorded.
        frames.sort(Comparator.comparingLong(PendingFrame::time).thenComparingInt(PendingFrame::connectionIndex)
                .thenComparingInt(PendingFrame::order));
        List<Frame> frameList = new ArrayList<>(frames.size());
        long seq = 1;
        for (PendingFrame f : frames) {
            int connectionId = connectionList.get(f.connectionIndex()).id();
            frameList.add(Frame.of(connectionId, seq++, f.direction(), f.opcode(), f.payload(), f.time() - base));
        }
        connectionList.sort(Comparator.comparingInt(WsConnection::id));
        try {
            return Capture.annotated(session, exchangeList, connectionList, frameList);
        } catch (IllegalArgumentException e) {
            throw in.error("", e.getMessage());
        }
    }

    private Session importedSession(long earliest, long latest) {
        Instant started = earliest == Long.MAX_VALUE ? (pageStarted != null ? pageStarted : Instant.EPOCH) : HarCodec.instant(earliest);
        if (pageStarted != null && pageStarted.isBefore(started)) {
            started = pageStarted;
        }
        Instant ended = latest == Long.MIN_VALUE ? started : HarCodec.instant(latest);
        String file = fileName(in.source());
        String target = pageTitle;
        if (target.isEmpty()) {
            target = !connections.isEmpty() ? connections.get(0).url() : exchanges.isEmpty() ? "" : exchanges.get(0).url();
        }
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("importedFrom", file);
        if (!creator.isEmpty()) {
            attributes.put("har.creator", creator);
        }
        return new Session(null, SessionKind.IMPORT, "HAR import " + file, target, SessionStatus.COMPLETE, started,
                ended.isBefore(started) ? started : ended, 0, attributes);
    }

    // ---------------------------------------------------------------- field readers

    /** Headers as {@code [{"name": n, "value": v}]} (HAR 1.2) or {@code [[n, v]]}; absent means none. */
    private Headers headers(ObjectNode o, String ptr) throws CaptureFormatException {
        JsonNode node = o.get("headers");
        if (node == null || node.isNull()) {
            return Headers.EMPTY;
        }
        List<JsonNode> items = in.array(node, ptr + "/headers");
        List<Header> headers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String hp = ptr + "/headers/" + i;
            JsonNode h = items.get(i);
            if (h.isArray()) {
                if (h.size() != 2 || !h.get(0).isTextual() || !h.get(1).isTextual()) {
                    throw in.error(hp, "expected a header as [name, value] with two strings");
                }
                headers.add(new Header(h.get(0).textValue(), h.get(1).textValue()));
            } else {
                ObjectNode ho = in.object(h, hp);
                headers.add(new Header(in.text(ho, "name", hp), in.text(ho, "value", hp)));
            }
        }
        return new Headers(headers);
    }

    private Payload content(ObjectNode response, String rs) throws CaptureFormatException {
        JsonNode content = response.get("content");
        if (content == null || content.isNull()) {
            return Payload.EMPTY;
        }
        return body(in.object(content, rs + "/content"), rs + "/content", "encoding");
    }

    private Payload body(ObjectNode o, String ptr, String encodingField) throws CaptureFormatException {
        String text = in.optionalText(o, "text", ptr);
        if (text == null) {
            return Payload.EMPTY;
        }
        String encoding = in.optionalText(o, encodingField, ptr);
        if (encoding == null || encoding.isEmpty()) {
            return Payload.ofText(text);
        }
        if (!encoding.equalsIgnoreCase("base64")) {
            throw in.error(ptr + "/" + encodingField, "unsupported encoding '" + encoding + "'; expected base64 or none");
        }
        return in.base64(text, ptr + "/text");
    }

    /** The entry's total time in microseconds; HAR writes -1 (or nothing) when unknown. */
    private long duration(ObjectNode entry, String ptr) throws CaptureFormatException {
        JsonNode time = entry.get("time");
        if (time == null || time.isNull()) {
            return 0;
        }
        return Math.max(0, in.roundedMillisAsMicros(time, ptr + "/time"));
    }

    private ObjectNode extension(ObjectNode entry, String ptr) throws CaptureFormatException {
        JsonNode ext = entry.get("_kosmi");
        return ext == null || ext.isNull() ? null : in.object(ext, ptr + "/_kosmi");
    }

    private Integer id(ObjectNode ext, String ptr) throws CaptureFormatException {
        return ext == null || !ext.has("id") ? null : (int) in.integer(ext, "id", ptr + "/_kosmi", 0, Integer.MAX_VALUE);
    }

    private boolean boolOf(ObjectNode ext, String field, String ptr) throws CaptureFormatException {
        return ext != null && ext.has(field) && in.bool(ext, field, ptr);
    }

    private String textOr(ObjectNode o, String field, String ptr, String fallback) throws CaptureFormatException {
        String v = in.optionalText(o, field, ptr);
        return v == null ? fallback : v;
    }

    private String text(ObjectNode o, String field, String ptr) throws CaptureFormatException {
        return textOr(o, field, ptr, "");
    }

    private static String fileName(String source) {
        try {
            Path name = Path.of(source).getFileName();
            return name == null ? source : name.toString();
        } catch (RuntimeException e) {
            return source;
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }
}
