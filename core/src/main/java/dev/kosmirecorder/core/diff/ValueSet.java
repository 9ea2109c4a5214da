package dev.kosmirecorder.core.diff;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The distinct values a header or a {@code connection_init} field took in one capture, as display text.
 * Volatile values are kept as their kind only ({@code (volatile string)}), and more than {@link #MAX_VALUES}
 * distinct values collapse to {@link #VARIES}: a value that changes that often is not part of the API.
 */
public record ValueSet(Set<String> values) {
    public static final int MAX_VALUES = 8;
    public static final String VARIES = "(varies)";

    public ValueSet {
        values = Collections.unmodifiableSet(new TreeSet<>(values));
    }

    public String text() {
        return String.join(" | ", values);
    }

    /** A mutable collector of one key's values. */
    static final class Builder {
        private final TreeSet<String> values = new TreeSet<>();
        private boolean varies;

        void add(String value) {
            if (varies) {
                return;
            }
            values.add(value);
            if (values.size() > MAX_VALUES) {
                values.clear();
                values.add(VARIES);
                varies = true;
            }
        }

        ValueSet build() {
            return new ValueSet(values);
        }
    }
}
