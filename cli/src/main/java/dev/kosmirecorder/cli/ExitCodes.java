package dev.kosmirecorder.cli;

/**
 * The exit codes every command keeps to (SPEC §5), in one place so the README's table, the help footer and the
 * code cannot drift apart.
 */
final class ExitCodes {
    /** The command did what was asked; also after Ctrl-C or SIGTERM once a recording was saved. */
    static final int OK = 0;
    /** A failure the user must act on; the one-sentence message says what to do. */
    static final int FAILURE = 1;
    /** Bad usage: an unknown option, a missing argument or a bad value. */
    static final int USAGE = 2;
    /** Stopped by Ctrl-C before anything was saved (the shell's 128 + SIGINT). */
    static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM before anything was saved (the shell's 128 + SIGTERM). */
    static final int TERMINATED = 143;

    /** The help footer's sentence. */
    static final String SUMMARY = "Exit codes: 0 success (also after Ctrl-C once the session is saved), 1 a failure to act on "
            + "(the message says what to do), 2 bad usage, 3 diff: the captures differ, 130/143 stopped by Ctrl-C/SIGTERM before anything was saved.";

    private ExitCodes() {
    }
}
