package dev.kosmirecorder.core.diff;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is known of one JSON path over all the values seen: the types it took and whether it was sometimes
 * missing from its parent object ({@code optional}). {@code parent} is the enclosing path, or null at the root.
 */
public record FieldShape(String parent, Set<JsonType> types, boolean optional) {
    public FieldShape {
        types = Collections.unmodifiableSet(types.isEmpty() ? EnumSet.noneOf(JsonType.class) : EnumSet.copyOf(types));
    }

    /** The types as one word, e.g. {@code string} or {@code string|null}. */
    public String typeText() {
        return types.stream().map(JsonType::wireName).collect(Collectors.joining("|"));
    }
}
