package dev.kosmirecorder.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a GraphQL-over-WebSocket message that captures are indexed by: {@code type}, {@code id} and the
 * operation name. Works for both dialects; any field may be null, and a payload that is not a JSON object
 * (binary data, plain text, broken JSON) parses to {@link #NONE} instead of failing.
 */
public record GraphQlMessage(String type, String id, String operationName) {
    public static final GraphQlMessage NONE = new GraphQlMessage(null, null, null);

    /** Longest value kept for an indexed field; longer ones are cut so a hostile frame cannot bloat an index. */
    public static final int MAX_FIELD_LENGTH = 200;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();
    private static final Pattern OPERATION = Pattern.compile(
            "^\\s*(?:#[^\\n]*\\n\\s*)*(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)");

    public GraphQlMessage {
        type = cut(type);
        id = cut(id);
        operationName = cut(operationName);
    }

    public GraphQlMessage withOperationName(String name) {
        return new GraphQlMessage(type, id, name);
    }

    /**
     * Reads type, id and operation name with a streaming parser: the payload is walked once and nothing is kept
     * but the three strings, so a 5 MB frame costs no tree. The operation name comes from
     * {@code payload.operationName}, else from the first named operation in {@code payload.query}.
     */
    public static GraphQlMessage parse(String text) {
        if (text == null || text.isEmpty() || firstNonSpace(text) != '{') {
            return NONE;
        }
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            String type = null, id = null, operationName = null, query = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = scalar(p, value);
                    case "id" -> id = scalar(p, value);
                    case "payload" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String inner = p.currentName();
                                JsonToken innerValue = p.nextToken();
                                if (inner.equals("operationName") && innerValue == JsonToken.VALUE_STRING) {
                                    operationName = p.getText();
                                } else if (inner.equals("query") && innerValue == JsonToken.VALUE_STRING) {
                                    query = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if ((operationName == null || operationName.isBlank()) && query != null) {
                operationName = operationNameOf(query);
            }
            return new GraphQlMessage(type, id, operationName == null || operationName.isBlank() ? null : operationName);
        } catch (IOException | RuntimeException e) {
            // Not JSON, or not the JSON we expect: a frame is still a frame, it just has no indexed fields.
            return NONE;
        }
    }

    /** The name of the first named operation in a GraphQL document, or null for an anonymous one. */
    public static String operationNameOf(String query) {
        Matcher m = OPERATION.matcher(query);
        return m.find() ? m.group(1) : null;
    }

    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static char firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return ' ';
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_FIELD_LENGTH ? s : s.substring(0, MAX_FIELD_LENGTH);
    }
}
