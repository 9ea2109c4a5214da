package dev.kosmirecorder.core.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes between two shapes of the same thing. Only the topmost of a new or missing subtree is named (a
 * new object's fields are implied), and a side that saw no value at all (a subscription that never fired in
 * that recording) is not evidence of anything, so it yields no change.
 */
final class ShapeDiff {
    private ShapeDiff() {
    }

    static List<Change> compare(Section section, String prefix, Shape a, Shape b) {
        List<Change> out = new ArrayList<>();
        if (a.samples() == 0 || b.samples() == 0) {
            return out;
        }
        Map<String, FieldShape> pa = a.paths();
        Map<String, FieldShape> pb = b.paths();
        Set<String> retyped = new HashSet<>();
        for (String path : pa.keySet()) {
            FieldShape fb = pb.get(path);
            if (fb != null && !fb.types().equals(pa.get(path).types())) {
                retyped.add(path);
            }
        }
        Set<String> all = new TreeSet<>(pa.keySet());
        all.addAll(pb.keySet());
        for (String path : all) {
            FieldShape fa = pa.get(path);
            FieldShape fb = pb.get(path);
            String at = at(prefix, path);
            if (fa == null) {
                if (fb.parent() == null || pa.containsKey(fb.parent()) && !retyped.contains(fb.parent())) {
                    out.add(new Change(section, ChangeKind.ADDED, at, null, describe(fb)));
                }
            } else if (fb == null) {
                if (fa.parent() == null || pb.containsKey(fa.parent()) && !retyped.contains(fa.parent())) {
                    out.add(new Change(section, ChangeKind.REMOVED, at, describe(fa), null));
                }
            } else {
                if (retyped.contains(path)) {
                    out.add(new Change(section, ChangeKind.TYPE_CHANGED, at, fa.typeText(), fb.typeText()));
                }
                if (!fa.optional() && fb.optional()) {
                    out.add(new Change(section, ChangeKind.BECAME_OPTIONAL, at, "required", "optional"));
                } else if (fa.optional() && !fb.optional()) {
                    out.add(new Change(section, ChangeKind.BECAME_REQUIRED, at, "optional", "required"));
                }
            }
        }
        return out;
    }

    static String at(String prefix, String path) {
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    private static String describe(FieldShape f) {
        return f.typeText() + (f.optional() ? ", optional" : "");
    }
}
