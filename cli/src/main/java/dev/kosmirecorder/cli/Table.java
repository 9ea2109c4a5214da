package dev.kosmirecorder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with left-aligned columns, for terminal output: one row is one line, cut to fit a width,
 * widest columns first, with "…" where a cell was cut.
 */
final class Table {
    private static final int MAX_CELL = 48;
    private static final int MIN_COLUMN = 6;
    private static final String GAP = "  ";
    private final List<String[]> rows = new ArrayList<>();
    private boolean[] flexible;

    Table(String... header) {
        rows.add(header);
        flexible = new boolean[header.length];
        java.util.Arrays.fill(flexible, true);
    }

    /** Only these columns are cut to fit a width (free text such as names and URLs); ids and times stay whole. */
    Table flexible(String... names) {
        List<String> wanted = List.of(names);
        String[] header = rows.get(0);
        for (int i = 0; i < header.length; i++) {
            flexible[i] = wanted.contains(header[i]);
        }
        return this;
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            // Control characters from captured text must not move the cursor or ring the bell of the user's terminal.
            row[i] = TerminalText.oneLine(cells[i] == null ? "" : cells[i].toString());
        }
        rows.add(row);
        return this;
    }

    /** Every cell cut at {@value #MAX_CELL} characters. */
    void print(PrintWriter out) {
        int[] widths = naturalWidths();
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(widths[i], MAX_CELL);
        }
        print(out, widths);
    }

    /** Whole cells where the line fits {@code width} characters, else the widest columns cut until it does. */
    void print(PrintWriter out, int width) {
        int[] widths = naturalWidths();
        int budget = width - GAP.length() * (widths.length - 1);
        while (sum(widths) > budget) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (flexible[i] && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0 || widths[widest] <= MIN_COLUMN) {
                break; // a terminal this narrow wraps whatever we do; keep every column readable
            }
            widths[widest]--;
        }
        print(out, widths);
    }

    private void print(PrintWriter out, int[] widths) {
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = cut(row[i], widths[i]);
                line.append(i == widths.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length()) + GAP);
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private int[] naturalWidths() {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    private static int sum(int[] widths) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        return total;
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }

    /** One line, cut at {@value #MAX_CELL} characters: for labels printed outside a table. */
    static String clean(String s) {
        return cut(TerminalText.oneLine(s), MAX_CELL);
    }
}
