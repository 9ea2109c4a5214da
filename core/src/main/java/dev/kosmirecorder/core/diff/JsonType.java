package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON type of a value at a path: what a shape records instead of the value itself. */
public enum JsonType {
    OBJECT("object"), ARRAY("array"), STRING("string"), NUMBER("number"), BOOLEAN("boolean"), NULL("null");

    private final String wireName;

    JsonType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static JsonType of(JsonNode node) {
        if (node.isObject()) {
            return OBJECT;
        }
        if (node.isArray()) {
            return ARRAY;
        }
        if (node.isTextual() || node.isBinary()) {
            return STRING;
        }
        if (node.isNumber()) {
            return NUMBER;
        }
        if (node.isBoolean()) {
            return BOOLEAN;
        }
        return NULL;
    }
}
