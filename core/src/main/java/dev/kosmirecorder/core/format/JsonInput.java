package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
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

    /** Milliseconds with fractions, as fixtures write times, to whole microseconds. */
    public long millisAsMicros(JsonNode v, String pointer) throws CaptureFormatException {
        if (v == null || !v.isNumber()) {
            throw error(pointer, "expected a time in milliseconds, found " + describe(v));
        }
        BigDecimal micros = v.decimalValue().movePointRight(3);
        if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            throw error(pointer, "time out of range: " + v.asText());
        }
        try {
            return micros.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw error(pointer, "time has more precision than a microsecond: " + v.asText());
        }
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
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error(pointer, "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, found '" + abbreviate(text) + "'");
        }
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
