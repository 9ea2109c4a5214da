package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.store.jdbc.FrameRows;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2 of the benchmark issue: the recorder's writer path (CaptureWriter: queue, one thread, batched
 * commits) storing frames into an H2 file, against a plain JDBC batch insert of the same rows into the same
 * schema, in frames per second. The frames are the built-in fixture's realistic Kosmi payloads, cycled.
 */
public final class IngestBenchmark {
    private final Path dir;
    private final int frames;
    private final List<Frame> payloads;
    private final WsConnection connection;
    private int runCounter;

    public IngestBenchmark(Path dir, int frames) {
        this.dir = dir;
        this.frames = frames;
        Capture room = BuiltInFixtures.kosmiRoom();
        this.payloads = room.frames();
        this.connection = room.connections().get(0);
    }

    private List<Frame> frames() {
        List<Frame> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            Frame f = payloads.get(i % payloads.size());
            out.add(new Frame(connection.id(), i + 1, f.direction(), f.opcode(), f.payload(), i * 100L, f.message()));
        }
        return out;
    }

    /** A fresh store file per run, so every run starts from the same empty database. */
    private Path nextStore() {
        return dir.resolve("ingest-" + (++runCounter));
    }

    /** Candidate: every frame handed to CaptureWriter from one producer, timed until finish() has committed it all. */
    public double writerFramesPerSecond() {
        List<Frame> input = frames();
        try (JdbcCaptureStore store = JdbcCaptureStore.open(nextStore().toString())) {
            long start = System.nanoTime();
            // A queue that holds the whole burst: this producer hands over a million frames at once, far faster than
            // Chrome delivers them (~6,000/s), and the figure is the writer's commit rate, not the default 200,000 bound.
            CaptureWriter.Options d = CaptureWriter.Options.DEFAULT;
            CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "ingest", "bench", Instant.now()),
                    new CaptureWriter.Options(input.size() + 1, d.batchSize(), d.flushInterval(), d.heartbeatInterval()),
                    java.time.Clock.systemUTC());
            writer.connection(connection);
            long lost = 0;
            for (Frame f : input) {
                // Like the recorder: never wait. A refused frame would be lost and counted, and fail the figure.
                if (!writer.frame(f)) {
                    lost++;
                }
            }
            writer.finish(SessionStatus.COMPLETE);
            long nanos = System.nanoTime() - start;
            if (lost > 0) {
                throw new IllegalStateException(lost + " frames were lost at ingest: the queue overflowed");
            }
            return input.size() / (nanos / 1e9);
        }
    }

    /** Baseline: the same rows (the store's own INSERT and binding) by a plain JDBC batch insert, 2,000 per commit. */
    public double plainJdbcFramesPerSecond() throws Exception {
        List<Frame> input = frames();
        Path file = nextStore();
        String sessionId;
        try (JdbcCaptureStore store = JdbcCaptureStore.open(file.toString())) {
            sessionId = store.createSession(Session.start(SessionKind.RECORDING, "ingest", "bench", Instant.now())).id();
            store.putConnection(sessionId, connection);
        }
        try (Connection c = DriverManager.getConnection(StoreLocation.parse(file.toString()).jdbcUrl())) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(FrameRows.INSERT)) {
                int inBatch = 0;
                for (Frame f : input) {
                    FrameRows.bind(ps, sessionId, f);
                    ps.addBatch();
                    if (++inBatch == 2_000) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            long nanos = System.nanoTime() - start;
            return input.size() / (nanos / 1e9);
        }
    }
}
