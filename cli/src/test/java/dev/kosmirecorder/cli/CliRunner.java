package dev.kosmirecorder.cli;

import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed, for tests. */
record CliRunner(int exitCode, String out, String err) {

    static CliRunner run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The same terminal-safe writers as Main's, so tests see what a user's terminal would.
        cli.setOut(TerminalText.writer(out));
        cli.setErr(TerminalText.writer(err));
        int code = cli.execute(args);
        return new CliRunner(code, out.toString(), err.toString());
    }
}
