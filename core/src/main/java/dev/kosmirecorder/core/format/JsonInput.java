package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.kosmirecorder.core.model.Payload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, validating reads from a parsed JSON document. Every failure is a {@link CaptureFormatException} naming
 * the source and the JSON pointer of the bad value, so the fixture and HAR readers never leak a
 * NullPointerException or a ClassCastException on hostile input.
 */
public final class JsonInput {
    private final String source;

    public JsonInput(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public CaptureFormatException error(String pointer, String problem) {
        return new CaptureFormatException(source, pointer, problem);
    }

    public ObjectNode object(JsonNode node, String pointer) throws CaptureFormatException {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw error(pointer, "expected an object, found " + describe(node));
    }

    public List<JsonNode> array(JsonNode node, String pointer) throws CaptureFormatException {
        if (node == null || !node.isArray()) {
            throw error(pointer, "expected an array, found " + describe(node));
        }
        java.util.ArrayList<JsonNode> items = new java.util.ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    /** Fails on any field of {@code o} that is not in {@code allowed}, so a typo in a hand-edited file is caught. */
    public void onlyFields(ObjectNode o, String pointer, Set<String> allowed) throws CaptureFormatException {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(pointer + "/" + escape(name), "unknown field '" + name + "'; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    public JsonNode required(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        JsonNode v = o.get(field);
        if (v == null) {
            throw error(pointer + "/" + escape(field), "missing required field '" + field + "'");
        }
        return v;
    }

    public String text(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        JsonNode v = required(o, field, pointer);
        if (!v.isTextual()) {
            throw error(pointer + "/" + escape(field), "expected a string, found " + describe(v));
        }
        return v.textValue();
    }

    /** A string, or null where the field is absent or null. */
    public String optionalText(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(pointer + "/" + escape(field), "expected a string or null, found " + describe(v));
        }
        return v.textValue();
    }

    public long integer(ObjectNode o, String field, String pointer, long min, long max) throws CaptureFormatException {
        return integerValue(required(o, field, pointer), pointer + "/" + escape(field), min, max);
    }

    public Long optionalInteger(ObjectNode o, String field, String pointer, long min, long max) throws CaptureFormatException {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : integerValue(v, pointer + "/" + escape(field), min, max);
    }

    public long integerValue(JsonNode v, String pointer, long min, long max) throws CaptureFormatException {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw error(pointer, "expected a whole number from " + min + " to " + max + ", found " + describe(v));
        }
        return v.longValue();
    }

    public boolean bool(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        JsonNode v = required(o, field, pointer);
        if (!v.isBoolean()) {
            throw error(pointer + "/" + escape(field), "expected true or false, found " + describe(v));
        }
        return v.booleanValue();
    }

    /** Milliseconds with fractions, as fixtures write times, to whole microseconds; finer precision is an error. */
    public long millisAsMicros(JsonNode v, String pointer) throws CaptureFormatException {
        return toMicros(v, pointer, 3, "a time in milliseconds", true);
    }

    /**
     * Milliseconds with any number of fractional digits (other tools write full doubles such as
     * {@code 123.456789012}), rounded to the nearest microsecond.
     */
    public long roundedMillisAsMicros(JsonNode v, String pointer) throws CaptureFormatException {
        return toMicros(v, pointer, 3, "a time in milliseconds", false);
    }

    /**
     * An epoch timestamp to microseconds since 1970, in seconds (Chrome, mitmproxy) or milliseconds (Playwright).
     * The unit is told apart by size: an epoch time in seconds stays below 10^11 until the year 5138, and one in
     * milliseconds is above it after March 1973.
     */
    public long epochAsMicros(JsonNode v, String pointer) throws CaptureFormatException {
        boolean millis = v != null && v.isNumber() && v.decimalValue().abs().compareTo(EPOCH_SECONDS_LIMIT) >= 0;
        if (v != null && v.isNumber() && v.decimalValue().movePointRight(millis ? 3 : 6).abs().compareTo(BigDecimal.valueOf(LATEST_MICROS)) > 0) {
            throw outOfRange(pointer, abbreviate(v.asText()));
        }
        long micros = toMicros(v, pointer, millis ? 3 : 6, "an epoch time in seconds or milliseconds", false);
        if (micros < 0 || micros > LATEST_MICROS) {
            throw outOfRange(pointer, abbreviate(v.asText()));
        }
        return micros;
    }

    private static final BigDecimal EPOCH_SECONDS_LIMIT = BigDecimal.valueOf(100_000_000_000L);

    private long toMicros(JsonNode v, String pointer, int shift, String expected, boolean exact) throws CaptureFormatException {
        if (v == null || !v.isNumber()) {
            throw error(pointer, "expected " + expected + ", found " + describe(v));
        }
        BigDecimal micros = v.decimalValue().movePointRight(shift);
        if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            throw error(pointer, "time out of range: " + v.asText());
        }
        try {
            return micros.setScale(0, exact ? RoundingMode.UNNECESSARY : RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw error(pointer, "time has more precision than a microsecond: " + v.asText());
        }
    }

    /** Standard base64 (with padding, as both formats write it) to bytes. */
    public Payload base64(String text, String pointer) throws CaptureFormatException {
        try {
            return Payload.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw error(pointer, "not valid base64: " + e.getMessage());
        }
    }

    /** A JSON syntax error as the one exception the readers throw, with the line and column where it was found. */
    public static CaptureFormatException syntaxError(String source, JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return new CaptureFormatException(source, "", "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    /** A value that breaks one of {@link Json}'s size limits (string length, nesting depth). */
    public static CaptureFormatException sizeLimit(String source, StreamConstraintsException e) {
        return new CaptureFormatException(source, "", "document exceeds a size limit: " + e.getOriginalMessage());
    }

    public Long optionalMillisAsMicros(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : millisAsMicros(v, pointer + "/" + escape(field));
    }

    public Instant instant(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        String text = text(o, field, pointer);
        return parseInstant(text, pointer + "/" + escape(field));
    }

    public Instant optionalInstant(ObjectNode o, String field, String pointer) throws CaptureFormatException {
        String text = optionalText(o, field, pointer);
        return text == null ? null : parseInstant(text, pointer + "/" + escape(field));
    }

    private Instant parseInstant(String text, String pointer) throws CaptureFormatException {
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error(pointer, "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, found '" + abbreviate(text) + "'");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw outOfRange(pointer, abbreviate(text));
        }
        return t;
    }

    /**
     * The times a capture may hold: years 1970 to 9999. Anything outside is a damaged or hostile file, and would
     * overflow the arithmetic of durations and epoch microseconds everywhere a session is shown.
     */
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final long LATEST_MICROS = LATEST.getEpochSecond() * 1_000_000L + LATEST.getNano() / 1000;

    private CaptureFormatException outOfRange(String pointer, String shown) {
        return error(pointer, "the time " + shown + " is outside the years 1970 to 9999 that a capture can hold; correct it in the file");
    }

    /** Escapes a field name for use in a JSON pointer (RFC 6901). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the string \"" + abbreviate(v.textValue()) + "\"";
        }
        if (v.isNumber()) {
            return "the number " + abbreviate(v.asText());
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return v.isArray() ? "an array" : "an object";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
