package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit is a promise (SPEC §6: every frame both ways): several clients take a few thousand recorded pushes each
 * at speed 0 from a mock auditing into an H2 file, as {@code serve --db FILE} does, and the audit holds exactly what
 * they received plus what they sent, with nothing lost.
 */
@Timeout(180)
class AuditKeepsEveryFrameTest {
    private static final int CLIENTS = 6;
    private static final Capture BURST = SyntheticKosmiRoom.historyBurst(3, 1_000);

    @Test
    void everyFrameOfSeveralFastClientsIsInTheFileStore(@TempDir Path dir) throws Exception {
        List<String> starts = BURST.frames().stream()
                .filter(f -> f.direction() == Direction.SENT && "start".equals(f.message().type())).map(Frame::text).toList();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.parse(dir.resolve("audit").toString()))) {
            String session;
            long clientFrames = 0;
            try (KosmiMock mock = KosmiMock.builder().capture(BURST).speed(0).auditStore(store).start()) {
                session = mock.auditSessionId().orElseThrow();
                List<Future<Long>> runs = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    runs.add(pool.submit(() -> oneClient(mock, starts)));
                }
                for (Future<Long> run : runs) {
                    clientFrames += run.get(120, TimeUnit.SECONDS);
                }
                assertThat(mock.flushAudit()).isTrue();
                assertThat(mock.stats().auditFramesLost()).isZero();
            }
            SessionSummary summary = store.summary(session).orElseThrow();
            assertThat(summary.session().framesLost()).isZero();
            assertThat(summary.frames()).isEqualTo(clientFrames);
            assertThat(clientFrames).isGreaterThan(CLIENTS * 3_000L);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client's whole conversation; returns the frames it sent plus the frames it received. */
    private static long oneClient(KosmiMock mock, List<String> starts) throws Exception {
        JdkSocket s = JdkSocket.connect(mock.wsUrl(), "graphql-ws");
        long sent = 0;
        long received = 0;
        s.send("{\"type\":\"connection_init\",\"payload\":{}}");
        sent++;
        for (String start : starts) {
            s.send(start);
            sent++;
        }
        int completes = 0;
        while (completes < starts.size()) {
            String text = s.nextText();
            received++;
            if (text.contains("\"type\":\"complete\"")) {
                completes++;
            }
        }
        s.send("{\"type\":\"connection_terminate\"}");
        sent++;
        while (s.nextEvent() instanceof TestSocket.Text) {
            received++;
        }
        return sent + received;
    }
}
