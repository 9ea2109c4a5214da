package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Figure 1: the mock replaying a history of {@code pages × messagesEach} server frames at speed 0 to many clients on
 * loopback, in data frames per second received in total, against {@link BareEndpoint} sending the same recorded
 * frames to the same clients. Each client fetches pages in turn until the run has sent about
 * {@code framesPerRun} frames (at least one page each, cycling through the history when one client needs more
 * than it holds), so every run lasts long enough to measure and stays in the seconds at 1,000 clients; errors
 * (any client that did not get every frame it asked for) are counted.
 */
final class ReplayBenchmark implements AutoCloseable {
    private final Capture capture;
    private final List<String> starts;
    private final int messagesEach;
    private final int framesPerRun;
    private final KosmiMock mock;
    private final BareEndpoint bare;
    private int mockErrors;
    private KosmiMock audited;
    private CaptureStore auditStore;
    private int bareErrors;

    ReplayBenchmark(int pages, int messagesEach, int framesPerRun) throws Exception {
        this.capture = SyntheticKosmiRoom.historyBurst(pages, messagesEach);
        this.messagesEach = messagesEach;
        this.framesPerRun = framesPerRun;
        this.starts = capture.frames().stream()
                .filter(f -> f.direction() == Direction.SENT && "start".equals(f.message().type()))
                .map(Frame::text).toList();
        this.mock = KosmiMock.builder().capture(capture).port(0).speed(0).start();
        this.bare = new BareEndpoint(capture);
    }

    Harness.Measurement mock(int clients) {
        return () -> measureMock(mock, clients);
    }

    /** Frames per second of one run against {@code target}, a mock; its failed clients count as mock errors. */
    private double measureMock(KosmiMock target, int clients) throws Exception {
        PagingClients.Result r = measure(target.wsUrl(), clients);
        mockErrors += r.errors();
        return r.framesPerSecond();
    }

    /**
     * The same replay as {@code serve} runs it: every frame both ways audited into an in-memory store (its writer
     * drops what its queue cannot hold and counts it). One mock for all the runs; {@link #auditSummary()} ends it.
     */
    Harness.Measurement audited(int clients) {
        return () -> {
            if (audited == null) {
                auditStore = JdbcCaptureStore.open(StoreLocation.inMemory("bench-audit-" + UUID.randomUUID()));
                audited = KosmiMock.builder().capture(capture).port(0).speed(0).auditStore(auditStore).start();
            }
            return measureMock(audited, clients);
        };
    }

    /** Stops the audited mock and says how much of its traffic the audit kept. */
    String auditSummary() {
        if (audited == null) {
            return "not run";
        }
        String id = audited.auditSessionId().orElseThrow();
        audited.close();
        SessionSummary summary = auditStore.summary(id).orElseThrow();
        long lost = summary.session().framesLost();
        String text = String.format(java.util.Locale.ROOT, "the audit kept %,d frames and counted %,d lost (%.1f%% kept)",
                summary.frames(), lost, 100.0 * summary.frames() / Math.max(1, summary.frames() + lost));
        auditStore.close();
        audited = null;
        return text;
    }

    Harness.Measurement bare(int clients) {
        return () -> {
            PagingClients.Result r = measure(bare.wsUrl(), clients);
            bareErrors += r.errors();
            return r.framesPerSecond();
        };
    }

    /** Clients that failed against the mock, over every run so far (then reset). */
    int takeMockErrors() {
        int e = mockErrors;
        mockErrors = 0;
        return e;
    }

    /** Clients that failed against the bare endpoint, over every run so far (then reset). */
    int takeBareErrors() {
        int e = bareErrors;
        bareErrors = 0;
        return e;
    }

    int pagesPerClient(int clients) {
        return Math.max(1, (int) Math.ceil((double) framesPerRun / clients / messagesEach));
    }

    private PagingClients.Result measure(URI ws, int clients) throws Exception {
        // A page's id may be used again once its complete has arrived, so a client can go round the history.
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < pagesPerClient(clients); i++) {
            mine.add(starts.get(i % starts.size()));
        }
        return PagingClients.run(ws, clients, mine, mine.size() * messagesEach, false, Duration.ofMinutes(5));
    }

    @Override
    public void close() throws Exception {
        if (audited != null) {
            audited.close();
            auditStore.close();
        }
        mock.close();
        bare.close();
    }
}
