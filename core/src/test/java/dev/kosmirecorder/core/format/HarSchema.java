package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A validator built from the HAR 1.2 specification (http://www.softwareishard.com/blog/har-12-spec/: required
 * fields and their types, custom fields only with a leading underscore, {@code time} equal to the sum of the known
 * timings) plus Chrome DevTools' {@code _webSocketMessages} ({@code {type: send|receive|error, time, opcode, data}},
 * base64 data for binary opcodes, opcode -1 for errors). Returns every violation, each with its JSON pointer.
 */
final class HarSchema {
    private final List<String> problems = new ArrayList<>();

    private HarSchema() {
    }

    static List<String> violations(JsonNode root) {
        HarSchema schema = new HarSchema();
        schema.root(root);
        return schema.problems;
    }

    private void root(JsonNode root) {
        if (!object(root, "")) {
            return;
        }
        fields(root, "", Set.of("log"), Set.of());
        JsonNode log = root.get("log");
        if (!object(log, "/log")) {
            return;
        }
        fields(log, "/log", Set.of("version", "creator", "entries"), Set.of("browser", "pages", "comment"));
        string(log.get("version"), "/log/version");
        creator(log.get("creator"), "/log/creator");
        if (log.has("browser")) {
            creator(log.get("browser"), "/log/browser");
        }
        if (log.has("pages") && array(log.get("pages"), "/log/pages")) {
            for (int i = 0; i < log.get("pages").size(); i++) {
                page(log.get("pages").get(i), "/log/pages/" + i);
            }
        }
        if (array(log.get("entries"), "/log/entries")) {
            for (int i = 0; i < log.get("entries").size(); i++) {
                entry(log.get("entries").get(i), "/log/entries/" + i);
            }
        }
    }

    private void creator(JsonNode c, String p) {
        if (object(c, p)) {
            fields(c, p, Set.of("name", "version"), Set.of("comment"));
            string(c.get("name"), p + "/name");
            string(c.get("version"), p + "/version");
        }
    }

    private void page(JsonNode page, String p) {
        if (!object(page, p)) {
            return;
        }
        fields(page, p, Set.of("startedDateTime", "id", "title", "pageTimings"), Set.of("comment"));
        dateTime(page.get("startedDateTime"), p + "/startedDateTime");
        string(page.get("id"), p + "/id");
        string(page.get("title"), p + "/title");
        if (object(page.get("pageTimings"), p + "/pageTimings")) {
            fields(page.get("pageTimings"), p + "/pageTimings", Set.of(), Set.of("onContentLoad", "onLoad", "comment"));
        }
    }

    private void entry(JsonNode e, String p) {
        if (!object(e, p)) {
            return;
        }
        fields(e, p, Set.of("startedDateTime", "time", "request", "response", "cache", "timings"),
                Set.of("pageref", "serverIPAddress", "connection", "comment"));
        dateTime(e.get("startedDateTime"), p + "/startedDateTime");
        BigDecimal time = nonNegative(e.get("time"), p + "/time");
        request(e.get("request"), p + "/request");
        response(e.get("response"), p + "/response");
        object(e.get("cache"), p + "/cache");
        BigDecimal sum = timings(e.get("timings"), p + "/timings");
        // Writers add doubles (Chrome: 190.53700000000001), so agree to a microsecond.
        if (time != null && sum != null && time.subtract(sum).abs().compareTo(new BigDecimal("0.001")) > 0) {
            problems.add(p + "/time: " + time + " is not the sum of the known timings, " + sum);
        }
        if ("websocket".equals(e.path("_resourceType").asText())) {
            messages(e.get("_webSocketMessages"), p + "/_webSocketMessages");
        }
    }

    private void request(JsonNode r, String p) {
        if (!object(r, p)) {
            return;
        }
        fields(r, p, Set.of("method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"),
                Set.of("postData", "comment"));
        string(r.get("method"), p + "/method");
        string(r.get("url"), p + "/url");
        string(r.get("httpVersion"), p + "/httpVersion");
        nameValues(r.get("cookies"), p + "/cookies");
        nameValues(r.get("headers"), p + "/headers");
        nameValues(r.get("queryString"), p + "/queryString");
        integer(r.get("headersSize"), p + "/headersSize");
        integer(r.get("bodySize"), p + "/bodySize");
        if (r.has("postData") && object(r.get("postData"), p + "/postData")) {
            fields(r.get("postData"), p + "/postData", Set.of("mimeType"), Set.of("params", "text", "comment"));
            string(r.get("postData").get("mimeType"), p + "/postData/mimeType");
            if (r.get("postData").has("text")) {
                string(r.get("postData").get("text"), p + "/postData/text");
            }
        }
    }

    private void response(JsonNode r, String p) {
        if (!object(r, p)) {
            return;
        }
        fields(r, p, Set.of("status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize",
                "bodySize"), Set.of("comment"));
        integer(r.get("status"), p + "/status");
        string(r.get("statusText"), p + "/statusText");
        string(r.get("httpVersion"), p + "/httpVersion");
        nameValues(r.get("cookies"), p + "/cookies");
        nameValues(r.get("headers"), p + "/headers");
        string(r.get("redirectURL"), p + "/redirectURL");
        integer(r.get("headersSize"), p + "/headersSize");
        integer(r.get("bodySize"), p + "/bodySize");
        JsonNode c = r.get("content");
        if (object(c, p + "/content")) {
            fields(c, p + "/content", Set.of("size", "mimeType"), Set.of("compression", "text", "encoding", "comment"));
            integer(c.get("size"), p + "/content/size");
            string(c.get("mimeType"), p + "/content/mimeType");
            if (c.has("text")) {
                string(c.get("text"), p + "/content/text");
            }
            if (c.has("encoding") && string(c.get("encoding"), p + "/content/encoding")) {
                base64(c.get("text"), p + "/content/text");
            }
        }
    }

    private BigDecimal timings(JsonNode t, String p) {
        if (!object(t, p)) {
            return null;
        }
        fields(t, p, Set.of("send", "wait", "receive"), Set.of("blocked", "dns", "connect", "ssl", "comment"));
        BigDecimal sum = BigDecimal.ZERO;
        for (String name : List.of("send", "wait", "receive")) {
            BigDecimal v = nonNegative(t.get(name), p + "/" + name);
            sum = v == null ? sum : sum.add(v);
        }
        for (String name : List.of("blocked", "dns", "connect", "ssl")) {
            if (t.has(name)) {
                BigDecimal v = number(t.get(name), p + "/" + name);
                if (v != null && v.signum() >= 0) {
                    sum = name.equals("ssl") ? sum : sum.add(v); // ssl is included in connect, per the spec
                } else if (v != null && v.compareTo(BigDecimal.ONE.negate()) != 0) {
                    problems.add(p + "/" + name + ": must be -1 or a non-negative number, found " + v);
                }
            }
        }
        return sum;
    }

    private void messages(JsonNode m, String p) {
        if (!array(m, p)) {
            return;
        }
        for (int i = 0; i < m.size(); i++) {
            String mp = p + "/" + i;
            JsonNode msg = m.get(i);
            if (!object(msg, mp)) {
                continue;
            }
            fields(msg, mp, Set.of("type", "time", "opcode", "data"), Set.of());
            String type = msg.path("type").asText();
            if (!Set.of("send", "receive", "error").contains(type)) {
                problems.add(mp + "/type: expected send, receive or error, found " + msg.get("type"));
            }
            number(msg.get("time"), mp + "/time");
            if (integer(msg.get("opcode"), mp + "/opcode")) {
                int opcode = msg.get("opcode").intValue();
                if (type.equals("error") != (opcode == -1)) {
                    problems.add(mp + "/opcode: error messages and only they carry opcode -1, found " + opcode + " for " + type);
                }
                if (opcode == 2) {
                    base64(msg.get("data"), mp + "/data");
                }
            }
            string(msg.get("data"), mp + "/data");
        }
    }

    private void nameValues(JsonNode a, String p) {
        if (!array(a, p)) {
            return;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode nv = a.get(i);
            if (object(nv, p + "/" + i)) {
                string(nv.get("name"), p + "/" + i + "/name");
                string(nv.get("value"), p + "/" + i + "/value");
            }
        }
    }

    /** Required fields present; any other field must be optional in the spec or a custom one starting with '_'. */
    private void fields(JsonNode o, String p, Set<String> required, Set<String> optional) {
        for (String name : required) {
            if (!o.has(name)) {
                problems.add(p + ": missing required field '" + name + "'");
            }
        }
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name) && !name.startsWith("_")) {
                problems.add(p + "/" + name + ": not a HAR 1.2 field, and custom fields must start with '_'");
            }
        }
    }

    private boolean object(JsonNode n, String p) {
        return check(n != null && n.isObject(), p, "an object", n);
    }

    private boolean array(JsonNode n, String p) {
        return check(n != null && n.isArray(), p, "an array", n);
    }

    private boolean string(JsonNode n, String p) {
        return check(n != null && n.isTextual(), p, "a string", n);
    }

    private boolean integer(JsonNode n, String p) {
        return check(n != null && n.isIntegralNumber(), p, "an integer", n);
    }

    private BigDecimal number(JsonNode n, String p) {
        return check(n != null && n.isNumber(), p, "a number", n) ? n.decimalValue() : null;
    }

    private BigDecimal nonNegative(JsonNode n, String p) {
        BigDecimal v = number(n, p);
        return check(v == null || v.signum() >= 0, p, "a non-negative number", n) ? v : null;
    }

    private void dateTime(JsonNode n, String p) {
        if (string(n, p)) {
            try {
                OffsetDateTime.parse(n.textValue());
            } catch (DateTimeParseException e) {
                problems.add(p + ": not an ISO 8601 date and time with a zone: " + n.textValue());
            }
        }
    }

    private void base64(JsonNode n, String p) {
        if (string(n, p)) {
            try {
                Base64.getDecoder().decode(n.textValue());
            } catch (IllegalArgumentException e) {
                problems.add(p + ": not base64: " + e.getMessage());
            }
        }
    }

    private boolean check(boolean ok, String p, String expected, JsonNode found) {
        if (!ok) {
            problems.add(p + ": expected " + expected + ", found " + (found == null ? "nothing" : found.toString()));
        }
        return ok;
    }
}
