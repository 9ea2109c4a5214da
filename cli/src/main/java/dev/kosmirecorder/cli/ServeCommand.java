package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.JdbcCaptureStore;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.StoreLocation;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.KosmiMock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
                "With no arguments it replays the built-in synthetic room and keeps its audit in memory.",
                "Every client attempt (accepted or refused) is logged as a session of kind 'mock'."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--session", paramLabel = "ID", description = "Replay this session from the store (--db).")
        String session;

        @Option(names = "--fixture", paramLabel = "FILE", description = "Replay this fixture or HAR file.")
        Path fixture;
    }

    @Option(names = "--port", defaultValue = "8787", description = "Port of the mock (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--speed", defaultValue = "1", description = "Replay speed: 1 = recorded timing, 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--strict", description = "Handshakes like the real server met by the browser: Origin, subprotocol and a token the mock issued.")
    boolean strict;

    @Option(names = "--origin", defaultValue = KosmiMock.KOSMI_ORIGIN, description = "The Origin --strict requires (default ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--recorded-token", description = "Answer the token request with the recorded token instead of one the mock signs.")
    boolean recordedToken;

    @Option(names = "--fault", paramLabel = "NAME[=ARG]", converter = FaultConverter.class,
            description = "Inject a fault (repeatable): reject-upgrade, close-after=N, drop-after=N, delay=MS, slow-ack=MS, secret-mismatch.")
    List<Fault> faults = new ArrayList<>();

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest client frame or request body (default ${DEFAULT-VALUE}); larger frames are closed with 1009.")
    int maxFrame;

    @Option(names = "--ui-port", defaultValue = "8788", description = "Port of the web UI (default ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--no-ui", description = "Do not start the web UI.")
    boolean noUi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CaptureFormatException, InterruptedException {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new UserException("--speed must be a number >= 0 (1 = recorded timing, 0 = as fast as possible), got " + speed);
        }
        if (maxFrame < 1) {
            throw new UserException("--max-frame must be a positive number of bytes, got " + maxFrame);
        }
        boolean dbGiven = spec.commandLine().getParseResult().hasMatchedOption("--db");
        CaptureStore auditStore = dbGiven || (source != null && source.session != null)
                ? store.open()
                : JdbcCaptureStore.open(StoreLocation.inMemory("serve-" + UUID.randomUUID()));
        KosmiMock mock;
        try {
            Capture capture = capture(auditStore);
            mock = KosmiMock.builder().capture(capture).host(host).port(port).speed(speed).strict(strict).origin(origin)
                    .recordedToken(recordedToken).faults(faults).maxFrameBytes(maxFrame).auditStore(auditStore).start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            auditStore.close();
            throw new UserException(e.getMessage(), e);
        } catch (RuntimeException | IOException | CaptureFormatException e) {
            auditStore.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            auditStore.close();
            stopped.countDown();
        }, "kosmi-serve-shutdown"));

        PrintWriter out = spec.commandLine().getOut();
        out.println("Mock of engine.kosmi.io listening on " + mock.url());
        out.println("  POST       " + mock.url());
        out.println("  WebSocket  " + mock.wsUrl());
        out.println("  health     " + mock.url("/__admin/health"));
        out.println("  audit      session " + mock.auditSessionId().orElse("?") + " in "
                + (dbGiven || (source != null && source.session != null) ? auditStore.location() : "memory (pass --db to keep it)"));
        if (noUi) {
            out.println("  UI         off (--no-ui)");
        } else {
            out.println("  UI         not built into serve yet (--ui-port " + uiPort + " is accepted); browse the audit with 'kosmi-recorder ui'");
        }
        out.println("Replaying at speed " + speed + (strict ? ", strict handshakes" : "")
                + (faults.isEmpty() ? "" : ", faults " + faults) + ". Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private Capture capture(CaptureStore s) throws IOException, CaptureFormatException {
        if (source == null) {
            return BuiltInFixtures.kosmiRoom();
        }
        if (source.session != null) {
            if (s.session(source.session).isEmpty()) {
                throw new NoSuchSessionException(source.session);
            }
            return s.load(source.session);
        }
        if (!Files.isRegularFile(source.fixture)) {
            throw new UserException("no such file: " + source.fixture + "; check the path");
        }
        return CaptureFiles.read(source.fixture);
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
