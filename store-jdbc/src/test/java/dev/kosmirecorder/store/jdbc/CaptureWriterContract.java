package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.StoreException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The recorder's batching writer against each database the store runs on (subclasses per database). */
@Timeout(60)
abstract class CaptureWriterContract {
    protected JdbcCaptureStore store;

    protected abstract JdbcCaptureStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writesFramesFromManyThreadsAndAnnotatesOperations() throws Exception {
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.MOCK, "w", "t", Instant.now()));
        int connection = writer.nextConnectionId();
        writer.connection(WsConnection.builder().id(connection).url("ws://127.0.0.1/gql-ws").status(101).build());
        writer.frame(Frame.text(connection, writer.nextSeq(), Direction.SENT,
                "{\"type\":\"start\",\"id\":\"7\",\"payload\":{\"query\":\"subscription OnNewMessage { m }\"}}", 1));
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatformCompat(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.frame(Frame.text(connection, writer.nextSeq(), Direction.RECEIVED, "{\"type\":\"data\",\"id\":\"7\"}", i));
                }
                done.countDown();
            });
        }
        done.await();
        writer.exchange(HttpExchange.builder().id(writer.nextExchangeId()).method("POST").url("http://x/").status(200).build());
        writer.flush();
        assertThat(store.summary(writer.sessionId()).orElseThrow().frames()).isEqualTo(1 + threads * perThread);
        assertThat(store.frames(FrameQuery.firstPage(writer.sessionId(), 10).withOperation("OnNewMessage").withType("data")).frames())
                .hasSize(10);
        Session ended = writer.finish(SessionStatus.COMPLETE);
        assertThat(ended.status()).isEqualTo(SessionStatus.COMPLETE);
        assertThat(store.session(writer.sessionId()).orElseThrow().status()).isEqualTo(SessionStatus.COMPLETE);
        assertThat(store.exchanges(writer.sessionId())).hasSize(1);
        assertThat(writer.framesLost()).isZero();
        assertThatThrownBy(() -> writer.frame(Frame.text(connection, 99_999, Direction.SENT, "late", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finish() already called");
    }

    @Test
    void aFullQueueCountsLostFramesInsteadOfBlocking() {
        CaptureWriter.Options tiny = new CaptureWriter.Options(10, 5, Duration.ofSeconds(5), Duration.ofSeconds(5));
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "w", "t", Instant.now()), tiny, Clock.systemUTC());
        writer.connection(WsConnection.builder().id(1).url("ws://x").build());
        int offered = 10_000;
        int accepted = 0;
        for (int i = 0; i < offered; i++) {
            if (writer.frame(Frame.text(1, writer.nextSeq(), Direction.RECEIVED, "x", i))) {
                accepted++;
            }
        }
        Session ended = writer.finish(SessionStatus.COMPLETE);
        assertThat(writer.framesLost()).isEqualTo(offered - accepted).isPositive();
        assertThat(ended.framesLost()).isEqualTo(writer.framesLost());
        assertThat(store.session(writer.sessionId()).orElseThrow().framesLost()).isEqualTo(writer.framesLost());
        assertThat(store.summary(writer.sessionId()).orElseThrow().frames()).isEqualTo(accepted);
    }

    @Test
    void aStoreFailureIsLoud() {
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "w", "t", Instant.now()));
        writer.frame(Frame.text(1, 5, Direction.SENT, "a", 0));
        writer.frame(Frame.text(1, 5, Direction.SENT, "same seq again", 0));
        assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining("writing session " + writer.sessionId() + " to the store failed");
        assertThatThrownBy(() -> writer.finish(SessionStatus.COMPLETE)).isInstanceOf(StoreException.class);
    }

    @Test
    void aRefusedFrameCostsOnlyItselfAndIsCountedLost() {
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "w", "t", Instant.now()));
        writer.frame(Frame.text(1, 5, Direction.SENT, "a", 0));
        writer.frame(Frame.text(1, 5, Direction.SENT, "same seq again", 0));
        writer.frame(Frame.text(1, 6, Direction.SENT, "after the refusal", 1));
        assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class);
        writer.frame(Frame.text(1, 7, Direction.SENT, "later still", 2));
        assertThatThrownBy(() -> writer.finish(SessionStatus.COMPLETE)).isInstanceOf(StoreException.class);
        assertThat(store.summary(writer.sessionId()).orElseThrow().frames()).isEqualTo(3);
        assertThat(store.session(writer.sessionId()).orElseThrow().framesLost()).isEqualTo(1);
        assertThat(store.session(writer.sessionId()).orElseThrow().status()).isEqualTo(SessionStatus.COMPLETE);
    }

    @Test
    void aValueLongerThanItsColumnIsCutWithAMarker() {
        String huge = "x".repeat(ColumnFit.MAX_CHARS + 10);
        String cut = ColumnFit.text(huge);
        assertThat(cut.length()).isLessThanOrEqualTo(ColumnFit.MAX_CHARS);
        assertThat(cut).endsWith("[cut by kosmi-recorder: " + (huge.length() - cut.indexOf('…')) + " more characters]");
        assertThat(ColumnFit.text("short")).isEqualTo("short");
    }

    /** Java 17 has no Thread.ofPlatform(); a tiny stand-in keeps the test readable. */
    private static final class Thread {
        static void ofPlatformCompat(Runnable r) {
            java.lang.Thread t = new java.lang.Thread(r);
            t.start();
        }
    }
}
