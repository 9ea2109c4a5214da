package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes secrets from a capture before it leaves the store (SPEC §4): exports, and the web UI and its {@code /api}
 * until <em>Reveal</em>. The guarantee: no string that would authenticate survives. Every JWT anywhere (found by
 * structure, in text as written or decoded, in binary payloads and bodies that are not UTF-8) loses its signature,
 * with {@link #MARKER} where it was, so its header and claims stay readable. Values that are credentials by their
 * name ({@link RedactionPolicy}) go whole, or lose the signature when they are a JWT: headers, query and fragment
 * parameters, form fields, JSON fields, session attributes; cookie names and attributes stay, they help diagnose.
 * Every string in a {@code connection_init} payload goes except the few known to be harmless, and so does an
 * opaque token offered as a WebSocket subprotocol. {@link SecretText} is the engine.
 */
public final class Redactor {
    /** Stands where a token's signature or a credential was. */
    public static final String MARKER = "REDACTED";

    private static final Redactor DEFAULT = new Redactor(RedactionPolicy.DEFAULT);

    private final SecretText secrets;

    public Redactor(RedactionPolicy policy) {
        this.secrets = new SecretText(policy);
    }

    /** The capture redacted with the default policy. */
    public static Capture redact(Capture capture) {
        return DEFAULT.apply(capture);
    }

    /** A source redacted with the default policy: its few exchanges and connections at once, its frames as they are read. */
    public static CaptureSource redact(CaptureSource source) {
        return DEFAULT.apply(source);
    }

    /** The default redactor. */
    public static Redactor standard() {
        return DEFAULT;
    }

    public Capture apply(Capture capture) {
        List<HttpExchange> exchanges = new ArrayList<>(capture.exchanges().size());
        capture.exchanges().forEach(e -> exchanges.add(exchange(e)));
        List<WsConnection> connections = new ArrayList<>(capture.connections().size());
        capture.connections().forEach(c -> connections.add(connection(c)));
        List<Frame> frames = new ArrayList<>(capture.frames().size());
        capture.frames().forEach(f -> frames.add(frame(f)));
        return new Capture(session(capture.session()), exchanges, connections, frames);
    }

    /** The same rules over a source: its few exchanges and connections at once, its frames as they are read. */
    public CaptureSource apply(CaptureSource source) {
        List<HttpExchange> exchanges = new ArrayList<>();
        source.exchanges().forEach(e -> exchanges.add(exchange(e)));
        List<WsConnection> connections = new ArrayList<>();
        source.connections().forEach(c -> connections.add(connection(c)));
        return source.mapFrames(session(source.session()), exchanges, connections, this::frame);
    }

    public HttpExchange exchange(HttpExchange e) {
        return e.toBuilder()
                .url(text(e.url()))
                .requestHeaders(headers(e.requestHeaders()))
                .responseHeaders(headers(e.responseHeaders()))
                .requestBody(body(e.requestBody(), false))
                .responseBody(body(e.responseBody(), false))
                .error(text(e.error()))
                .build();
    }

    public WsConnection connection(WsConnection c) {
        return c.toBuilder()
                .url(text(c.url()))
                .requestHeaders(headers(c.requestHeaders()))
                .responseHeaders(headers(c.responseHeaders()))
                .statusText(text(c.statusText()))
                .subprotocol(secrets.subprotocols(c.subprotocol()))
                .responseBody(body(c.responseBody(), false))
                .closeReason(text(c.closeReason()))
                .error(text(c.error()))
                .build();
    }

    public Frame frame(Frame f) {
        Payload clean = body(f.payload(), "connection_init".equals(f.message().type()));
        return clean == f.payload() ? f : new Frame(f.connectionId(), f.seq(), f.direction(), f.opcode(), clean, f.timeMicros(), f.message());
    }

    public Session session(Session s) {
        Map<String, String> attributes = new TreeMap<>();
        s.attributes().forEach((k, v) -> attributes.put(k, secrets.policy().isCredentialName(k) ? secrets.credential(v) : text(v)));
        return new Session(s.id(), s.kind(), text(s.name()), text(s.target()), s.status(), s.startedAt(), s.endedAt(),
                s.framesLost(), attributes);
    }

    /** Text with every secret it holds, as written or decoded, gone. */
    public String text(String s) {
        return secrets.redact(s);
    }

    /** Text redacted with the default policy. */
    public static String defaultText(String s) {
        return DEFAULT.text(s);
    }

    /** A credential value: a JWT keeps its readable parts, anything else goes entirely. */
    public static String credential(String value) {
        return DEFAULT.secrets.credential(value);
    }

    public Headers headers(Headers headers) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers.list()) {
            out.add(new Header(h.name(), headerValue(h)));
        }
        return new Headers(out);
    }

    private String headerValue(Header h) {
        if (h.hasName("Cookie") || h.hasName("Set-Cookie")) {
            return cookies(h.value(), h.hasName("Set-Cookie"));
        }
        if (h.hasName("Sec-WebSocket-Protocol")) {
            return secrets.subprotocols(h.value());
        }
        if (secrets.policy().isCredentialName(h.name())) {
            return authorization(h.value());
        }
        return text(h.value());
    }

    /**
     * A body or payload. UTF-8 text is searched as text (and as JSON when it is JSON); other bytes (binary frames,
     * bodies in another charset) are searched byte for byte as Latin-1, so ASCII secrets among them are found, and
     * the marker replaces them without disturbing the other bytes.
     */
    private Payload body(Payload p, boolean connectionInit) {
        if (p.isEmpty()) {
            return p;
        }
        if (!p.isUtf8()) {
            String view = new String(p.bytes(), StandardCharsets.ISO_8859_1);
            String clean = text(view);
            return clean.equals(view) ? p : Payload.of(clean.getBytes(StandardCharsets.ISO_8859_1));
        }
        String original = p.text();
        String redacted = Json.parseContainer(original).map(json -> {
            JsonNode clean = json.deepCopy();
            boolean changed = connectionInit && clean instanceof ObjectNode o && o.get("payload") != null
                    ? initPayload(o) : secrets.redactJson(clean, false);
            return changed ? Json.compact(clean) : original;
        }).orElseGet(() -> text(original));
        return redacted.equals(original) ? p : Payload.ofText(redacted);
    }

    /** In a connection_init message every string of the payload is a credential until known harmless. */
    private boolean initPayload(ObjectNode message) {
        JsonNode payload = message.get("payload");
        boolean changed;
        if (payload.isTextual()) {
            String replaced = secrets.credential(payload.textValue());
            changed = !replaced.equals(payload.textValue());
            message.put("payload", replaced);
        } else {
            changed = secrets.redactJson(payload, true);
        }
        ObjectNode rest = message.deepCopy();
        rest.remove("payload");
        if (secrets.redactJson(rest, false)) {
            rest.fields().forEachRemaining(f -> message.set(f.getKey(), f.getValue()));
            changed = true;
        }
        return changed;
    }

    /** {@code Bearer <jwt>} keeps its scheme and the token's readable parts; any other credential goes. */
    private String authorization(String value) {
        int space = value.indexOf(' ');
        if (space > 0 && value.substring(0, space).chars().allMatch(Character::isLetter)) {
            return value.substring(0, space + 1) + secrets.credential(value.substring(space + 1).strip());
        }
        return secrets.credential(value.strip());
    }

    /**
     * {@code a=1; b=2} becomes {@code a=REDACTED; b=REDACTED}; in Set-Cookie only the first pair of each line is
     * the cookie, the rest are attributes that stay (searched like any text). Repeated headers arrive joined with a newline.
     */
    private String cookies(String value, boolean setCookie) {
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
                    out.append(text(part));
                } else {
                    out.append(part, 0, eq + 1).append(secrets.credential(part.substring(eq + 1).strip()));
                }
            }
        }
        return out.toString();
    }
}
