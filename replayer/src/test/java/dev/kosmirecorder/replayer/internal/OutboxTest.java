package dev.kosmirecorder.replayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox without Jetty: order, one send at a time, pacing, the byte bound and the close. */
class OutboxTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** A wire whose sends complete only when the test says so, like a client that reads when it likes. */
    private static final class HeldWire implements Outbox.Wire {
        final List<String> sent = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();
        int closeCode = -1;
        String closeReason;
        boolean disconnected;

        @Override
        public synchronized void send(String text, Runnable succeeded, Runnable failed) {
            sent.add(text);
            pending.add(succeeded);
        }

        @Override
        public synchronized void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        @Override
        public synchronized void disconnect() {
            disconnected = true;
        }

        /** The client reads the frame in flight. */
        void complete() {
            Runnable r;
            synchronized (this) {
                r = pending.remove(0);
            }
            r.run();
        }
    }

    private final List<String> delivered = new ArrayList<>();
    private int rooms;
    private final Outbox.Events events = new Outbox.Events() {
        @Override
        public void sent(String text, boolean shared) {
            delivered.add(text);
        }

        @Override
        public void room() {
            rooms++;
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void sendsOneFrameAtATimeInOrderAndEndsWithTheClose() {
        Outbox outbox = new Outbox(scheduler, 0, 1 << 20, events);
        HeldWire wire = new HeldWire();
        outbox.offer("a", false);
        outbox.offer("b", true);
        outbox.attach(wire);
        assertThat(wire.sent).containsExactly("a");
        assertThat(outbox.close(1000, "bye")).isTrue();
        assertThat(outbox.close(4400, "again")).isFalse();
        assertThat(outbox.offer("too late", false)).isFalse();
        wire.complete();
        assertThat(wire.sent).containsExactly("a", "b");
        assertThat(wire.closeCode).isEqualTo(-1);
        wire.complete();
        assertThat(delivered).containsExactly("a", "b");
        assertThat(wire.closeCode).isEqualTo(1000);
        assertThat(outbox.closeSent().closeReason()).isEqualTo("bye");
    }

    @Test
    void producersPauseWhileTheClientIsBehindAndAreToldWhenThereIsRoom() {
        Outbox outbox = new Outbox(scheduler, 0, 64L << 20, events);
        HeldWire wire = new HeldWire();
        outbox.attach(wire);
        int offered = 0;
        while (outbox.hasRoom()) {
            outbox.offer("frame " + offered++, false);
        }
        assertThat(offered).isEqualTo(Outbox.PAUSE_FRAMES + 1); // one in flight, PAUSE_FRAMES waiting
        while (rooms == 0) {
            wire.complete();
        }
        assertThat(outbox.waitingFrames()).isLessThanOrEqualTo(Outbox.PAUSE_FRAMES / 4);
        assertThat(outbox.hasRoom()).isTrue();
    }

    @Test
    void aClientOverItsByteBoundIsClosedWith1008AndDisconnectedWhenItTakesNothing() {
        Outbox outbox = new Outbox(scheduler, 0, 10_000, events);
        HeldWire wire = new HeldWire();
        outbox.attach(wire);
        String big = "x".repeat(1_000);
        int accepted = 0;
        while (outbox.offer(big, false)) {
            accepted++;
        }
        // Each 1,000-character text counts 2,040 bytes: four fit in 10,000 (the first is in flight, not waiting).
        assertThat(accepted).isEqualTo(5);
        assertThat(outbox.isClosing()).isTrue();
        assertThat(outbox.waitingBytes()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            synchronized (wire) {
                return wire.disconnected;
            }
        });
        assertThat(outbox.closeSent().closeCode()).isEqualTo(1008);
        assertThat(outbox.closeSent().closeReason()).startsWith("client does not read");
    }

    @Test
    void theDelayFaultHoldsEachFrameBack() throws Exception {
        Outbox outbox = new Outbox(scheduler, TimeUnit.MILLISECONDS.toNanos(200), 1 << 20, events);
        HeldWire wire = new HeldWire();
        outbox.attach(wire);
        long started = System.nanoTime();
        outbox.offer("late", false);
        assertThat(wire.sent).isEmpty();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            synchronized (wire) {
                return !wire.sent.isEmpty();
            }
        });
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void closeReasonsAreCutToWhatACloseFrameCarries() {
        assertThat(Outbox.closeReason("é".repeat(100)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(Outbox.MAX_CLOSE_REASON_BYTES);
        assertThat(Outbox.closeReason(null)).isEmpty();
    }
}
