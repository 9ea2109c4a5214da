package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Plays a connection's chains at the recorded pace (scaled by {@code --speed}): a frame that is due goes to
 * {@code deliver}, one that is not is scheduled on the shared scheduler (never a thread per client), and a chain
 * pauses while the outbox has no room and goes on when it has. Thread-safe.
 */
final class Playback {
    private final ScheduledExecutorService scheduler;
    private final LongUnaryOperator scaledNanos;
    private final Outbox outbox;
    private final BiConsumer<ScriptedFrame, Chain> deliver;
    // Guarded by this.
    private final List<Chain> waitingForRoom = new ArrayList<>();
    private boolean stopped;

    Playback(ScheduledExecutorService scheduler, LongUnaryOperator scaledNanos, Outbox outbox, BiConsumer<ScriptedFrame, Chain> deliver) {
        this.scheduler = scheduler;
        this.scaledNanos = scaledNanos;
        this.outbox = outbox;
        this.deliver = deliver;
    }

    /** Plays what of {@code chain} is due now, and schedules or parks the rest. */
    void play(Chain chain) {
        if (chain.cancelled || outbox.isClosing()) {
            return;
        }
        long now = System.nanoTime();
        while (chain.index < chain.frames.size()) {
            ScriptedFrame f = chain.frames.get(chain.index);
            long due = chain.baseNanos + scaledNanos.applyAsLong(f.offsetMicros());
            if (due > now) {
                chain.next = scheduler.schedule(() -> play(chain), due - now, TimeUnit.NANOSECONDS);
                return;
            }
            if (!outbox.hasRoom()) {
                synchronized (this) {
                    if (!stopped) {
                        waitingForRoom.add(chain);
                    }
                }
                return;
            }
            chain.index++;
            if (chain.cancelled) {
                return;
            }
            deliver.accept(f, chain);
        }
    }

    /** The outbox has room again: paused chains refill it on this thread (the sending one; their sends only queue). */
    void resume() {
        List<Chain> resumed;
        synchronized (this) {
            resumed = new ArrayList<>(waitingForRoom);
            waitingForRoom.clear();
        }
        resumed.forEach(this::play);
    }

    /** Nothing more plays. */
    synchronized void stop() {
        stopped = true;
        waitingForRoom.clear();
    }
}
