package dev.kosmirecorder.replayer.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit's hot path: what the mock saw, appended in order to compact column chunks (a connection id, a kind, a
 * time and a reference to the text the mock already holds), never parsed, encoded or indexed here. Full chunks are
 * handed to the {@link AuditMover}, which writes them to the store off the hot path.
 *
 * <p>The bound is in bytes: every entry costs {@link #ENTRY_BYTES} plus, unless its text is one the replay script
 * shares between clients, its own size. Past {@code boundBytes} of entries not yet in the store a frame is refused
 * and counted lost (the caller logs it); connections and exchanges are always kept, so every attempt is in the audit.
 * Thread-safe.
 */
final class AuditJournal {
    static final int CHUNK = 4096;
    /** What an entry's columns cost: an int, a byte, a long and a reference, rounded up. */
    static final long ENTRY_BYTES = 24;

    static final byte TEXT_SENT = 0;
    static final byte TEXT_RECEIVED = 1;
    static final byte BINARY_SENT = 2;
    static final byte BINARY_RECEIVED = 3;
    static final byte CONNECTION = 4;
    static final byte EXCHANGE = 5;

    /** A block of entries in append order. Written by appenders until sealed, then read by the mover only. */
    static final class Chunk {
        final int[] connection = new int[CHUNK];
        final byte[] kind = new byte[CHUNK];
        final long[] micros = new long[CHUNK];
        final Object[] item = new Object[CHUNK];
        int size;
        long bytes;
    }

    private final long boundBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final BlockingQueue<Chunk> sealed = new LinkedBlockingQueue<>();
    // Guarded by this.
    private Chunk current = new Chunk();
    private long appended;
    private boolean closed;

    AuditJournal(long boundBytes) {
        this.boundBytes = boundBytes;
    }

    /** Appends a frame; false (and counted lost) when the bound is reached or the journal is closed. */
    boolean frame(int connection, byte kind, long micros, Object payload, long payloadBytes) {
        long cost = ENTRY_BYTES + payloadBytes;
        if (held.addAndGet(cost) > boundBytes) {
            held.addAndGet(-cost);
            lost.incrementAndGet();
            return false;
        }
        synchronized (this) {
            if (closed) {
                held.addAndGet(-cost);
                lost.incrementAndGet();
                return false;
            }
            append(connection, kind, micros, payload, cost);
        }
        return true;
    }

    /** Appends a connection or exchange: always kept while the journal is open. */
    synchronized void record(byte kind, Object value, long bytes) {
        if (closed) {
            return;
        }
        held.addAndGet(ENTRY_BYTES + bytes);
        append(0, kind, 0, value, ENTRY_BYTES + bytes);
    }

    private void append(int connection, byte kind, long micros, Object payload, long cost) {
        Chunk c = current;
        int i = c.size;
        c.connection[i] = connection;
        c.kind[i] = kind;
        c.micros[i] = micros;
        c.item[i] = payload;
        c.bytes += cost;
        c.size = i + 1;
        appended++;
        if (c.size == CHUNK) {
            sealed.add(c);
            current = new Chunk();
        }
    }

    /** Hands the partly filled chunk to the mover; returns how many entries were appended so far. */
    synchronized long seal() {
        if (current.size > 0) {
            sealed.add(current);
            current = new Chunk();
        }
        return appended;
    }

    /** The next sealed chunk; the partly filled one when none is sealed within {@code timeoutNanos}; or null. */
    Chunk next(long timeoutNanos) throws InterruptedException {
        Chunk c = sealed.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        if (c == null) {
            seal();
            c = sealed.poll();
        }
        return c;
    }

    /** The mover has written (or given up on) a chunk: its bytes are free again. */
    void released(Chunk c) {
        held.addAndGet(-c.bytes);
    }

    /** Refuses everything from now on and drops what is waiting; returns how many frames were dropped. */
    long close() {
        long dropped = 0;
        synchronized (this) {
            closed = true;
            seal();
        }
        for (Chunk c; (c = sealed.poll()) != null; ) {
            for (int i = 0; i < c.size; i++) {
                if (c.kind[i] < CONNECTION) {
                    dropped++;
                }
            }
            released(c);
        }
        lost.addAndGet(dropped);
        return dropped;
    }

    /** How many entries were appended so far: the mover tells from it whether the replay is still busy. */
    synchronized long appended() {
        return appended;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    long heldBytes() {
        return held.get();
    }

    long lost() {
        return lost.get();
    }

    long boundBytes() {
        return boundBytes;
    }
}
