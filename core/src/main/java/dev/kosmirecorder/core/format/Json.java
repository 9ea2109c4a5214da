package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The project's one JSON configuration: exact numbers (BigDecimal, plain notation), strict duplicates, and a
 * canonical pretty printer (two spaces, {@code "key": value}, {@code \n}) so written files diff well and are
 * the same bytes on every machine.
 */
public final class Json {
    /** Largest string value accepted, in characters: above the biggest frame a capture may hold (16 MiB). */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNestingDepth(500)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Parses without duplicate detection: a captured payload may repeat a key; then it simply stays text. */
    private static final ObjectMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNestingDepth(500)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final DefaultPrettyPrinter CANONICAL = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** The canonical pretty form of a document, ending with a newline. */
    public static String canonical(JsonNode node) {
        try {
            return MAPPER.writer(CANONICAL).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A streaming writer with the canonical pretty printer, for documents too big to build as a tree first (HAR
     * export). The caller closes it; closing does not close {@code out}.
     */
    public static JsonGenerator prettyGenerator(java.io.Writer out) throws IOException {
        JsonGenerator generator = MAPPER.createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setPrettyPrinter(CANONICAL.createInstance());
        return generator;
    }

    /** {@link #prettyGenerator(java.io.Writer)} writing UTF-8 bytes. */
    public static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
        JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setPrettyPrinter(CANONICAL.createInstance());
        return generator;
    }

    /** The compact form: no spaces, keys in document order. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text as a JSON object or array when writing it compactly gives back exactly the same text; otherwise
     * empty. This is what lets a fixture show JSON payloads as JSON and still round-trip them byte for byte.
     */
    public static Optional<JsonNode> asExactJson(String text) {
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            JsonNode node = LENIENT.readTree(text);
            if (node != null && node.isContainerNode() && compact(node).equals(text)) {
                return Optional.of(node);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: it stays a string
        }
        return Optional.empty();
    }

    /** The text parsed as a JSON object or array, leniently (repeated keys allowed); empty when it is not one. */
    public static Optional<JsonNode> parseContainer(String text) {
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            JsonNode node = LENIENT.readTree(text);
            return node != null && node.isContainerNode() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not JSON
        }
    }

    /** Pretty-printed JSON for display when the text is JSON, else the text itself. */
    public static String prettyOrSelf(String text) {
        try {
            JsonNode node = LENIENT.readTree(text);
            if (node != null && node.isContainerNode()) {
                return canonical(node).stripTrailing();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        return text;
    }
}
