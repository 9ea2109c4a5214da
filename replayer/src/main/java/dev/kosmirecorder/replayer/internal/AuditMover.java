package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.protocol.GraphQlMessage;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.OperationTracker;
import dev.kosmirecorder.core.store.CaptureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The audit's one background thread: takes the {@link AuditJournal}'s chunks in order and writes them to the store
 * in batches, where the frames get their sequence numbers, parsed fields, operation names and indexes. Texts the
 * script shares between clients are encoded and parsed once (an identity cache), not once per client. Any failure,
 * an {@link OutOfMemoryError} included, is handed to {@code onFailure} once and ends the thread; the mock goes on.
 */
final class AuditMover implements Runnable {
    private static final int BATCH = 2_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int CACHE = 4096;
    private static final long REST_FACTOR = 3;
    private static final long MAX_REST_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final AuditJournal journal;
    private final CaptureStore store;
    private final String sessionId;
    private final Consumer<Throwable> onFailure;
    private final OperationTracker operations = new OperationTracker();
    private final String[] cachedText = new String[CACHE];
    private final Payload[] cachedPayload = new Payload[CACHE];
    private final GraphQlMessage[] cachedMessage = new GraphQlMessage[CACHE];
    private final List<Frame> batch = new ArrayList<>(BATCH);
    private long seq;
    /** The journal's append count when the mover last looked: unchanged means the replay has gone quiet. */
    private long appendedSeen;
    private long lastHeartbeat;
    // Guarded by this: how many entries are in the store (or given up on), for flush().
    private long moved;
    private long framesKept;
    private volatile boolean stopping;
    /** Someone waits for the store to catch up (a flush, the finish): no pause between chunks. */
    private volatile boolean urgent;

    AuditMover(AuditJournal journal, CaptureStore store, String sessionId, Consumer<Throwable> onFailure) {
        this.journal = journal;
        this.store = store;
        this.sessionId = sessionId;
        this.onFailure = onFailure;
        this.lastHeartbeat = System.nanoTime();
    }

    @Override
    public void run() {
        try {
            while (true) {
                AuditJournal.Chunk chunk = journal.next(POLL_NANOS);
                if (chunk == null) {
                    if (stopping) {
                        return;
                    }
                } else {
                    long started = System.nanoTime();
                    write(chunk);
                    yieldToTheReplay(System.nanoTime() - started);
                }
                if (System.nanoTime() - lastHeartbeat > HEARTBEAT_NANOS) {
                    store.heartbeat(sessionId, Instant.now());
                    lastHeartbeat = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // NOPMD: an OutOfMemoryError here must end the audit, not the mock
            batch.clear();
            onFailure.accept(e);
        } finally {
            synchronized (this) {
                moved = Long.MAX_VALUE;
                notifyAll();
            }
        }
    }

    /**
     * On a machine with few cores the store's indexed inserts compete with the replay for CPU. While the journal holds
     * less than half its bound and no one waits, the mover rests {@link #REST_FACTOR} times as long as it worked, so it
     * takes at most a quarter of a core from a replay at full speed. It runs flat out when the journal fills, a flush
     * waits, or nothing was appended while it wrote a chunk: then the replay has gone quiet, and a backlog left after a
     * burst is the memory a serve at rest should give back, so it is moved at once.
     */
    private void yieldToTheReplay(long workedNanos) throws InterruptedException {
        long appended = journal.appended();
        boolean replayBusy = appended != appendedSeen;
        appendedSeen = appended;
        if (!replayBusy || urgent || stopping || journal.heldBytes() >= journal.boundBytes() / 2) {
            return;
        }
        long rest = Math.min(workedNanos * REST_FACTOR, MAX_REST_NANOS);
        synchronized (this) {
            // Woken early by awaitMoved (a flush) or stop.
            wait(rest / 1_000_000, (int) (rest % 1_000_000));
        }
    }

    /** Asks the thread to end once the journal is empty. */
    void stop() {
        stopping = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until {@code entries} entries are in the store, the mover has stopped, or the timeout passed. */
    synchronized boolean awaitMoved(long entries, long timeoutMillis) throws InterruptedException {
        urgent = true;
        notifyAll();
        try {
            return awaitMovedLocked(entries, timeoutMillis);
        } finally {
            urgent = false;
        }
    }

    private boolean awaitMovedLocked(long entries, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (moved < entries) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Entries in the store (or given up on) so far. */
    synchronized long moved() {
        return moved;
    }

    synchronized long framesKept() {
        return framesKept;
    }

    private void write(AuditJournal.Chunk c) {
        for (int i = 0; i < c.size; i++) {
            byte kind = c.kind[i];
            if (kind == AuditJournal.CONNECTION) {
                // Connections before their frames: a reader never finds a frame of a connection it cannot see.
                store.putConnection(sessionId, (WsConnection) c.item[i]);
            } else if (kind == AuditJournal.EXCHANGE) {
                store.putExchange(sessionId, (HttpExchange) c.item[i]);
            } else {
                batch.add(operations.annotate(frame(c.connection[i], kind, c.micros[i], c.item[i])));
                if (batch.size() == BATCH) {
                    appendBatch();
                }
            }
            c.item[i] = null;
        }
        appendBatch();
        journal.released(c);
        synchronized (this) {
            moved += c.size;
            notifyAll();
        }
    }

    private void appendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        store.appendFrames(sessionId, batch);
        synchronized (this) {
            framesKept += batch.size();
        }
        batch.clear();
    }

    private Frame frame(int connection, byte kind, long micros, Object item) {
        Direction direction = kind == AuditJournal.TEXT_SENT || kind == AuditJournal.BINARY_SENT ? Direction.SENT : Direction.RECEIVED;
        if (item instanceof byte[] bytes) {
            return new Frame(connection, ++seq, direction, Opcode.BINARY, Payload.of(bytes), micros, GraphQlMessage.NONE);
        }
        String text = (String) item;
        int slot = System.identityHashCode(text) & (CACHE - 1);
        if (cachedText[slot] != text) {
            cachedText[slot] = text;
            cachedPayload[slot] = Payload.ofText(text);
            cachedMessage[slot] = GraphQlMessage.parse(text);
        }
        return new Frame(connection, ++seq, direction, Opcode.TEXT, cachedPayload[slot], micros, cachedMessage[slot]);
    }
}
