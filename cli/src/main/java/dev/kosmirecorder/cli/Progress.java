package dev.kosmirecorder.cli;

import dev.kosmirecorder.recorder.RecordingStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The recording's progress on stderr: one line redrawn in place on a terminal, a plain line every ten seconds
 * otherwise (logs, CI). Stdout stays free for the session id.
 */
final class Progress {
    static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final boolean terminal;
    private int lastWidth;

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    Duration interval() {
        return terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL;
    }

    void update(RecordingStats stats, Duration elapsed) {
        String line = describe(stats, elapsed);
        if (terminal) {
            String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
            lastWidth = line.length();
            err.print("\r" + padded);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the redrawn line so what follows starts on a line of its own. */
    void done() {
        if (terminal && lastWidth > 0) {
            err.println();
            err.flush();
        }
    }

    static String describe(RecordingStats s, Duration elapsed) {
        String line = String.format(Locale.ROOT, "recording: %,d frames in / %,d out, %s, %d HTTP, %d socket%s, %s",
                s.framesReceived(), s.framesSent(), bytes(s.bytes()), s.exchanges(), s.connections(),
                s.connections() == 1 ? "" : "s", clock(elapsed));
        if (s.refusedHandshakes() > 0) {
            line += ", " + s.refusedHandshakes() + " refused";
        }
        if (s.framesLost() > 0) {
            line += ", " + s.framesLost() + " LOST";
        }
        return line;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
