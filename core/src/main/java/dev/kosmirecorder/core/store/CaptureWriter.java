package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.OperationTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one live session into a store without ever making its producer wait (SPEC §7). Producers (a CDP event
 * thread, the mock's sockets) hand over values; one writer thread inserts frames in batches and commits at least
 * every {@link Options#flushInterval}, and keeps the session's heartbeat so other processes can tell a live
 * recording from a dead one. When the bounded queue is full a frame is refused and counted, never dropped
 * silently; the count ends up in the session's {@code framesLost}. A value the store refuses is logged, counted
 * (a frame in {@code framesLost}), and the first such failure is rethrown by {@link #flush()} and {@link #finish}:
 * losing data is loud, and it never stops the writing of everything else.
 *
 * <p>Thread-safe: any thread may call any method.
 */
public final class CaptureWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);

    /** Queue size, batch size, commit cadence and heartbeat period. */
    public record Options(int queueCapacity, int batchSize, Duration flushInterval, Duration heartbeatInterval) {
        public static final Options DEFAULT = new Options(200_000, 2_000, Duration.ofMillis(100), Duration.ofSeconds(3));

        public Options {
            if (queueCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("queueCapacity and batchSize must be positive");
            }
        }
    }

    private sealed interface Item permits FrameItem, ExchangeItem, ConnectionItem, Barrier, Stop { }
    private record FrameItem(Frame frame) implements Item { }
    private record ExchangeItem(HttpExchange exchange) implements Item { }
    private record ConnectionItem(WsConnection connection) implements Item { }
    private record Barrier(CompletableFuture<Void> done) implements Item { }
    private record Stop(CompletableFuture<Void> done) implements Item { }

    private final CaptureStore store;
    private final Options options;
    private final Clock clock;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger exchangeIds = new AtomicInteger();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastFailureLog = new AtomicLong();
    private final OperationTracker operations = new OperationTracker();
    private volatile Session session;
    private volatile boolean finished;

    private CaptureWriter(CaptureStore store, Session session, Options options, Clock clock) {
        this.store = store;
        this.session = session;
        this.options = options;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.thread = new Thread(this::run, "capture-writer-" + session.id());
        this.thread.setDaemon(true);
    }

    /** Stores {@code session} (status as given, normally {@code recording}) and starts its writer thread. */
    public static CaptureWriter start(CaptureStore store, Session session) {
        return start(store, session, Options.DEFAULT, Clock.systemUTC());
    }

    public static CaptureWriter start(CaptureStore store, Session session, Options options, Clock clock) {
        CaptureWriter writer = new CaptureWriter(store, store.createSession(session), options, clock);
        writer.thread.start();
        return writer;
    }

    public String sessionId() {
        return session.id();
    }

    public Session session() {
        return session;
    }

    /** The next session-wide frame sequence number (1, 2, …). */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /** The next connection id in this session (1, 2, …). */
    public int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /** The next HTTP exchange id in this session (1, 2, …). */
    public int nextExchangeId() {
        return exchangeIds.incrementAndGet();
    }

    /** Queues an insert-or-replace of the exchange with this id. Waits for room: exchanges are few and must not be lost. */
    public void exchange(HttpExchange exchange) {
        enqueueBlocking(new ExchangeItem(exchange));
    }

    /** Queues an insert-or-replace of the connection with this id. */
    public void connection(WsConnection connection) {
        enqueueBlocking(new ConnectionItem(connection));
    }

    /** Queues a frame without waiting; returns false, and counts the frame as lost, when the queue is full. */
    public boolean frame(Frame frame) {
        if (finished) {
            throw new IllegalStateException("finish() already called for session " + session.id());
        }
        if (queue.offer(new FrameItem(frame))) {
            return true;
        }
        lost.incrementAndGet();
        return false;
    }

    /** Blocks until everything queued before this call is committed; rethrows a store failure. */
    public void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueueBlocking(new Barrier(done));
        await(done);
        throwIfFailed();
    }

    public long framesLost() {
        return lost.get();
    }

    public long framesWritten() {
        return written.get();
    }

    /** The first store failure, if any; the writer goes on writing what the store accepts. */
    public RuntimeException failure() {
        return failure.get();
    }

    /** Writes what is queued, stores the final status, end time and lost count, and stops the writer thread. */
    public synchronized Session finish(SessionStatus status) {
        if (finished) {
            return session;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueueBlocking(new Stop(done));
        finished = true;
        await(done);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Session ended = session.withStatus(status, clock.instant()).withFramesLost(lost.get());
        attempt(() -> store.updateSession(ended), "the end of the session");
        session = ended;
        throwIfFailed();
        return ended;
    }

    @Override
    public void close() {
        finish(SessionStatus.COMPLETE);
    }

    @Override
    public String toString() {
        return "CaptureWriter{session=" + session.id() + ", written=" + written.get() + ", lost=" + lost.get() + "}";
    }

    // ---------------------------------------------------------------- writer thread

    private void run() {
        List<Frame> frames = new ArrayList<>(options.batchSize());
        Map<Integer, WsConnection> connections = new LinkedHashMap<>();
        Map<Integer, HttpExchange> exchanges = new LinkedHashMap<>();
        long flushNanos = options.flushInterval().toNanos();
        Instant lastHeartbeat = Instant.EPOCH;
        boolean stopping = false;
        while (!stopping) {
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            CompletableFuture<Void> stop = null;
            long deadline = System.nanoTime() + flushNanos;
            // Gather until the batch is full, the flush interval has passed, or someone waits for a flush.
            try {
                while (frames.size() < options.batchSize() && waiting.isEmpty() && stop == null) {
                    long left = deadline - System.nanoTime();
                    Item item = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (item == null) {
                        break;
                    }
                    if (item instanceof FrameItem f) {
                        frames.add(operations.annotate(f.frame()));
                    } else if (item instanceof ExchangeItem e) {
                        exchanges.put(e.exchange().id(), e.exchange());
                    } else if (item instanceof ConnectionItem c) {
                        connections.put(c.connection().id(), c.connection());
                    } else if (item instanceof Barrier b) {
                        waiting.add(b.done());
                    } else if (item instanceof Stop s) {
                        stop = s.done();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
            Instant now = clock.instant();
            boolean beat = Duration.between(lastHeartbeat, now).compareTo(options.heartbeatInterval()) >= 0;
            if (beat || !frames.isEmpty() || !connections.isEmpty() || !exchanges.isEmpty()) {
                writeBatch(List.copyOf(connections.values()), List.copyOf(exchanges.values()), frames, beat ? now : null);
            }
            if (beat) {
                lastHeartbeat = now;
            }
            frames.clear();
            connections.clear();
            exchanges.clear();
            waiting.forEach(w -> w.complete(null));
            if (stop != null) {
                stop.complete(null);
                stopping = true;
            }
        }
    }

    /**
     * One call per batch, so a store across a network commits it in one transaction (connections go before frames, so
     * a reader never sees a frame of a connection it cannot find). When the store refuses the batch, it is written
     * again item by item: one value the store refuses costs that value (logged, and counted in framesLost when it is
     * a frame), never the rest of the session.
     */
    private void writeBatch(List<WsConnection> connections, List<HttpExchange> exchanges, List<Frame> frames, Instant heartbeat) {
        try {
            store.writeBatch(session.id(), connections, exchanges, frames, heartbeat);
            written.addAndGet(frames.size());
            return;
        } catch (RuntimeException batch) {
            LOG.debug("The store refused a batch of session {}; writing it item by item", session.id(), batch);
        }
        connections.forEach(c -> attempt(() -> store.putConnection(session.id(), c), "connection " + c.id()));
        exchanges.forEach(e -> attempt(() -> store.putExchange(session.id(), e), "HTTP exchange " + e.id()));
        for (Frame f : frames) {
            if (attempt(() -> store.appendFrames(session.id(), List.of(f)), "frame " + f.seq())) {
                written.incrementAndGet();
            } else {
                lost.incrementAndGet();
            }
        }
        if (heartbeat != null) {
            attempt(() -> store.heartbeat(session.id(), heartbeat), "the heartbeat");
        }
    }

    /** Runs one write; a failure is kept for {@link #flush()}, logged (at most every 10 s), and the writer goes on. */
    private boolean attempt(Runnable write, String what) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            long failures = failed.incrementAndGet();
            long now = System.nanoTime();
            long last = lastFailureLog.get();
            if (failures == 1 || (now - last > TimeUnit.SECONDS.toNanos(10) && lastFailureLog.compareAndSet(last, now))) {
                LOG.error("The store refused {} of session {} ({} refusals so far); the session goes on without it: {}", what,
                        session.id(), failures, e.getMessage());
                lastFailureLog.set(now);
            }
            return false;
        }
    }

    private void enqueueBlocking(Item item) {
        try {
            if (!thread.isAlive() && !(item instanceof Barrier)) {
                throw new IllegalStateException("the writer of session " + session.id() + " has stopped");
            }
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a write for session " + session.id(), e);
        }
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new StoreException("the capture writer did not answer within 60 s", e);
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new StoreException("writing session " + session.id() + " to the store failed; what was committed before stays: "
                    + e.getMessage(), e);
        }
    }
}
