package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.store.StoreException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import dev.kosmirecorder.store.jdbc.StoreLocation;

/** The {@code kosmi-recorder} command: record, serve and browse captures of Kosmi's real-time API. */
@Command(name = "kosmi-recorder",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Records Kosmi's GraphQL-over-WebSocket traffic from inside Chrome, replays it from a local mock of "
                        + "engine.kosmi.io, and shows captures in a web UI.",
                "",
                "Captures live in an H2 file (--db, default ./captures/kosmi-recorder.mv.db, created owner-only "
                        + "because captured tokens are secrets). --db is accepted before or after the command name."},
        subcommands = {
                ListCommand.class,
                ShowCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                DeleteCommand.class,
                RecordCommand.class,
                TokenCommand.class,
                ServeCommand.class,
                UiCommand.class,
                ProbeCommand.class,
                DiffCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder record @myroom --duration 2m",
                "  kosmi-recorder --db team.mv.db list --limit 5",
                "  kosmi-recorder show latest --frames --json | jq .payload",
                "  kosmi-recorder serve --session latest",
                "",
                ExitCodes.SUMMARY,
                "Run 'kosmi-recorder COMMAND --help' for a command's options and examples."})
public final class Main implements Runnable {
    /** The environment variable that names the store when --db is not given. */
    static final String DB_ENV = "KOSMI_DB";

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH|JDBC-URL",
            defaultValue = "${env:" + DB_ENV + ":-" + StoreLocation.DEFAULT_PATH + "}",
            description = "The capture store: a path to an H2 file (created owner-only if missing) or a full JDBC URL: "
                    + "jdbc:postgresql://HOST/DB?user=U for a team's shared store (its password from ~/.pgpass, PGPASSFILE or "
                    + "KOSMI_DB_PASSWORD, so it stays off the command line), or jdbc:h2:tcp://HOST/PATH. Before or after the "
                    + "command name; default: $" + DB_ENV
                    + ", else " + StoreLocation.DEFAULT_PATH + ".")
    String db; // the help never shows the resolved value: KOSMI_DB may be a JDBC URL with a password in it

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (OutOfMemoryError e) {
            // Errors pass picocli's execution handler; the heap is the one a user can fix, so say how.
            System.err.println("kosmi-recorder: " + outOfMemory());
            code = ExitCodes.FAILURE;
        }
        System.exit(code);
    }

    static String outOfMemory() {
        long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "out of memory with a " + mib + " MiB heap; give Java more with KOSMI_JAVA_OPTS=-Xmx2g (or more) and run again";
    }

    /** Runs the command line and returns its exit code; used by the tests without a new JVM. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // UTF-8 whatever the locale: captured chat text is full of non-ASCII, and a POSIX locale would print '?'.
        // Every byte for the terminal passes TerminalText, so nothing captured or read can steer the user's terminal.
        cli.setOut(TerminalText.writer(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        cli.setErr(TerminalText.writer(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** One sentence on stderr and exit code 1 for every failure a user can act on; a stack trace only with KOSMI_DEBUG. */
    static final class ErrorReporter implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
            PrintWriter err = cli.getErr();
            if (e instanceof CommandLine.ParameterException usage) {
                return new UsageErrors().handleParseException(usage, new String[0]);
            }
            err.println("kosmi-recorder: " + TerminalText.oneLine(sentence(e)));
            if (System.getenv("KOSMI_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.FAILURE;
        }

        static String sentence(Throwable e) {
            if (e instanceof UserException || e instanceof StoreException || e instanceof CaptureFormatException) {
                return e.getMessage();
            }
            if (e instanceof NoSuchFileException nsf) {
                return "no such file: " + nsf.getFile() + "; check the path";
            }
            if (e instanceof AccessDeniedException ade) {
                return "permission denied: " + ade.getFile() + "; check the file's permissions";
            }
            if (e instanceof IOException io) {
                return "input/output failed: " + io.getMessage();
            }
            return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (this is a bug; run again with KOSMI_DEBUG=1 and report the stack trace)";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"kosmi-recorder " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
