package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kosmirecorder.core.protocol.GraphQlMessage;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys a GraphQL request is matched by: operation name, normalised query text, root fields and variables.
 * Built from an HTTP body or a {@code start}/{@code subscribe} payload.
 */
public record GraphQlRequest(String operationName, String normalizedQuery, Set<String> rootFields, JsonNode variables) {

    public GraphQlRequest {
        rootFields = Set.copyOf(rootFields);
        variables = variables == null || variables.isNull() || variables.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : variables;
    }

    /** Reads {@code {operationName, query, variables}}; missing or ill-typed fields count as absent. */
    public static GraphQlRequest from(JsonNode payload) {
        String query = payload != null && payload.path("query").isTextual() ? payload.get("query").asText() : "";
        String name = payload != null && payload.path("operationName").isTextual() ? payload.get("operationName").asText() : null;
        if (name == null || name.isBlank()) {
            name = GraphQlMessage.operationNameOf(query);
        }
        JsonNode variables = payload == null ? null : payload.get("variables");
        return new GraphQlRequest(name, normalize(query), rootFields(query), variables);
    }

    /** What a person would call this operation in a message. */
    public String describe() {
        if (operationName != null) {
            return "'" + operationName + "'";
        }
        return normalizedQuery.isEmpty() ? "(no query)" : "'" + cut(normalizedQuery, 80) + "'";
    }

    /** The query without comments and with insignificant whitespace removed, so formatting does not break a match. */
    static String normalize(String query) {
        return query.replaceAll("#[^\\n]*", " ")
                .replaceAll("\\s+", " ")
                .replaceAll(" ?([{}():,!$=@\\[\\]]) ?", "$1")
                .strip();
    }

    /** The field names in the first selection set's top level (aliases resolved, fragment spreads skipped). */
    static Set<String> rootFields(String query) {
        Set<String> fields = new LinkedHashSet<>();
        int braces = 0;
        int parens = 0;
        String pendingAlias = null;
        boolean afterColon = false;
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '#') {
                while (i < n && query.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"') {
                i++;
                while (i < n && query.charAt(i) != '"') {
                    i += query.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                continue;
            }
            if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
                if (braces == 0 && !fields.isEmpty()) {
                    break;
                }
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (c == ':' && braces == 1 && parens == 0) {
                afterColon = true;
            } else if (c == '.' && braces == 1 && parens == 0) {
                // A fragment spread "...Name" or an inline fragment: skip its name.
                while (i < n && (query.charAt(i) == '.' || Character.isWhitespace(query.charAt(i)))) {
                    i++;
                }
                while (i < n && isNamePart(query.charAt(i))) {
                    i++;
                }
                continue;
            } else if (braces == 1 && parens == 0 && isNameStart(c)) {
                int start = i;
                while (i < n && isNamePart(query.charAt(i))) {
                    i++;
                }
                String name = query.substring(start, i);
                if (afterColon && pendingAlias != null) {
                    fields.remove(pendingAlias);
                    afterColon = false;
                }
                fields.add(name);
                pendingAlias = name;
                continue;
            }
            i++;
        }
        return fields;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
