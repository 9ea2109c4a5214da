package dev.kosmirecorder.core.diff;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text form of a report, read like a changelog: the changes grouped by section, then the frame counts and
 * typical gaps per operation (shown for context; they vary between recordings, so they are never changes).
 * Captured text is printed with control characters escaped, so a field name cannot drive the terminal.
 */
public final class DiffText {
    private DiffText() {
    }

    public static String of(DiffReport r) {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(clean(r.a().label())).append(" (").append(r.a().frames()).append(" frames)\n");
        out.append("B: ").append(clean(r.b().label())).append(" (").append(r.b().frames()).append(" frames)\n\n");
        if (r.identical()) {
            out.append("No changes: operations, shapes, messages, handshake, connection_init and HTTP exchanges agree.\n");
        } else {
            out.append(r.changes().size()).append(r.changes().size() == 1 ? " change" : " changes").append(" from A to B:\n");
            for (Section section : Section.values()) {
                List<Change> in = r.changes().stream().filter(c -> c.section() == section).toList();
                if (in.isEmpty()) {
                    continue;
                }
                out.append('\n').append(title(section)).append('\n');
                for (Change c : in) {
                    out.append("  ").append(marker(c.kind())).append(' ').append(clean(c.describe())).append('\n');
                }
            }
        }
        if (r.ignored() > 0) {
            out.append('\n').append(r.ignored()).append(" more left out by --ignore.\n");
        }
        traffic(r, out);
        return out.toString();
    }

    private static void traffic(DiffReport r, StringBuilder out) {
        Set<String> names = new TreeSet<>(r.a().operations().keySet());
        names.addAll(r.b().operations().keySet());
        if (names.isEmpty()) {
            return;
        }
        int width = Math.max(9, names.stream().mapToInt(n -> clean(n).length()).max().orElse(9));
        out.append("\nTraffic (for context, not counted as changes)\n");
        out.append(String.format("  %-" + width + "s  %10s  %10s  %12s  %12s%n", "OPERATION", "A frames", "B frames", "A median gap", "B median gap"));
        for (String name : names) {
            OperationProfile a = r.a().operations().get(name);
            OperationProfile b = r.b().operations().get(name);
            out.append(String.format("  %-" + width + "s  %10s  %10s  %12s  %12s%n", clean(name), frames(a), frames(b), gap(a), gap(b)));
        }
    }

    private static String frames(OperationProfile p) {
        return p == null ? "-" : Long.toString(p.frames());
    }

    private static String gap(OperationProfile p) {
        if (p == null || p.medianGapMicros() < 0) {
            return "-";
        }
        long us = p.medianGapMicros();
        return us >= 1_000_000 ? String.format("%.1f s", us / 1e6) : String.format("%.1f ms", us / 1e3);
    }

    private static String title(Section s) {
        return switch (s) {
            case OPERATIONS -> "Operations";
            case MESSAGES -> "Message types";
            case HANDSHAKE -> "Handshake headers";
            case CONNECTION -> "Connection and connection_init";
            case HTTP -> "HTTP exchanges";
        };
    }

    private static char marker(ChangeKind k) {
        return switch (k) {
            case ADDED -> '+';
            case REMOVED -> '-';
            default -> '~';
        };
    }

    /** Control characters (ESC, CR, ...) shown as escapes: captured text must not reach a terminal raw. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
