package dev.kosmirecorder.core.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON Web Token decoded without verification, for display, for {@code token} and for redaction. The
 * signature is kept as text only so it can be dropped; nothing here trusts a claim.
 */
public record Jwt(String raw, ObjectNode header, ObjectNode claims, String signature) {
    /**
     * Matches a compact JWS anywhere in text by its structure: three base64url parts, the first starting like
     * base64url of a JSON object ({@code {"} is {@code eyJ}, <code>{ "</code> is {@code eyA}, a newline after the brace
     * {@code ew}); the header and claims are checked by {@link #tryDecode}, the prefix only keeps the search cheap.
     */
    public static final Pattern COMPACT = Pattern.compile("(?<![A-Za-z0-9_-])e[wy][A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decodes a compact JWT, or explains in the exception's message why the text is not one. */
    public static Jwt decode(String token) {
        String t = token == null ? "" : token.strip();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).strip();
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT: expected three dot-separated parts, found " + parts.length);
        }
        return new Jwt(t, object(parts[0], "header"), object(parts[1], "claims"), parts[2]);
    }

    public static Optional<Jwt> tryDecode(String token) {
        try {
            return Optional.of(decode(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first JWT found inside a piece of text (a body, a connection_init payload, a header value). */
    public static Optional<Jwt> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = COMPACT.matcher(text);
        while (m.find()) {
            Optional<Jwt> jwt = tryDecode(m.group());
            if (jwt.isPresent()) {
                return jwt;
            }
        }
        return Optional.empty();
    }

    public Optional<Instant> expiresAt() {
        return epochClaim("exp");
    }

    public Optional<Instant> issuedAt() {
        return epochClaim("iat");
    }

    public Optional<String> claim(String name) {
        JsonNode v = claims.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    public Optional<String> algorithm() {
        JsonNode v = header.get("alg");
        return v == null ? Optional.empty() : Optional.of(v.asText());
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt().map(exp -> !exp.isAfter(now)).orElse(false);
    }

    /** The token without its signature, so its header and claims stay readable but it can no longer be used. */
    public String unsigned() {
        int lastDot = raw.lastIndexOf('.');
        return raw.substring(0, lastDot + 1);
    }

    private Optional<Instant> epochClaim(String name) {
        JsonNode v = claims.get(name);
        return v != null && v.isNumber() ? Optional.of(Instant.ofEpochSecond(v.asLong())) : Optional.empty();
    }

    private static ObjectNode object(String part, String what) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWT: the " + what + " is not base64url");
        }
        try {
            JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("not a JWT: the " + what + " is not a JSON object");
    }

    @Override
    public String toString() {
        return "Jwt{alg=" + algorithm().orElse("?") + ", claims=" + claims + "}";
    }
}
