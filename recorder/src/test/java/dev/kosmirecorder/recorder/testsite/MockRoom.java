package dev.kosmirecorder.recorder.testsite;

import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.testing.ClientPage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a recording is checked against: the project's mock of engine.kosmi.io ({@link KosmiMock}) playing a capture
 * at speed 0 on 127.0.0.1, with its audit (a session of kind {@code mock}) in an in-memory store of its own, and the
 * shared Kosmi-shaped page ({@link ClientPage}) that plays the capture's client side against it from another
 * origin. A recording of {@link #page()} must hold what the mock audited. {@link #close()} stops both servers.
 */
public final class MockRoom implements AutoCloseable {
    private final CaptureStore audit;
    private final KosmiMock mock;
    private final ClientPage page;

    private MockRoom(CaptureStore audit, KosmiMock mock, ClientPage page) {
        this.audit = audit;
        this.mock = mock;
        this.page = page;
    }

    /** The mock replaying {@code capture} as fast as it can, with {@code faults}, and its page. */
    public static MockRoom start(Capture capture, Fault... faults) {
        CaptureStore audit = JdbcCaptureStore.open(StoreLocation.inMemory("mock-audit-" + UUID.randomUUID()));
        try {
            KosmiMock mock = KosmiMock.builder().capture(capture).speed(0).faults(List.of(faults)).auditStore(audit).start();
            return new MockRoom(audit, mock, ClientPage.serve(capture));
        } catch (RuntimeException e) {
            audit.close();
            throw e;
        }
    }

    /** The page to record: it talks to this mock. */
    public String page() {
        return page.url(mock.url());
    }

    /** The page's origin, {@code http://127.0.0.1:PORT}, which the browser sends as {@code Origin}. */
    public String pageOrigin() {
        return page.origin();
    }

    /** The mock's {@code 127.0.0.1:PORT}, for the recorder's host filter ({@code --host}). */
    public String hostAndPort() {
        return "127.0.0.1:" + mock.port();
    }

    /** Where the token POST goes, {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        return mock.url();
    }

    public URI wsUrl() {
        return mock.wsUrl();
    }

    /** The mock's audit of the first connection attempt once it has ended (refused, or closed by either side). */
    public WsConnection awaitConnectionEnd(Duration atMost) {
        await("the mock's audit of a connection that ended").atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> connections().stream().findFirst().map(c -> c.closedMicros() != null).orElse(false));
        return auditedConnection();
    }

    /** The mock's audit of the first connection attempt: the handshake as the mock received it and how it ended. */
    public WsConnection auditedConnection() {
        return connections().stream().findFirst().orElseThrow(() -> new AssertionError("the mock saw no WebSocket attempt"));
    }

    /** Every frame of the first connection, both ways, as the mock received and sent them. */
    public List<Frame> auditedFrames() {
        mock.flushAudit();
        return audit.load(sessionId()).framesOf(auditedConnection().id());
    }

    /** The {@code POST /} requests the mock answered, with its answers. */
    public List<HttpExchange> auditedExchanges() {
        mock.flushAudit();
        return audit.exchanges(sessionId());
    }

    /** Frames audited so far (what is committed; cheap enough to poll during a burst). */
    public long framesAuditedSoFar() {
        return audit.summary(sessionId()).orElseThrow().frames();
    }

    private List<WsConnection> connections() {
        mock.flushAudit();
        return audit.connections(sessionId());
    }

    private String sessionId() {
        return mock.auditSessionId().orElseThrow();
    }

    @Override
    public void close() {
        try {
            page.close();
            mock.close();
        } finally {
            audit.close();
        }
    }

    @Override
    public String toString() {
        return "MockRoom{" + mock + ", page " + page.origin() + "}";
    }
}
