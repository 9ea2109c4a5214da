package dev.kosmirecorder.cli;

import java.util.ArrayList;
import java.util.List;

/** What the commands need to know of the terminal they print to: whether there is one, and how wide it is. */
final class Terminal {
    /** The width assumed when COLUMNS is not set: what most terminals open with, and readable in a log. */
    static final int DEFAULT_WIDTH = 120;
    private static final int MIN_WIDTH = 40;

    private Terminal() {
    }

    /** Whether stdout and stderr go to a terminal (not a pipe or a file), so a progress line may be redrawn. */
    static boolean interactive() {
        return System.console() != null;
    }

    /** COLUMNS when the shell exports it (bash sets it for interactive shells), else {@link #DEFAULT_WIDTH}. */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(MIN_WIDTH, Integer.parseInt(columns.strip()));
            } catch (NumberFormatException e) {
                // not a number: fall back to the default
            }
        }
        return DEFAULT_WIDTH;
    }

    /** {@code text} cut into lines of at most {@code width} characters at spaces (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : TerminalText.oneLine(text).strip().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
