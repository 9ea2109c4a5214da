package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a capture before it leaves the store (SPEC §4). Every JWT anywhere in text (bodies, frame
 * payloads, header values, URLs) loses its signature, with {@link #MARKER} where it was, so its header and claims
 * stay readable but it can no longer be used. Values that are credentials by their place are replaced whole (or,
 * when they are a JWT, lose the signature): {@code Authorization}, {@code Cookie} and {@code Set-Cookie} headers
 * (cookie names and attributes stay, they help diagnose), JSON fields and query parameters whose name says
 * token, password or secret, and every string in a {@code connection_init} payload except the few known to be
 * harmless. Binary frames are kept as they are: nothing in them is known to be text.
 */
public final class Redactor {
    /** Stands where a token's signature or a credential was. */
    public static final String MARKER = "REDACTED";

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "x-auth-token");
    /** A JSON field or query parameter with such a name holds a credential. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i).*(token|password|passwd|secret|authorization|credential|api[-_]?key|session[-_]?id|cookie).*|auth|sid|jwt");
    /** connection_init payload fields that carry no secret (Kosmi sends its user agent and client version). */
    private static final Set<String> HARMLESS_INIT_FIELDS = Set.of("ua", "v", "r", "version", "userAgent", "clientVersion");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");

    private Redactor() {
    }

    public static Capture redact(Capture capture) {
        CaptureSource redacted = redact(CaptureSource.of(capture));
        List<Frame> frames = new ArrayList<>(capture.frames().size());
        capture.frames().forEach(f -> frames.add(frame(f)));
        return new Capture(redacted.session(), redacted.exchanges(), redacted.connections(), frames);
    }

    /** The same rules over a source: its few exchanges and connections at once, its frames as they are read. */
    public static CaptureSource redact(CaptureSource source) {
        Session session = session(source.session());
        List<HttpExchange> exchanges = new ArrayList<>();
        for (HttpExchange e : source.exchanges()) {
            exchanges.add(e.toBuilder()
                    .url(url(e.url()))
                    .requestHeaders(headers(e.requestHeaders()))
                    .responseHeaders(headers(e.responseHeaders()))
                    .requestBody(body(e.requestBody(), false))
                    .responseBody(body(e.responseBody(), false))
                    .error(text(e.error()))
                    .build());
        }
        List<WsConnection> connections = new ArrayList<>();
        for (WsConnection c : source.connections()) {
            connections.add(c.toBuilder()
                    .url(url(c.url()))
                    .requestHeaders(headers(c.requestHeaders()))
                    .responseHeaders(headers(c.responseHeaders()))
                    .responseBody(body(c.responseBody(), false))
                    .error(text(c.error()))
                    .build());
        }
        return new CaptureSource() {
            @Override
            public Session session() {
                return session;
            }

            @Override
            public List<HttpExchange> exchanges() {
                return exchanges;
            }

            @Override
            public List<WsConnection> connections() {
                return connections;
            }

            @Override
            public Iterable<Frame> frames(int connectionId) {
                Iterable<Frame> frames = source.frames(connectionId);
                return () -> {
                    Iterator<Frame> it = frames.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Frame next() {
                            return frame(it.next());
                        }
                    };
                };
            }
        };
    }

    private static Frame frame(Frame f) {
        boolean init = "connection_init".equals(f.message().type());
        return f.opcode() == Opcode.TEXT ? new Frame(f.connectionId(), f.seq(), f.direction(), f.opcode(), body(f.payload(), init),
                f.timeMicros(), f.message()) : f;
    }

    private static Session session(Session s) {
        Map<String, String> attributes = new TreeMap<>();
        s.attributes().forEach((k, v) -> attributes.put(k, text(v)));
        return new Session(s.id(), s.kind(), text(s.name()), url(s.target()), s.status(), s.startedAt(), s.endedAt(),
                s.framesLost(), attributes);
    }

    /** Text with every JWT's signature replaced by the marker. */
    public static String text(String s) {
        if (s == null || !s.contains("eyJ")) {
            return s;
        }
        Matcher m = Jwt.COMPACT.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String token = m.group();
            String replacement = Jwt.tryDecode(token).map(jwt -> jwt.unsigned() + MARKER).orElse(token);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A credential value: a JWT keeps its readable parts, anything else goes entirely. */
    public static String credential(String value) {
        if (value.isEmpty() || value.equals(MARKER)) {
            return value;
        }
        return Jwt.tryDecode(value).map(jwt -> jwt.unsigned() + MARKER).orElse(MARKER);
    }

    /** A URL whose credential-named query parameters are replaced, and any token in it unsigned. */
    static String url(String url) {
        if (url == null || url.indexOf('?') < 0) {
            return text(url);
        }
        Matcher m = QUERY_PARAM.matcher(url);
        StringBuilder out = new StringBuilder(url.length());
        while (m.find()) {
            String value = CREDENTIAL_NAME.matcher(m.group(2)).matches() ? credential(m.group(3)) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(out);
        return text(out.toString());
    }

    private static Payload body(Payload p, boolean connectionInit) {
        if (p.isEmpty() || !p.isUtf8()) {
            return p;
        }
        String original = p.text();
        String redacted = Json.parseContainer(original).map(json -> {
            JsonNode clean = json.deepCopy();
            boolean changed = redactJson(clean, connectionInit ? InitPayload.OUTSIDE : InitPayload.NOT_INIT);
            return changed ? Json.compact(clean) : original;
        }).orElse(original);
        redacted = text(redacted);
        return redacted.equals(original) ? p : Payload.ofText(redacted);
    }

    /** Where a JSON value sits relative to a connection_init message's {@code payload}. */
    private enum InitPayload { NOT_INIT, OUTSIDE, INSIDE }

    /** Redacts credential-named string fields in place (and, inside a connection_init payload, unknown ones). */
    private static boolean redactJson(JsonNode node, InitPayload where) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                InitPayload inner = where == InitPayload.OUTSIDE && name.equals("payload") ? InitPayload.INSIDE : where;
                boolean secret = CREDENTIAL_NAME.matcher(name).matches()
                        || (where == InitPayload.INSIDE && !HARMLESS_INIT_FIELDS.contains(name));
                if (value.isTextual() && secret) {
                    String replaced = credential(value.textValue());
                    if (!replaced.equals(value.textValue())) {
                        field.setValue(TextNode.valueOf(replaced));
                        changed = true;
                    }
                } else {
                    changed |= redactJson(value, inner);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                if (item.isTextual() && where == InitPayload.INSIDE) {
                    String replaced = credential(item.textValue());
                    changed |= !replaced.equals(item.textValue());
                    a.set(i, TextNode.valueOf(replaced));
                } else {
                    changed |= redactJson(item, where);
                }
            }
        }
        return changed;
    }

    private static Headers headers(Headers headers) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers.list()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            String value;
            if (name.equals("cookie") || name.equals("set-cookie")) {
                value = cookies(h.value(), name.equals("set-cookie"));
            } else if (CREDENTIAL_HEADERS.contains(name)) {
                value = authorization(h.value());
            } else {
                value = text(h.value());
            }
            out.add(new Header(h.name(), value));
        }
        return new Headers(out);
    }

    /** {@code Bearer <jwt>} keeps its scheme and the token's readable parts; any other credential goes. */
    private static String authorization(String value) {
        int space = value.indexOf(' ');
        if (space > 0 && value.substring(0, space).chars().allMatch(Character::isLetter)) {
            return value.substring(0, space + 1) + credential(value.substring(space + 1).strip());
        }
        return credential(value.strip());
    }

    /**
     * {@code a=1; b=2} becomes {@code a=REDACTED; b=REDACTED}; in Set-Cookie only the first pair of each line is
     * the cookie, the rest are attributes that stay. Repeated headers arrive joined with a newline.
     */
    private static String cookies(String value, boolean setCookie) {
        StringBuilder out = new StringBuilder();
        String[] lines = value.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append('\n');
            }
            String[] parts = lines[l].split(";", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append(';');
                }
                String part = parts[i];
                int eq = part.indexOf('=');
                if (eq < 0 || (setCookie && i > 0)) {
                    out.append(part);
                } else {
                    out.append(part, 0, eq + 1).append(credential(part.substring(eq + 1).strip()));
                }
            }
        }
        return out.toString();
    }
}
