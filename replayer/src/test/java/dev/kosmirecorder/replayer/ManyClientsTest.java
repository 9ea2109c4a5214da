package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 4 (and 6): 200 clients at once, each its own complete replay with recorded gaps (sped up), all audited. */
@Timeout(180)
class ManyClientsTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final int CLIENTS = 200;

    @Test
    void twoHundredConcurrentClientsEachReceiveACompleteReplay() throws Exception {
        FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("many-" + UUID.randomUUID()))) {
            String session;
            // speed 0.05: the 27 s recording plays in about 1.3 s per client, so the scheduler really schedules.
            try (KosmiMock mock = KosmiMock.builder().capture(ROOM).speed(0.05).auditStore(store).start()) {
                session = mock.auditSessionId().orElseThrow();
                List<JdkSocket> sockets = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    sockets.add(JdkSocket.connect(mock.wsUrl(), "graphql-ws"));
                }
                List<Future<Integer>> runs = new ArrayList<>();
                for (JdkSocket s : sockets) {
                    runs.add(pool.submit(() -> {
                        int frames = conversation.play(s);
                        s.send("{\"type\":\"connection_terminate\"}");
                        assertThat(s.awaitEnd()).isEqualTo(new TestSocket.Closed(1000, "connection_terminate"));
                        return frames;
                    }));
                }
                int expected = conversation.expected.values().stream().mapToInt(List::size).sum()
                        + conversation.expectedAfterStop.values().stream().mapToInt(List::size).sum();
                for (Future<Integer> run : runs) {
                    assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(expected);
                }
                mock.flushAudit();
            }
            assertThat(store.connections(session)).hasSize(CLIENTS)
                    .allSatisfy(c -> assertThat(c.closeCode()).isEqualTo(1000));
            assertThat(store.session(session).orElseThrow().framesLost()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
