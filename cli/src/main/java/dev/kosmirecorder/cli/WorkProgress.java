package dev.kosmirecorder.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long import or export on stderr: one line redrawn in place at most a few times a second on a
 * terminal, a plain line every ten seconds otherwise (logs, CI), nothing at all for work that ends sooner.
 * Stdout stays free for what scripts read (ids, the exported file).
 */
final class WorkProgress {
    private static final long TERMINAL_NANOS = Duration.ofMillis(200).toNanos();
    private static final long PLAIN_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private int lastWidth;

    WorkProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Shows {@code what} if enough time has passed since the last line; cheap enough to call per frame. */
    void update(java.util.function.Supplier<String> what) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_NANOS : PLAIN_NANOS)) {
            return;
        }
        lastShown = now;
        String line = what.get() + ", " + Progress.clock(elapsed());
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Clears the redrawn line and prints the summary in its place. */
    void finish(String summary) {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
        }
        err.println(summary);
        err.flush();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String count(long n, String one) {
        return String.format(Locale.ROOT, "%,d %s%s", n, one, n == 1 ? "" : "s");
    }

    static String percent(long done, long total) {
        return total <= 0 ? "" : String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total));
    }
}
