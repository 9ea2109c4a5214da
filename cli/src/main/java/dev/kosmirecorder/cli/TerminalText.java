package dev.kosmirecorder.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The one sanitiser for everything kosmi-recorder prints. Captured text and files are untrusted, and a terminal obeys
 * what it is sent: ESC and the C1 CSI (U+009B) start control sequences (move the cursor, retitle the window, in
 * some terminals write files), BEL rings, CR overwrites the line, NUL and DEL hide text, and bidirectional overrides
 * (U+202E and friends) make text read differently from what it is. Each such character is printed as its visible
 * escape {@code \u001b}, which is also what it means inside a JSON string, so {@code --json} output keeps its data.
 *
 * <p>{@link #writer} wraps standard output and error (newline, tab and CR pass, the progress line needs CR);
 * {@link #oneLine} is for values inside one line (table cells, error sentences), where CR and newlines become spaces.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** Characters a terminal would act on instead of showing, other than newline, tab and carriage return. */
    static boolean isControl(int c) {
        return (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c <= 0x9f) || isBidiControl(c);
    }

    /**
     * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder the text around
     * them. The marks U+200E/U+200F only hint a direction and are common in real chat text, so they stay.
     */
    static boolean isBidiControl(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The text with every control character shown as its escape; newlines, tabs and CR stay. */
    static String escaped(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                out = out == null ? new StringBuilder(s.length() + 16).append(s, 0, i) : out;
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** A value for one line: newlines, CR and tabs become spaces, every other control character its escape. */
    static String oneLine(String s) {
        return escaped(s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' '));
    }

    /** A writer that escapes control characters on their way to the terminal (see the class comment). */
    static PrintWriter writer(Writer target) {
        return new PrintWriter(new Escaping(target), true);
    }

    private static final class Escaping extends FilterWriter {
        Escaping(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (isControl(c)) {
                out.write(String.format("\\u%04x", c));
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            write(new String(buf, off, len), 0, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            String part = str.substring(off, off + len);
            String safe = escaped(part);
            out.write(safe, 0, safe.length());
        }
    }
}
