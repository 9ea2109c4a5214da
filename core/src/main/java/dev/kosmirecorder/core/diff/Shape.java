package dev.kosmirecorder.core.diff;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a stream of JSON values (an operation's variables or results): path to {@link FieldShape}, over
 * {@code samples} values. The root is the empty path; object fields are {@code a.b}, array elements {@code a[]}
 * (element shapes merged), keys that are data (ids) {@code *}. {@code droppedPaths} counts paths beyond the bound.
 */
public record Shape(long samples, Map<String, FieldShape> paths, long droppedPaths) {
    public static final Shape EMPTY = new Shape(0, Map.of(), 0);

    public Shape {
        paths = Collections.unmodifiableMap(new TreeMap<>(paths));
    }
}
