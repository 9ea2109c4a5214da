package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.RecordTarget;
import dev.kosmirecorder.recorder.Recorder;
import dev.kosmirecorder.recorder.RecorderException;
import dev.kosmirecorder.recorder.RecordingStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code record <@room or URL>}: captures a page's traffic to the selected hosts from inside Chromium (SPEC §5, §7). */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens a Kosmi room (@NAME) or any URL in Chromium and records, into the store, the HTTP exchanges "
                + "and WebSocket connections to the selected hosts with every frame, until Ctrl-C, --duration, or the page closes.",
                "Progress goes to stderr; the new session's id is printed last on stdout. Sessions are of kind 'recording'.",
                "Ctrl-C or SIGTERM ends the recording like --duration: the session is saved as complete and the exit code is 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder record @myroom --duration 2m --name \"evening chat\"",
                "  kosmi-recorder record @myroom --profile ~/kosmi-profile --headless",
                "  kosmi-recorder record @myroom --attach http://127.0.0.1:9222 --name live"})
final class RecordCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "@ROOM|URL", description = "A room such as @myroom (https://app.kosmi.io/room/@myroom) or an http(s) URL.")
    String target;

    @Mixin
    BrowserOptions browserOptions;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (90, 90s, 2m, 1h); 0 or no --duration: until Ctrl-C or the page closes.")
    Duration duration;

    @Option(names = "--host", paramLabel = "HOST[:PORT]",
            description = "A host whose traffic to keep; repeatable (default: " + HostFilter.DEFAULT_HOST + ").")
    List<String> hosts;

    @Option(names = "--name", paramLabel = "TEXT", description = "A label for the session.")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RecordTarget recordTarget = usage(() -> RecordTarget.parse(target));
        HostFilter hostFilter = usage(() -> HostFilter.parse(hosts));
        browserOptions.validate(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Ctrl-C (SIGINT) and SIGTERM run shutdown hooks: this one asks the recording to end and holds the JVM
        // until the session is committed, the store closed and the browser gone.
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean saved = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            interrupted.complete(null);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (saved.get()) {
                // Ctrl-C is how a recording is meant to end: once its session is saved, exit 0 rather than the
                // JVM's 130 or 143, which scripts would take for a failure. Unsaved, those codes stay.
                Runtime.getRuntime().halt(ExitCodes.OK);
            }
        }, "record-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try (CaptureStore captures = store.open(); BrowserOptions.OpenBrowser open = browserOptions.open()) {
            Session template = Session.start(SessionKind.RECORDING, name, recordTarget.url(), Instant.now())
                    .withAttribute("driver", browserOptions.driver.wireName())
                    .withAttribute("browserMode", browserOptions.attached() ? "attached" : "launched");
            Recorder recorder = Recorder.start(captures, template, open.browser(), hostFilter);
            interrupted.thenRun(recorder::stopping);
            Outcome outcome = run(recorder, recordTarget, interrupted, err);
            out.println(outcome.session().id());
            out.flush();
            saved.set(outcome.browserGone() == null);
            if (outcome.browserGone() != null) {
                throw new UserException("the browser went away during the recording (" + outcome.browserGone() + "); session "
                        + outcome.session().id() + " is marked interrupted and keeps the " + outcome.stats().frames()
                        + " frames captured before");
            }
            return 0;
        } catch (RecorderException e) {
            throw new UserException(e.getMessage(), e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down (Ctrl-C): the hook is running and returns now that everything is closed.
            }
        }
    }

    private record Outcome(Session session, RecordingStats stats, String browserGone) { }

    /** Opens the page and records until Ctrl-C, the duration, the page closing or the browser going away. */
    private Outcome run(Recorder recorder, RecordTarget recordTarget, CompletableFuture<Void> interrupted, PrintWriter err) {
        Progress progress = new Progress(err, System.console() != null);
        long started = System.nanoTime();
        Session session = null;
        try {
            recorder.open(recordTarget.url());
            Recorder.End end = await(recorder, interrupted, progress, started);
            String gone = end instanceof Recorder.End.BrowserGone g ? g.reason() : null;
            if (gone == null) {
                recorder.stopping();
            }
            session = recorder.finish(gone == null ? SessionStatus.COMPLETE : SessionStatus.INTERRUPTED);
            RecordingStats stats = recorder.stats();
            progress.update(stats, Duration.ofNanos(System.nanoTime() - started));
            progress.done();
            return new Outcome(session, stats, gone);
        } finally {
            if (session == null) {
                recorder.finish(SessionStatus.INTERRUPTED);
            }
        }
    }

    /** Waits for Ctrl-C, the duration, the page closing or the browser going, redrawing progress meanwhile. */
    private Recorder.End await(Recorder recorder, CompletableFuture<Void> interrupted, Progress progress, long started) {
        CompletableFuture<Object> any = CompletableFuture.anyOf(recorder.ended(), interrupted);
        long deadline = duration == null || duration.isZero() ? Long.MAX_VALUE : started + duration.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return null;
            }
            long wait = Math.min(progress.interval().toNanos(), deadline - now);
            try {
                Object result = any.get(wait, TimeUnit.NANOSECONDS);
                return result instanceof Recorder.End end ? end : null;
            } catch (TimeoutException e) {
                progress.update(recorder.stats(), Duration.ofNanos(System.nanoTime() - started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private <T> T usage(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
