package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.replayer.AuditLevel;
import dev.kosmirecorder.replayer.ExtensionPolicy;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.replayer.MockListener;
import dev.kosmirecorder.webui.WebUi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: the local mock of engine.kosmi.io (SPEC §5, §6), until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a capture from a local mock of engine.kosmi.io: POST / (GraphQL over HTTP, tokens the mock "
                + "signs) and GET /gql-ws (WebSocket, graphql-ws or graphql-transport-ws), until Ctrl-C.",
                "With no arguments it replays the built-in synthetic room and keeps its audit in a temporary file, deleted at exit.",
                "Every client attempt (accepted or refused) is logged as a session of kind 'mock'."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder serve",
                "  kosmi-recorder serve --session latest --speed 0 --port 0",
                "  kosmi-recorder serve --fixture room.har --strict --fault close-after=5",
                "  kosmi-recorder --db team.mv.db serve --session 7kq2 --bind 0.0.0.0 --no-ui"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--session", paramLabel = "ID",
                description = "Replay this session from the store (--db): its id, a unique start of it, or 'latest'.")
        String session;

        @Option(names = "--fixture", paramLabel = "FILE", description = "Replay this fixture or HAR file.")
        Path fixture;
    }

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8787", converter = Values.Port.class,
            description = "Port of the mock (default ${DEFAULT-VALUE}; 0 = any free port, printed on start).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 = every interface).")
    String host;

    /** The first name of --bind, kept for scripts but hidden: in record, --host selects the hosts to capture. */
    @Option(names = "--host", hidden = true, paramLabel = "ADDRESS")
    void host(String address) {
        host = address;
    }

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", converter = Values.Speed.class,
            description = "Replay speed: 1 = recorded timing, 2 = twice as fast, 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--strict", description = "Handshakes like the real server met by the browser: Origin, subprotocol and a token the mock issued.")
    boolean strict;

    @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = KosmiMock.KOSMI_ORIGIN, description = "The Origin --strict requires (default ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--recorded-token", description = "Answer the token request with the recorded token instead of one the mock signs.")
    boolean recordedToken;

    @Option(names = "--fault", paramLabel = "NAME[=ARG]", converter = FaultConverter.class,
            description = "Inject a fault (repeatable): reject-upgrade, close-after=N, drop-after=N, delay=MS, slow-ack=MS, secret-mismatch.")
    List<Fault> faults = new ArrayList<>();

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "1048576", converter = Values.Positive.class,
            description = "Largest client frame or request body (default ${DEFAULT-VALUE}); larger frames are closed with 1009.")
    int maxFrame;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "" + WebUi.DEFAULT_PORT, converter = Values.Port.class,
            description = "Port of the web UI on 127.0.0.1, which shows the audit of every client attempt "
                    + "(default ${DEFAULT-VALUE}; 0 = any free port).")
    int uiPort;

    @Option(names = "--no-ui", description = "Do not start the web UI.")
    boolean noUi;

    // Read from the environment when not given, so a fleet's secret need not appear in a process list.
    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:KOSMI_MOCK_SECRET}",
            description = "The token-signing secret shared by every instance behind one load balancer (at least 16 "
                    + "characters; default: the environment variable KOSMI_MOCK_SECRET, else a secret made for this run).")
    String secret;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "This instance's name in its audit session (default: HOSTNAME:PORT).")
    String instance;

    // issue 14: for scripts and clients in other languages; ListeningAnnouncement writes it.
    @Option(names = "--port-file", paramLabel = "FILE",
            description = "Once listening, write the URLs as one JSON object to FILE: {\"http\":…,\"ws\":…,\"admin\":…,\"ui\":…,\"port\":N}.")
    Path portFile;

    @Option(names = "--audit", paramLabel = "full|handshakes|off", defaultValue = "full", converter = AuditConverter.class,
            description = "What the audit keeps: every frame (full, the default), each attempt with its handshake and close "
                    + "(handshakes), or nothing (off).")
    AuditLevel audit;

    @Option(names = "--extensions", paramLabel = "recorded|none|permessage-deflate", defaultValue = "recorded",
            converter = ExtensionsConverter.class,
            description = "WebSocket extensions the upgrade accepts: what the recorded server accepted (recorded, the default), "
                    + "none, or permessage-deflate whenever the client offers it.")
    ExtensionPolicy extensions;

    @Option(names = "--quiet", description = "Do not print a line per connection, refusal, unmatched operation and POST /.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CaptureFormatException, InterruptedException {
        boolean keepAudit = store.named() || (source != null && source.session != null);
        ScratchStore scratch = keepAudit ? null : ScratchStore.create();
        CaptureStore auditStore = keepAudit ? store.open() : scratch.store();
        KosmiMock mock = null;
        WebUi ui = null;
        try {
            mock = startMock(auditStore, keepAudit);
            ui = noUi ? null : WebUi.start(auditStore, uiPort);
            ServeHeap.startedUp();
        } catch (IllegalStateException | IllegalArgumentException e) {
            closeAll(mock, auditStore, scratch);
            throw new UserException(e.getMessage(), e);
        } catch (RuntimeException | IOException | CaptureFormatException e) {
            closeAll(mock, auditStore, scratch);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        KosmiMock started = mock;
        WebUi startedUi = ui;
        // Ctrl-C and SIGTERM end serve normally (summary, exit 0); the hook covers any other way the JVM ends.
        StopSignals.onStop(stopped::countDown);
        Thread hook = new Thread(() -> closeAll(startedUi, started, auditStore, scratch), "kosmi-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = spec.commandLine().getOut();
        ListeningAnnouncement.announce(out, mock, ui, portFile); // issue 14: the machine-readable line and --port-file
        out.println("Mock of engine.kosmi.io listening on " + mock.url());
        out.println("  POST       " + mock.url());
        out.println("  WebSocket  " + mock.wsUrl());
        out.println("  health     " + mock.url("/__admin/health"));
        out.println("  audit      session " + mock.auditSessionId().orElse("?") + " in "
                + (keepAudit ? auditStore.location() : "a temporary file, deleted at exit (pass --db to keep it)"));
        out.println("  UI         " + (ui == null ? "off (--no-ui)" : ui.url()));
        out.println("Replaying at speed " + speed + (strict ? ", strict handshakes" : "")
                + (secret == null || secret.isEmpty() ? "" : ", tokens signed with the shared secret")
                + (faults.isEmpty() ? "" : ", faults " + faults) + ". Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        closeAll(startedUi, started);
        spec.commandLine().getErr().println(ServeLog.summary(started.stats(), auditStore.location(), keepAudit));
        spec.commandLine().getErr().flush();
        closeAll(auditStore, scratch);
        return 0;
    }

    /** Reads the capture and starts the mock on it; the capture is not kept beyond the replay script it becomes. */
    private KosmiMock startMock(CaptureStore auditStore, boolean keepAudit) throws IOException, CaptureFormatException {
        Capture capture = capture(auditStore);
        if (!keepAudit && !noUi) {
            // The in-memory store holds only this run: the replayed capture beside the audit lets the UI put
            // a client's handshake next to the browser's.
            auditStore.save(capture);
        }
        return KosmiMock.builder().capture(capture).host(host).port(port).speed(speed).strict(strict).origin(origin)
                .recordedToken(recordedToken).faults(faults).maxFrameBytes(maxFrame).auditStore(auditStore)
                .tokenSecret(secret == null || secret.isEmpty() ? null : secret).instance(instance)
                .audit(audit).extensions(extensions)
                .listener(quiet ? MockListener.SILENT : new ServeLog(spec.commandLine().getErr())).start();
    }

    /** Closes what was started, in order, each even if an earlier one fails. */
    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("kosmi-recorder: while stopping: " + TerminalText.oneLine(e.getMessage()));
            }
        }
    }

    private Capture capture(CaptureStore s) throws IOException, CaptureFormatException {
        if (source == null) {
            return BuiltInFixtures.kosmiRoom();
        }
        if (source.session != null) {
            return s.load(SessionIds.resolve(s, source.session));
        }
        if (!Files.isRegularFile(source.fixture)) {
            throw new UserException("no such file: " + source.fixture + "; check the path");
        }
        return CaptureFiles.read(source.fixture);
    }

    /** {@code --audit full|handshakes|off}. */
    static final class AuditConverter implements ITypeConverter<AuditLevel> {
        @Override
        public AuditLevel convert(String value) {
            try {
                return AuditLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --extensions recorded|none|permessage-deflate}. */
    static final class ExtensionsConverter implements ITypeConverter<ExtensionPolicy> {
        @Override
        public ExtensionPolicy convert(String value) {
            try {
                return ExtensionPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --fault NAME[=ARG]}. */
    static final class FaultConverter implements ITypeConverter<Fault> {
        @Override
        public Fault convert(String value) {
            try {
                return Fault.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
