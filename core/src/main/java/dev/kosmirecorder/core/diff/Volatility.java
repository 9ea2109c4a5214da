package dev.kosmirecorder.core.diff;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells values and names that differ on every recording by design (ids, times, tokens, per-connection headers)
 * from those that describe the API, so a re-recording of the same page compares as identical.
 */
public final class Volatility {
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern JWT = Pattern.compile("(?:Bearer\\s+)?eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern LONG_HEX = Pattern.compile("(?i)[0-9a-f]{16,}");
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");
    private static final Pattern HTTP_DATE = Pattern.compile("(?i)(mon|tue|wed|thu|fri|sat|sun), \\d{2} [a-z]{3} \\d{4} .*");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)token|secret|passw|auth|cookie|session|key");
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");

    /** Headers that differ on every connection by design: left out of the comparison altogether. */
    private static final Set<String> PER_CONNECTION_HEADERS = Set.of(
            "sec-websocket-key", "sec-websocket-accept", "date", "content-length", "age", "expires", "last-modified",
            "etag", "x-request-id", "x-amzn-trace-id", "cf-ray", "traceparent", "tracestate", "x-runtime",
            "server-timing", "report-to", "nel", "alt-svc");

    /** Headers whose presence matters but whose value is a secret or a per-visit value. */
    private static final Set<String> VALUE_VOLATILE_HEADERS = Set.of(
            "cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrf-token", "if-none-match",
            "if-modified-since", "referer");

    private Volatility() {
    }

    /** True for a value that is an id, a time or a token: only its type may be compared, never the value. */
    public static boolean isVolatileValue(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String v = value.strip();
        return UUID.matcher(v).find() || JWT.matcher(v).find() || LONG_HEX.matcher(v).matches()
                || (DIGITS.matcher(v).matches() && v.length() >= 9) || ISO_TIME.matcher(v).matches()
                || HTTP_DATE.matcher(v).matches() || LONG_BASE64.matcher(v).matches();
    }

    /** True for an object key that is data rather than a field name (a map keyed by ids), shown as {@code *}. */
    public static boolean isVolatileKey(String key) {
        return isVolatileValue(key) || (!key.isEmpty() && DIGITS.matcher(key).matches());
    }

    /** True for a field whose value is a credential whatever it looks like: shown by its type, never printed. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    public static boolean isPerConnectionHeader(String name) {
        return PER_CONNECTION_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    public static boolean isValueVolatileHeader(String name) {
        return VALUE_VOLATILE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
