package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --json} form of a report: a stable document (docs/DIFF.md describes every field). Fields are only
 * ever added, and {@code diffFormat} goes up if one ever changes meaning.
 */
public final class DiffJson {
    public static final int FORMAT = 1;

    private DiffJson() {
    }

    public static ObjectNode of(DiffReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("diffFormat", FORMAT);
        side(root.putObject("a"), report.a());
        side(root.putObject("b"), report.b());
        root.put("identical", report.identical());
        root.put("changeCount", report.changes().size());
        root.put("ignoredCount", report.ignored());
        ArrayNode changes = root.putArray("changes");
        for (Change c : report.changes()) {
            changes.addObject()
                    .put("section", c.section().wireName())
                    .put("kind", c.kind().wireName())
                    .put("path", c.path())
                    .put("before", c.before())
                    .put("after", c.after())
                    .put("text", c.describe());
        }
        ArrayNode ops = root.putArray("operations");
        Set<String> names = new TreeSet<>(report.a().operations().keySet());
        names.addAll(report.b().operations().keySet());
        for (String name : names) {
            ObjectNode op = ops.addObject().put("name", name);
            traffic(op, "a", report.a().operations().get(name));
            traffic(op, "b", report.b().operations().get(name));
        }
        return root;
    }

    private static void side(ObjectNode o, CaptureProfile p) {
        o.put("label", p.label());
        o.put("frames", p.frames());
        o.put("operations", p.operations().size());
    }

    private static void traffic(ObjectNode op, String side, OperationProfile p) {
        if (p == null) {
            op.putNull(side);
            return;
        }
        ObjectNode o = op.putObject(side).put("sent", p.sent()).put("received", p.received());
        if (p.medianGapMicros() < 0) {
            o.putNull("medianGapMillis");
        } else {
            o.put("medianGapMillis", p.medianGapMicros() / 1000.0);
        }
    }
}
