package dev.kosmirecorder.core.model;

import java.util.Objects;

/** One HTTP header as it was sent or received: name case kept, value verbatim. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }
}
