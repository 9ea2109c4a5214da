package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds JSON values one at a time into a {@link Shape}. Keeps only types and counts per path, never values, so
 * ids, times and tokens cannot show up as changes; memory is bounded by {@link #MAX_PATHS}, not by the number of
 * values. Not thread-safe.
 */
public final class ShapeAccumulator {
    /** Most paths kept per shape: a hostile capture cannot grow a diff without bound. */
    public static final int MAX_PATHS = 4000;
    private static final int MAX_DEPTH = 64;
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    private static final class PathStats {
        final String parent;
        final Set<JsonType> types = EnumSet.noneOf(JsonType.class);
        /** Field name to child path, for names that are fields (not ids): saves classifying each name again. */
        final Map<String, String> children = new HashMap<>();
        long seen;
        long asObject;

        PathStats(String parent) {
            this.parent = parent;
        }
    }

    private final Map<String, PathStats> paths = new HashMap<>();
    private long samples;
    private long dropped;

    /** Adds one value (a frame's variables, say); {@code null} says the value was missing from this sample. */
    public void add(JsonNode value) {
        samples++;
        if (value != null && !value.isMissingNode()) {
            visit("", null, value, 0);
        }
    }

    public Shape build() {
        Map<String, FieldShape> out = new HashMap<>();
        paths.forEach((path, s) -> {
            long parentCount;
            if (s.parent == null) {
                parentCount = samples;
            } else {
                PathStats p = paths.get(s.parent);
                // Array elements and id-keyed entries are never "missing": an empty array simply has none.
                parentCount = path.endsWith("[]") || path.endsWith("*") || p == null ? s.seen : p.asObject;
            }
            out.put(path, new FieldShape(s.parent, s.types, s.seen < parentCount));
        });
        return new Shape(samples, out, dropped);
    }

    private void visit(String path, String parent, JsonNode node, int depth) {
        PathStats s = paths.get(path);
        if (s == null) {
            if (paths.size() >= MAX_PATHS) {
                dropped++;
                return;
            }
            s = new PathStats(parent);
            paths.put(path, s);
        }
        s.seen++;
        JsonType type = JsonType.of(node);
        s.types.add(type);
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (type == JsonType.OBJECT) {
            s.asObject++;
            // A map keyed by ids gets one "*" child whose entries merge, like the elements of an array.
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = s.children.get(e.getKey());
                if (childPath == null) {
                    boolean id = Volatility.isVolatileKey(e.getKey());
                    childPath = child(path, id ? "*" : e.getKey());
                    if (!id && s.children.size() < MAX_PATHS) {
                        s.children.put(e.getKey(), childPath);
                    }
                }
                visit(childPath, path, e.getValue(), depth + 1);
            }
        } else if (type == JsonType.ARRAY) {
            String element = path + "[]";
            for (JsonNode item : node) {
                visit(element, path, item, depth + 1);
            }
        }
    }

    static String child(String parent, String key) {
        String segment = PLAIN_KEY.matcher(key).matches() || key.equals("*") ? key : "[" + quote(key) + "]";
        if (parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    private static String quote(String key) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
