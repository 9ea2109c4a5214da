package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kosmirecorder.core.jwt.Jwt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction engine for one piece of text. A secret is found in the text as written and in what the text
 * decodes to, because an export is read by people and programs that decode: percent-encoding ({@code %2E},
 * {@code t%6Fken=}), JSON escapes ({@code \u002e}, {@code \/}), base64 and base64url (standard and URL-safe), JSON
 * nested in a string. Three kinds of secret go:
 * <ul>
 * <li>a JWT, found by structure (three base64url segments whose first decodes to a JSON object, so {@code eyAi…}
 * headers too), loses its signature: {@code header.claims.REDACTED} stays readable but authenticates nothing;</li>
 * <li>the value of a credential-named {@code name=value} pair (query, fragment, form body, cookie line);</li>
 * <li>a base64 blob whose decoded bytes hold either of those is replaced whole.</li>
 * </ul>
 * When a secret is only visible decoded, the text is replaced by its decoded, redacted form: exactness of an
 * encoding is worth less than the guarantee.
 */
final class SecretText {
    static final String MARKER = Redactor.MARKER;

    /** Three dot-separated segments; the signature may be standard base64 and JSON- or percent-escaped. */
    private static final Pattern JWT_SHAPE = Pattern.compile(
            "(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{4,})\\.([A-Za-z0-9_-]{2,})\\.((?:[A-Za-z0-9_+/=-]|\\\\/|%2[fFbB]|%3[dD])*)");
    private static final Pattern BASE64_BLOB = Pattern.compile("(?<![A-Za-z0-9_+/=.-])[A-Za-z0-9_+/-]{24,}={0,2}(?![A-Za-z0-9_+/=-])");
    private static final Pattern NAME_VALUE = Pattern.compile(
            "(?<![A-Za-z0-9_.%\\[\\]-])([A-Za-z0-9_.\\[\\]-]{1,100})=([^&#\\s;,\"'<>]*)");
    private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\(u[0-9A-Fa-f]{4}|[/\"\\\\bfnrt])");
    /** Decoding layers followed at most (a base64 blob of a percent-encoded token is two). */
    private static final int MAX_DEPTH = 4;

    private final RedactionPolicy policy;

    SecretText(RedactionPolicy policy) {
        this.policy = policy;
    }

    RedactionPolicy policy() {
        return policy;
    }

    /** The text with every secret it holds, as written or decoded, gone. */
    String redact(String s) {
        return s == null || s.isEmpty() ? s : redact(s, 0);
    }

    /** A credential by its place: a JWT keeps its readable parts, anything else goes whole. */
    String credential(String value) {
        if (value == null || value.isEmpty() || value.equals(MARKER)) {
            return value;
        }
        return Jwt.tryDecode(value).map(jwt -> jwt.unsigned() + MARKER).orElse(MARKER);
    }

    /**
     * Redacts a JSON tree in place and says whether anything changed: every string is searched, and the strings under a
     * credential-named field (or, when {@code everyStringIsSecret}, all but the harmless connection_init fields) go.
     */
    boolean redactJson(JsonNode node, boolean everyStringIsSecret) {
        return redactJson(node, everyStringIsSecret, 0);
    }

    private String redact(String s, int depth) {
        String r = raw(s, depth);
        if (depth >= MAX_DEPTH) {
            return r;
        }
        String nested = nestedJson(r, depth);
        if (nested != null) {
            return nested;
        }
        if (r.indexOf('%') >= 0) {
            String decoded = percentDecode(r);
            if (!decoded.equals(r) && !raw(decoded, depth + 1).equals(decoded)) {
                return redact(decoded, depth + 1);
            }
        }
        if (r.indexOf('\\') >= 0) {
            String decoded = jsonUnescape(r);
            if (!decoded.equals(r) && !raw(decoded, depth + 1).equals(decoded)) {
                return redact(decoded, depth + 1);
            }
        }
        return r;
    }

    /** Text that is itself a JSON object or array (JSON in a JSON string, a stringified variables map): its tree redacted. */
    private String nestedJson(String s, int depth) {
        char first = firstNonSpace(s);
        if (first != '{' && first != '[') {
            return null;
        }
        return Json.parseContainer(s).map(json -> {
            JsonNode copy = json.deepCopy();
            return redactJson(copy, false, depth + 1) ? Json.compact(copy) : null;
        }).orElse(null);
    }

    /** One pass over the text as written: credential-named values, then JWTs, then base64 blobs between the JWTs. */
    private String raw(String s, int depth) {
        String named = s.indexOf('=') >= 0 ? namedValues(s) : s;
        StringBuilder out = new StringBuilder(named.length());
        Matcher m = JWT_SHAPE.matcher(named);
        int last = 0;
        while (m.find()) {
            Optional<String> unsigned = unsignedJwt(m);
            if (unsigned.isPresent()) {
                out.append(blobs(named.substring(last, m.start()), depth)).append(unsigned.get());
                last = m.end();
            }
        }
        if (last == 0) {
            return blobs(named, depth);
        }
        return out.append(blobs(named.substring(last), depth)).toString();
    }

    /** {@code header.claims.} plus the marker when the match is a JWT with a signature, else nothing. */
    private static Optional<String> unsignedJwt(Matcher m) {
        if (m.group(3).isEmpty() || m.group(3).equals(MARKER) || !isJsonObject(m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "." + m.group(2) + "." + MARKER);
    }

    private static boolean isJsonObject(String base64url) {
        byte[] bytes = decodeBase64(base64url);
        if (bytes == null) {
            return false;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return firstNonSpace(text) == '{' && Json.parseContainer(text).map(JsonNode::isObject).orElse(false);
    }

    private String namedValues(String s) {
        Matcher m = NAME_VALUE.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!m.group(2).isEmpty() && policy.isCredentialName(percentDecode(m.group(1)))) {
                String replaced = credential(m.group(2));
                if (!replaced.equals(m.group(2))) {
                    out = out == null ? new StringBuilder(s.length()) : out;
                    out.append(s, last, m.start(2)).append(replaced);
                    last = m.end(2);
                }
            }
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    /** Base64 blobs whose decoded bytes hold a secret are replaced whole by the marker. */
    private String blobs(String s, int depth) {
        if (s.length() < 24 || depth >= MAX_DEPTH) {
            return s;
        }
        Matcher m = BASE64_BLOB.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            byte[] decoded = decodeBase64(m.group());
            if (decoded != null) {
                String view = new String(decoded, StandardCharsets.ISO_8859_1);
                if (!redact(view, depth + 1).equals(view)) {
                    out = out == null ? new StringBuilder(s.length()) : out;
                    out.append(s, last, m.start()).append(MARKER);
                    last = m.end();
                }
            }
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    private boolean redactJson(JsonNode node, boolean everyStringIsSecret, int depth) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                boolean secret = (everyStringIsSecret && !policy.harmlessInitFields().contains(field.getKey()))
                        || policy.isCredentialName(field.getKey());
                if (value.isTextual()) {
                    String replaced = secret ? credential(value.textValue()) : redact(value.textValue(), depth);
                    if (!replaced.equals(value.textValue())) {
                        field.setValue(TextNode.valueOf(replaced));
                        changed = true;
                    }
                } else {
                    changed |= redactJson(value, secret, depth);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                if (item.isTextual()) {
                    String replaced = everyStringIsSecret ? credential(item.textValue()) : redact(item.textValue(), depth);
                    if (!replaced.equals(item.textValue())) {
                        a.set(i, TextNode.valueOf(replaced));
                        changed = true;
                    }
                } else {
                    changed |= redactJson(item, everyStringIsSecret, depth);
                }
            }
        }
        return changed;
    }

    /** Standard or URL-safe base64, padded or not; null when the text is not base64. */
    static byte[] decodeBase64(String s) {
        String t = s.endsWith("==") ? s.substring(0, s.length() - 2) : s.endsWith("=") ? s.substring(0, s.length() - 1) : s;
        if (t.length() % 4 == 1) {
            return null;
        }
        try {
            boolean urlSafe = t.indexOf('-') >= 0 || t.indexOf('_') >= 0;
            if (urlSafe && (t.indexOf('+') >= 0 || t.indexOf('/') >= 0)) {
                return null;
            }
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code %XX} sequences decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD); {@code +} stays. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher m = PERCENT.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.start() != last) {
                flush(bytes, out);
                out.append(s, last, m.start());
            }
            bytes.write(Integer.parseInt(m.group().substring(1), 16));
            last = m.end();
        }
        flush(bytes, out);
        return out.append(s, last, s.length()).toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    /** JSON string escapes decoded ({@code \u002e}, {@code \/}, {@code \"}, …); other backslashes stay. */
    static String jsonUnescape(String s) {
        Matcher m = JSON_ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e.charAt(0)) {
                case 'u' -> String.valueOf((char) Integer.parseInt(e.substring(1), 16));
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                default -> e;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The items of a {@code Sec-WebSocket-Protocol} value; an item that is not a known protocol name and looks like a token goes. */
    String subprotocols(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String t = item.strip();
            boolean name = policy.knownSubprotocols().contains(t.toLowerCase(java.util.Locale.ROOT))
                    || (t.length() <= 40 && t.matches("[a-z][a-z.-]*"));
            items.add(name || t.isEmpty() ? item : item.substring(0, item.indexOf(t)) + credential(t));
        }
        return String.join(",", items);
    }

    private static char firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }
}
