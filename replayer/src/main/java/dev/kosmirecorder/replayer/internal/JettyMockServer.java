package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.replayer.MockListener;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The Jetty server of one mock run, with the replay scheduler and the audit that live and die with it, and the address
 * it is bound to. Apart from {@code KosmiMock} so that the public class keeps to its options and its running mock's
 * face, and the order that starting needs (bind, then audit, then handlers, undoing each when a later step fails)
 * lives in one place.
 */
public final class JettyMockServer {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Server server;
    private final ScheduledThreadPoolExecutor scheduler;
    private final MockContext ctx;
    private final String host;
    private final int port;

    private JettyMockServer(Server server, ScheduledThreadPoolExecutor scheduler, MockContext ctx, String host, int port) {
        this.server = server;
        this.scheduler = scheduler;
        this.ctx = ctx;
        this.host = host;
        this.port = port;
    }

    /** Binds, starts and returns the server; fails with an actionable message when the port is taken. */
    public static JettyMockServer start(Capture capture, String host, int port, MockSettings settings, CaptureStore auditStore,
                                        String instance, MockListener listener) {
        ReplayScript script = ReplayScript.of(capture);
        int run = RUNS.incrementAndGet();
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("kosmi-mock-" + run + "-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(Duration.ofSeconds(2).toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        try {
            // Bind before starting, so the audit session can name the real port.
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException(bindFailure(e, host, port), e);
        }
        AtomicInteger replayThreads = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "kosmi-mock-" + run + "-replay-" + replayThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        String target = "http://" + host + ":" + connector.getLocalPort() + "/";
        Audit audit;
        try {
            String instanceName = instance != null ? instance : hostName() + ":" + connector.getLocalPort();
            audit = Audit.start(Optional.ofNullable(auditStore), settings.auditLevel(), settings.bounds().auditBytes(),
                    "mock of " + displayName(capture) + " on " + instanceName, target, instanceName);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            closeQuietly(connector);
            throw e;
        }
        MockContext ctx = new MockContext(script, settings, scheduler, audit, listener);
        int maxFrameBytes = settings.maxFrameBytes();
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(maxFrameBytes);
            container.setMaxBinaryMessageSize(maxFrameBytes);
            container.setMaxFrameSize(maxFrameBytes);
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/gql-ws", new HandshakeGate(ctx));
        });
        ws.setHandler(new MockHttpHandler(ctx));
        server.setHandler(ws);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
            scheduler.shutdownNow();
            audit.finish();
            throw new IllegalStateException("the mock could not start: " + e.getMessage(), e);
        }
        return new JettyMockServer(server, scheduler, ctx, host, connector.getLocalPort());
    }

    public MockContext context() {
        return ctx;
    }

    /** The port the connector is bound to: the one asked for, or the free one it was given. */
    public int port() {
        return port;
    }

    /** {@code SCHEME://HOST:PORT/PATH} of the bound connector, with an IPv6 host in brackets. */
    public URI uri(String scheme, String path) {
        String hostForUrl = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + hostForUrl + ":" + port + path);
    }

    /** Stops the server, the replays and the audit (its session ends {@code complete}). Call once. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the port is released by the connector whatever a handler did.
        } finally {
            scheduler.shutdownNow();
            ctx.audit().finish();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static void closeQuietly(ServerConnector connector) {
        try {
            connector.close();
        } catch (RuntimeException e) {
            // already failing; the first error is the one to report
        }
    }

    private static String displayName(Capture capture) {
        String name = capture.session().name();
        return name.isBlank() ? "an unnamed capture" : name;
    }

    private static String bindFailure(IOException e, String host, int port) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null && port != 0) {
            return "Port " + port + " already in use. Make sure no other process is using port " + port
                    + " and try again, or use --port 0 for a free port.";
        }
        return "cannot listen on " + host + ":" + port + ": " + e.getMessage();
    }
}
