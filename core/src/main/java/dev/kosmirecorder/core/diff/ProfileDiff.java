package dev.kosmirecorder.core.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The changes between two capture profiles, section by section, in a stable order. */
final class ProfileDiff {
    /** Share of paths two operations must have in common to be taken for one renamed operation. */
    static final double RENAME_SIMILARITY = 0.5;

    private ProfileDiff() {
    }

    static List<Change> compare(CaptureProfile a, CaptureProfile b) {
        List<Change> out = new ArrayList<>();
        operations(a.operations(), b.operations(), out);
        keys(Section.MESSAGES, "messages", a.messageTypes().keySet(), b.messageTypes().keySet(), out);
        values(Section.HANDSHAKE, "handshake.request", a.requestHeaders(), b.requestHeaders(), out);
        values(Section.HANDSHAKE, "handshake.response", a.responseHeaders(), b.responseHeaders(), out);
        values(Section.CONNECTION, "connection", a.connection(), b.connection(), out);
        values(Section.CONNECTION, "connection.init", a.initFields(), b.initFields(), out);
        http(a.http(), b.http(), out);
        return out;
    }

    private static void operations(Map<String, OperationProfile> a, Map<String, OperationProfile> b, List<Change> out) {
        Set<String> removed = new TreeSet<>(a.keySet());
        removed.removeAll(b.keySet());
        Set<String> added = new TreeSet<>(b.keySet());
        added.removeAll(a.keySet());
        for (String name : a.keySet()) {
            if (b.containsKey(name)) {
                operation(name, a.get(name), b.get(name), out);
            }
        }
        for (String old : removed) {
            String renamedTo = closest(a.get(old), added, b);
            String at = ShapeAccumulator.child("operations", old);
            if (renamedTo == null) {
                out.add(new Change(Section.OPERATIONS, ChangeKind.REMOVED, at, "operation", null));
            } else {
                added.remove(renamedTo);
                out.add(new Change(Section.OPERATIONS, ChangeKind.RENAMED, at, old, renamedTo));
                operation(renamedTo, a.get(old), b.get(renamedTo), out);
            }
        }
        for (String name : added) {
            out.add(new Change(Section.OPERATIONS, ChangeKind.ADDED, ShapeAccumulator.child("operations", name), null, "operation"));
        }
    }

    private static void operation(String name, OperationProfile a, OperationProfile b, List<Change> out) {
        String at = ShapeAccumulator.child("operations", name);
        out.addAll(ShapeDiff.compare(Section.OPERATIONS, at + ".variables", a.variables(), b.variables()));
        out.addAll(ShapeDiff.compare(Section.OPERATIONS, at + ".result", a.result(), b.result()));
    }

    /** The added operation most like a removed one, if alike enough to call it a rename. */
    private static String closest(OperationProfile old, Set<String> candidates, Map<String, OperationProfile> b) {
        Set<String> oldPaths = pathsOf(old);
        String best = null;
        double bestScore = RENAME_SIMILARITY;
        for (String name : candidates) {
            Set<String> paths = pathsOf(b.get(name));
            Set<String> union = new HashSet<>(oldPaths);
            union.addAll(paths);
            Set<String> common = new HashSet<>(oldPaths);
            common.retainAll(paths);
            double score = union.isEmpty() ? 0 : (double) common.size() / union.size();
            if (score >= bestScore) {
                best = name;
                bestScore = score;
            }
        }
        return best;
    }

    private static Set<String> pathsOf(OperationProfile op) {
        Set<String> paths = new HashSet<>();
        op.variables().paths().keySet().forEach(p -> paths.add("v:" + p));
        // The result's root key is the operation's field, often renamed along with it: compare what lies below.
        op.result().paths().keySet().forEach(p -> paths.add("r:" + p.replaceFirst("^data\\.[^.\\[]+", "data.*")));
        return paths;
    }

    private static void keys(Section section, String prefix, Set<String> a, Set<String> b, List<Change> out) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        for (String key : all) {
            String at = prefix + "." + key;
            if (!b.contains(key)) {
                out.add(new Change(section, ChangeKind.REMOVED, at, "message type", null));
            } else if (!a.contains(key)) {
                out.add(new Change(section, ChangeKind.ADDED, at, null, "message type"));
            }
        }
    }

    private static void values(Section section, String prefix, Map<String, ValueSet> a, Map<String, ValueSet> b, List<Change> out) {
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String key : all) {
            ValueSet va = a.get(key);
            ValueSet vb = b.get(key);
            String at = ShapeAccumulator.child(prefix, key);
            if (vb == null) {
                out.add(new Change(section, ChangeKind.REMOVED, at, va.text(), null));
            } else if (va == null) {
                out.add(new Change(section, ChangeKind.ADDED, at, null, vb.text()));
            } else if (!va.equals(vb)) {
                out.add(new Change(section, ChangeKind.VALUE_CHANGED, at, va.text(), vb.text()));
            }
        }
    }

    private static void http(Map<String, HttpProfile> a, Map<String, HttpProfile> b, List<Change> out) {
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String key : all) {
            HttpProfile ha = a.get(key);
            HttpProfile hb = b.get(key);
            String at = ShapeAccumulator.child("http", key);
            if (hb == null) {
                out.add(new Change(Section.HTTP, ChangeKind.REMOVED, at, "exchange", null));
            } else if (ha == null) {
                out.add(new Change(Section.HTTP, ChangeKind.ADDED, at, null, "exchange"));
            } else {
                if (!ha.statuses().equals(hb.statuses())) {
                    out.add(new Change(Section.HTTP, ChangeKind.VALUE_CHANGED, at + ".status", ha.statuses().text(), hb.statuses().text()));
                }
                out.addAll(ShapeDiff.compare(Section.HTTP, at + ".request", ha.request(), hb.request()));
                out.addAll(ShapeDiff.compare(Section.HTTP, at + ".response", ha.response(), hb.response()));
            }
        }
    }
}
