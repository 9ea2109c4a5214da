package dev.kosmirecorder.core.format;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Removes secrets from a capture before it leaves the store (SPEC §4): every JWT in bodies, frame payloads and
 * header values loses its signature (header and claims stay readable, with {@link #MARKER} where the signature
 * was), and the values of credential headers are replaced.
 */
public final class Redactor {
    /** Stands where a token's signature or a credential was. */
    public static final String MARKER = "REDACTED";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

    private Redactor() {
    }

    public static Capture redact(Capture capture) {
        List<HttpExchange> exchanges = new ArrayList<>();
        for (HttpExchange e : capture.exchanges()) {
            exchanges.add(e.toBuilder()
                    .requestHeaders(headers(e.requestHeaders()))
                    .responseHeaders(headers(e.responseHeaders()))
                    .requestBody(body(e.requestBody()))
                    .responseBody(body(e.responseBody()))
                    .build());
        }
        List<WsConnection> connections = new ArrayList<>();
        for (WsConnection c : capture.connections()) {
            connections.add(c.toBuilder()
                    .url(text(c.url()))
                    .requestHeaders(headers(c.requestHeaders()))
                    .responseHeaders(headers(c.responseHeaders()))
                    .responseBody(body(c.responseBody()))
                    .build());
        }
        List<Frame> frames = new ArrayList<>(capture.frames().size());
        for (Frame f : capture.frames()) {
            frames.add(f.opcode() == Opcode.TEXT ? new Frame(f.connectionId(), f.seq(), f.direction(), f.opcode(),
                    body(f.payload()), f.timeMicros(), f.message()) : f);
        }
        return new Capture(capture.session(), exchanges, connections, frames);
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

    private static Payload body(Payload p) {
        if (p.isEmpty() || !p.isUtf8()) {
            return p;
        }
        String original = p.text();
        String redacted = text(original);
        return redacted.equals(original) ? p : Payload.ofText(redacted);
    }

    private static Headers headers(Headers headers) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers.list()) {
            if (CREDENTIAL_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.add(new Header(h.name(), credential(h.value())));
            } else {
                out.add(new Header(h.name(), text(h.value())));
            }
        }
        return new Headers(out);
    }

    /** A credential header keeps its scheme and any token's readable parts; cookie values go entirely. */
    private static String credential(String value) {
        String redacted = text(value);
        if (!redacted.equals(value)) {
            return redacted;
        }
        int space = value.indexOf(' ');
        if (value.regionMatches(true, 0, "Bearer ", 0, 7) || value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return value.substring(0, space + 1) + MARKER;
        }
        // Cookie: a=1; b=2  ->  a=REDACTED; b=REDACTED (names stay, they help diagnose which cookie was sent)
        StringBuilder out = new StringBuilder();
        for (String line : value.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            String[] parts = line.split(";", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                int eq = part.indexOf('=');
                if (i > 0) {
                    out.append(';');
                }
                boolean attribute = i > 0 && isCookieAttribute(part);
                out.append(eq < 0 || attribute ? part : part.substring(0, eq + 1) + MARKER);
            }
        }
        return out.toString();
    }

    private static boolean isCookieAttribute(String part) {
        String name = part.strip().split("=", 2)[0].toLowerCase(Locale.ROOT);
        return Set.of("path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "partitioned").contains(name);
    }
}
