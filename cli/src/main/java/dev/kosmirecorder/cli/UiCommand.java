package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.webui.WebUi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ui}: the web UI alone, on 127.0.0.1, until Ctrl-C (SPEC §5, §8). */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the web UI on 127.0.0.1 until Ctrl-C: browse sessions, frames and handshakes, compare two "
                + "handshakes, watch a recording live, export and delete.",
                "It answers only requests whose Host is localhost, 127.0.0.1 or [::1], and changes only on requests from its own page.",
                "Ctrl-C or SIGTERM stops it with exit code 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder ui",
                "  kosmi-recorder ui --port 0",
                "  kosmi-recorder --db team.mv.db ui --port 9000"})
final class UiCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + WebUi.DEFAULT_PORT, converter = Values.Port.class,
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 = any free port, printed on start).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CaptureStore captures = store.openForReading();
        WebUi ui;
        try {
            ui = WebUi.start(captures, port);
        } catch (IllegalStateException e) {
            captures.close();
            throw new UserException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ui.close();
            captures.close();
            stopped.countDown();
            // Ctrl-C is how the UI is meant to end, not a failure: exit 0 rather than the JVM's 130 or 143.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "kosmi-ui-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Web UI for " + captures.location() + " at " + ui.url() + " (Ctrl-C to stop)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped from inside the JVM (a test, or an embedding program) rather than by Ctrl-C. The interrupt
            // is restored only after closing, or Jetty's stop would be interrupted half-way.
            Runtime.getRuntime().removeShutdownHook(hook);
            ui.close();
            captures.close();
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
