package dev.kosmirecorder.replayer.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one client is sent, in order, one frame at a time (Jetty refuses concurrent sends), ending with the
 * close: so a protocol error frame always reaches the client before its close code. It applies the {@code delay}
 * fault, tells producers to pause while the client is behind ({@link #hasRoom()}, {@link Events#room()}), and closes
 * with 1008 a client whose waiting frames pass the byte bound; such a client is disconnected if it has not taken its
 * close frame after a grace period. Knows nothing of Jetty: the {@link Wire} is the socket. Thread-safe.
 */
final class Outbox {
    /** Producers pause at this many waiting frames or bytes and go on once the client is down to a quarter. */
    static final int PAUSE_FRAMES = 1_024;
    static final long PAUSE_BYTES = 1L << 20;
    /** Frames past which a client is cut off whatever their size. */
    static final int MAX_FRAMES = 10_000;
    static final int MAX_CLOSE_REASON_BYTES = 123;
    static final long OVER_BOUND_GRACE_SECONDS = 2;

    /** The socket, as the outbox uses it. */
    interface Wire {
        /** Sends one text frame; exactly one of the callbacks runs, on any thread, maybe before this returns. */
        void send(String text, Runnable succeeded, Runnable failed);

        void close(int code, String reason);

        void disconnect();
    }

    /** What the outbox tells its connection. */
    interface Events {
        /** A text frame has been sent; {@code shared} as it was offered. */
        void sent(String text, boolean shared);

        /** Producers that found no room may go on. Called on the sending thread, so refilling only queues. */
        void room();
    }

    /** A text frame to send no earlier than {@code dueNanos}, or (text null) the close that ends the outbox. */
    record Outgoing(String text, boolean shared, int closeCode, String closeReason, long dueNanos) {
        long bytes() {
            // A Java string's object and characters, assuming two bytes each: an upper bound, not Latin-1's best case.
            return text == null ? 0 : 40 + 2L * text.length();
        }
    }

    private final ScheduledExecutorService scheduler;
    private final long delayNanos;
    private final long maxBytes;
    private final Events events;
    // Guarded by this.
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long bytes;
    private Wire wire;
    private boolean sending;
    private boolean pumpScheduled;
    private boolean closing;
    private boolean ended;
    private boolean paused;
    private Outgoing closeSent;

    Outbox(ScheduledExecutorService scheduler, long delayNanos, long maxBytes, Events events) {
        this.scheduler = scheduler;
        this.delayNanos = delayNanos;
        this.maxBytes = maxBytes;
        this.events = events;
    }

    /** The socket is open: what was queued before goes out. */
    void attach(Wire w) {
        synchronized (this) {
            wire = w;
        }
        pump();
    }

    /** Queues a text frame; false when the outbox is closing (the frame is dropped) or this one put it over its bound. */
    boolean offer(String text, boolean shared) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            Outgoing o = new Outgoing(text, shared, 0, null, System.nanoTime() + delayNanos);
            if (queue.size() >= MAX_FRAMES || bytes + o.bytes() > maxBytes) {
                clearLocked();
                closeLocked(1008, "client does not read: its outbox is over " + MAX_FRAMES + " frames or " + (maxBytes >> 10) + " KiB");
                return false;
            }
            queue.add(o);
            bytes += o.bytes();
        }
        pump();
        return true;
    }

    /** Queues the close after what is waiting; false when the outbox was already closing. */
    boolean close(int code, String reason) {
        synchronized (this) {
            if (!closeLocked(code, reason)) {
                return false;
            }
        }
        pump();
        return true;
    }

    /** Drops what is waiting (the close-after and drop-after faults). */
    synchronized void discard() {
        clearLocked();
    }

    /** True while producers may add frames; otherwise they wait for {@link Events#room()}. */
    synchronized boolean hasRoom() {
        if (queue.size() >= PAUSE_FRAMES || bytes >= PAUSE_BYTES) {
            paused = true;
            return false;
        }
        return true;
    }

    synchronized boolean isClosing() {
        return closing;
    }

    /** The close frame this side sent (or decided on, for a client cut off), if any. */
    synchronized Outgoing closeSent() {
        return closeSent;
    }

    /** Cuts the connection without a close frame (the drop-after fault). */
    void disconnect() {
        Wire w;
        synchronized (this) {
            closing = true;
            clearLocked();
            w = wire;
        }
        if (w != null) {
            w.disconnect();
        }
    }

    /** The connection has ended: nothing more goes out. */
    synchronized void ended() {
        ended = true;
        closing = true;
        clearLocked();
    }

    synchronized long waitingBytes() {
        return bytes;
    }

    synchronized int waitingFrames() {
        return queue.size();
    }

    private boolean closeLocked(int code, String reason) {
        if (closing) {
            return false;
        }
        closing = true;
        Outgoing close = new Outgoing(null, false, code, closeReason(reason), System.nanoTime());
        queue.add(close);
        if (code == 1008) {
            // A client over its bound may read nothing at all, and then never takes the close frame either.
            scheduler.schedule(() -> abandon(close), OVER_BOUND_GRACE_SECONDS, TimeUnit.SECONDS);
        }
        return true;
    }

    private void abandon(Outgoing close) {
        Wire w;
        synchronized (this) {
            if (ended || wire == null) {
                return;
            }
            closeSent = close;
            w = wire;
        }
        w.disconnect();
    }

    private void clearLocked() {
        queue.removeIf(o -> o.text() != null);
        bytes = 0;
    }

    /**
     * Sends what is waiting, one frame at a time. A send that completes at once continues this loop (no recursion, no
     * hop to another thread); one that completes later continues from its callback.
     */
    void pump() {
        while (true) {
            Outgoing next;
            Wire w;
            boolean room = false;
            synchronized (this) {
                if (sending || queue.isEmpty() || wire == null || ended) {
                    return;
                }
                next = queue.peek();
                long wait = next.dueNanos() - System.nanoTime();
                if (wait > 0 && next.text() != null) {
                    if (!pumpScheduled) {
                        pumpScheduled = true;
                        scheduler.schedule(this::scheduledPump, wait, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                queue.poll();
                bytes -= next.bytes();
                sending = next.text() != null;
                w = wire;
                if (next.text() == null) {
                    closeSent = next;
                } else if (paused && queue.size() <= PAUSE_FRAMES / 4 && bytes <= PAUSE_BYTES / 4) {
                    paused = false;
                    room = true;
                }
            }
            if (room) {
                events.room();
            }
            if (next.text() == null) {
                w.close(next.closeCode(), next.closeReason());
                return;
            }
            Handover handover = new Handover();
            w.send(next.text(), () -> {
                synchronized (this) {
                    sending = false;
                }
                events.sent(next.text(), next.shared());
                handover.succeeded = true;
                if (handover.second()) {
                    pump();
                }
            }, () -> {
                synchronized (this) {
                    sending = false;
                    closing = true;
                    clearLocked();
                }
                handover.second();
            });
            if (!handover.second()) {
                return;
            }
        }
    }

    private void scheduledPump() {
        synchronized (this) {
            pumpScheduled = false;
        }
        pump();
    }

    /** Whichever of the callback and the sending thread comes second continues the pump, if the send succeeded. */
    private static final class Handover {
        private final AtomicBoolean first = new AtomicBoolean();
        volatile boolean succeeded;

        boolean second() {
            return !first.compareAndSet(false, true) && succeeded;
        }
    }

    /** A close reason cut to the 123 bytes a close frame can carry. */
    static String closeReason(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            r = r.substring(0, r.length() - 2) + "…";
        }
        return r;
    }
}
