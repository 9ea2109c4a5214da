package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.replayer.AuditLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock run's own log (SPEC §6): one session of kind {@code mock}, each client attempt a connection in it
 * with every frame both ways, each {@code POST /} an exchange. The hot path only appends to an
 * {@link AuditJournal} (bounded in bytes); an {@link AuditMover} thread writes it to the store. When the bound is
 * reached frames are counted lost and a warning is logged; when the store or the mover fails, the audit stops,
 * says so in the log and in {@link #status()}, and the mock keeps serving. Without a store, or at
 * {@link AuditLevel#OFF}, it only hands out ids and clock readings. Times are microseconds since the mock started.
 * Thread-safe; no method throws to the replay.
 */
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    /** What a text frame's characters cost in the journal: a Latin-1 string's bytes plus its object. */
    private static final long STRING_OVERHEAD = 40;

    /** What {@code /__admin/health} and the exit summary say about the audit. */
    public record Status(String state, long framesKept, long framesLost, long heldBytes, long boundBytes, String error) { }

    private final CaptureStore store;
    private final AuditLevel level;
    private final AuditJournal journal;
    private final AuditMover mover;
    private final Thread moverThread;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger exchangeIds = new AtomicInteger();
    private final AtomicBoolean warnedLoss = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Session session;
    private volatile boolean finished;

    private Audit(CaptureStore store, AuditLevel level, Session session, long boundBytes) {
        this.store = store;
        this.level = level;
        this.session = session;
        if (session == null) {
            journal = null;
            mover = null;
            moverThread = null;
            return;
        }
        journal = new AuditJournal(boundBytes);
        mover = new AuditMover(journal, store, session.id(), this::failed);
        moverThread = new Thread(mover, "kosmi-mock-audit-" + session.id());
        moverThread.setDaemon(true);
        moverThread.start();
    }

    /** Starts the audit session in {@code store}, naming the mock {@code instance} of a fleet when given, (unless there is none or the level is off); a store failure here is thrown. */
    public static Audit start(Optional<CaptureStore> store, AuditLevel level, long boundBytes, String name, String target,
                              String instance) {
        if (store.isEmpty() || level == AuditLevel.OFF) {
            return new Audit(null, level, null, boundBytes);
        }
        Session started = Session.start(SessionKind.MOCK, name, target, Instant.now()).withAttribute("audit", level.cliName());
        Session session = store.get().createSession(instance == null ? started : started.withAttribute(INSTANCE_ATTRIBUTE, instance));
        return new Audit(store.get(), level, session, boundBytes);
    }


    /** The session attribute naming the mock instance of a fleet that wrote an audit. */
    public static final String INSTANCE_ATTRIBUTE = "mock.instance";

    public Optional<String> sessionId() {
        return session == null ? Optional.empty() : Optional.of(session.id());
    }

    public long micros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    public int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    public int nextExchangeId() {
        return exchangeIds.incrementAndGet();
    }

    public void connection(WsConnection c) {
        if (journal != null) {
            journal.record(AuditJournal.CONNECTION, c, 512 + c.responseBody().size());
        }
    }

    public void exchange(HttpExchange e) {
        if (journal != null) {
            journal.record(AuditJournal.EXCHANGE, e, 1024 + e.requestBody().size() + e.responseBody().size());
        }
    }

    /**
     * A text frame. {@code shared} says the string is one the replay script holds anyway (the recorded text sent to
     * a client using the recorded ids), so keeping it costs the journal no more than its reference.
     */
    public void text(int connectionId, Direction direction, String text, boolean shared) {
        if (journal != null && level == AuditLevel.FULL) {
            long bytes = shared ? 0 : STRING_OVERHEAD + 2L * text.length();
            lostIf(!journal.frame(connectionId, direction == Direction.SENT ? AuditJournal.TEXT_SENT : AuditJournal.TEXT_RECEIVED,
                    micros(), text, bytes));
        }
    }

    public void binary(int connectionId, Direction direction, byte[] bytes) {
        if (journal != null && level == AuditLevel.FULL) {
            lostIf(!journal.frame(connectionId, direction == Direction.SENT ? AuditJournal.BINARY_SENT : AuditJournal.BINARY_RECEIVED,
                    micros(), bytes, STRING_OVERHEAD + bytes.length));
        }
    }

    private void lostIf(boolean lost) {
        if (lost && failure.get() == null && warnedLoss.compareAndSet(false, true)) {
            LOG.warn("The audit holds {} MiB not yet in the store (its bound): frames are being lost from now on and "
                    + "counted in the mock session's framesLost; raise the bound or use --audit handshakes", journal.boundBytes() >> 20);
            markSession("auditWarning", "frames were lost: the audit reached its memory bound of "
                    + (journal.boundBytes() >> 20) + " MiB");
        }
    }

    /** Waits (up to a minute) until everything audited so far is in the store; false when it is not. */
    public boolean flush() {
        if (journal == null || failure.get() != null) {
            return journal == null;
        }
        try {
            return mover.awaitMoved(journal.seal(), 60_000) && failure.get() == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the mover while it makes progress (a minute without any ends the wait); true when all is stored. */
    private boolean drain() {
        long target = journal.seal();
        long before = -1;
        try {
            while (failure.get() == null) {
                if (mover.awaitMoved(target, 60_000)) {
                    return true;
                }
                long now = mover.moved();
                if (now == before) {
                    LOG.error("The audit store took no frames for a minute; {} entries were not stored", target - now);
                    return false;
                }
                before = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Writes what is left, ends the session {@code complete} with its frames lost, and stops the mover. */
    public synchronized void finish() {
        if (journal == null || finished) {
            return;
        }
        finished = true;
        // Everything audited is stored before the session ends: wait as long as the store keeps taking frames.
        drain();
        mover.stop();
        journal.close();
        try {
            moverThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable failed = failure.get();
        Session ended = session.withStatus(SessionStatus.COMPLETE, Instant.now()).withFramesLost(journal.lost());
        if (failed != null) {
            ended = ended.withAttribute("auditError", describe(failed));
        }
        try {
            store.updateSession(ended);
            session = ended;
        } catch (RuntimeException e) {
            LOG.error("The audit session {} could not be ended in the store: {}", session.id(), e.toString());
        }
    }

    public Status status() {
        if (journal == null) {
            return new Status("off", 0, 0, 0, 0, null);
        }
        Throwable failed = failure.get();
        String state = failed != null ? "failed" : journal.lost() > 0 ? "shedding" : "ok";
        return new Status(state, mover.framesKept(), journal.lost(), journal.heldBytes(), journal.boundBytes(),
                failed == null ? null : describe(failed));
    }

    public AuditLevel level() {
        return level;
    }

    private void failed(Throwable e) {
        if (!failure.compareAndSet(null, e)) {
            return;
        }
        // Free the memory first: an OutOfMemoryError is the likely cause, and the replay needs the heap.
        long dropped = journal.close();
        LOG.error("The audit has stopped: {}. The mock goes on serving; {} frames not yet stored were dropped and every "
                + "frame from now on is counted lost; /__admin/health reports it", describe(e), dropped);
        markSession("auditError", describe(e));
    }

    /** Notes a problem on the session, so the UI shows it; best effort, the log has it already. */
    private void markSession(String key, String value) {
        try {
            Session marked = session.withAttribute(key, value).withFramesLost(journal.lost());
            store.updateSession(marked);
            session = marked;
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.debug("could not note {} on the audit session: {}", key, e.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + GraphQlRequest.cut(message, 300));
    }

    /** Request headers as received, in order, names as the client spelled them. */
    public static Headers headers(HttpFields fields) {
        List<Header> list = new ArrayList<>();
        for (HttpField f : fields) {
            list.add(new Header(f.getName(), f.getValue() == null ? "" : f.getValue()));
        }
        return new Headers(list);
    }
}
