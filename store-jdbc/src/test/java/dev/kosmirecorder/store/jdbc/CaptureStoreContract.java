package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.core.store.TimelineBucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database the store runs on must do (SPEC §9), run once per database by its subclasses
 * ({@link H2CaptureStoreTest}, {@link PostgresCaptureStoreTest}).
 */
abstract class CaptureStoreContract {
    protected JdbcCaptureStore store;

    /** A new, empty store on this subclass's database. */
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
    void savesAndLoadsAWholeCaptureWithCounts() {
        Capture room = SyntheticKosmiRoom.kosmiRoom();
        String id = store.save(room);
        assertThat(store.load(id)).isEqualTo(room.withSession(room.session().withId(id)));
        SessionSummary summary = store.summary(id).orElseThrow();
        assertThat(summary.frames()).isEqualTo(room.frames().size());
        assertThat(summary.framesSent()).isEqualTo(room.frames().stream().filter(f -> f.direction() == Direction.SENT).count());
        assertThat(summary.exchanges()).isEqualTo(1);
        assertThat(summary.connections()).isEqualTo(1);
        assertThat(summary.payloadBytes()).isEqualTo(room.frames().stream().mapToLong(f -> f.payload().size()).sum());
    }

    @Test
    void pagesFramesBySeqAndFiltersByTypeOperationDirectionAndText() {
        String id = store.save(SyntheticKosmiRoom.kosmiRoom());
        FramePage first = store.frames(FrameQuery.firstPage(id, 5));
        assertThat(first.frames()).extracting(Frame::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        FramePage second = store.frames(FrameQuery.firstPage(id, 5).after(first.nextAfterSeq()));
        assertThat(second.frames()).extracting(Frame::seq).containsExactly(6L, 7L, 8L, 9L, 10L);

        FramePage pushes = store.frames(FrameQuery.firstPage(id, 100).withOperation("NewMessageSubscription").withType("data"));
        assertThat(pushes.frames()).hasSizeGreaterThanOrEqualTo(12).allSatisfy(f -> {
            assertThat(f.direction()).isEqualTo(Direction.RECEIVED);
            assertThat(f.message().id()).isEqualTo("4");
        });
        assertThat(pushes.hasMore()).isFalse();

        assertThat(store.frames(FrameQuery.firstPage(id, 100).withDirection(Direction.SENT)).frames())
                .allSatisfy(f -> assertThat(f.direction()).isEqualTo(Direction.SENT)).isNotEmpty();
        assertThat(store.frames(FrameQuery.firstPage(id, 100).withText("PWNED")).frames())
                .singleElement().satisfies(f -> assertThat(f.text()).contains("<script>"));
        // LIKE wildcards in the search text are literal.
        assertThat(store.frames(FrameQuery.firstPage(id, 100).withText("%")).frames()).isEmpty();
    }

    @Test
    void largeAndBinaryPayloadsSurvive() {
        Session session = store.createSession(Session.start(SessionKind.RECORDING, "big", "t", Instant.parse("2026-01-01T00:00:00Z")));
        store.putConnection(session.id(), WsConnection.builder().id(1).url("ws://x").build());
        String fiveMb = "x".repeat(5 * 1024 * 1024);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        store.appendFrames(session.id(), List.of(
                Frame.text(1, 1, Direction.RECEIVED, fiveMb, 10),
                Frame.of(1, 2, Direction.SENT, Opcode.BINARY, Payload.of(binary), 20),
                Frame.of(1, 3, Direction.SENT, Opcode.BINARY, Payload.of(new byte[2 * 1024 * 1024]), 30)));
        assertThat(store.frame(session.id(), 1).orElseThrow().text()).isEqualTo(fiveMb);
        assertThat(store.frame(session.id(), 2).orElseThrow().payload().bytes()).isEqualTo(binary);
        assertThat(store.frame(session.id(), 3).orElseThrow().payload().size()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void deleteRemovesTheSessionAndEverythingInIt() {
        String id = store.save(SyntheticKosmiRoom.kosmiRoom());
        assertThat(store.delete(id)).isTrue();
        assertThat(store.session(id)).isEmpty();
        assertThat(store.frames(FrameQuery.firstPage(id, 10)).frames()).isEmpty();
        assertThat(store.delete(id)).isFalse();
        assertThatThrownBy(() -> store.load(id)).isInstanceOf(NoSuchSessionException.class)
                .hasMessage("no session with id '" + id + "' in the store; run 'kosmi-recorder list' to see the ids");
    }

    @Test
    void onlyRecordingsWhoseHeartbeatWentStaleAreMarkedInterrupted() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        Session live = store.createSession(Session.start(SessionKind.RECORDING, "live", "t", now.minusSeconds(100)));
        Session dead = store.createSession(Session.start(SessionKind.RECORDING, "dead", "t", now.minusSeconds(100)));
        store.heartbeat(live.id(), now.minusSeconds(1));
        store.heartbeat(dead.id(), now.minusSeconds(60));
        assertThat(store.markAbandonedRecordings(Duration.ofSeconds(15), now)).isEqualTo(1);
        assertThat(store.session(live.id()).orElseThrow().status()).isEqualTo(SessionStatus.RECORDING);
        Session interrupted = store.session(dead.id()).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(SessionStatus.INTERRUPTED);
        assertThat(interrupted.endedAt()).isEqualTo(now.minusSeconds(60));
    }

    @Test
    void listsNewestFirstAndBucketsATimeline() {
        String older = store.save(SyntheticKosmiRoom.handshake403().withSession(
                SyntheticKosmiRoom.handshake403().session()));
        String newer = store.save(SyntheticKosmiRoom.kosmiRoom().withSession(SyntheticKosmiRoom.kosmiRoom().session()
                .withStatus(SessionStatus.COMPLETE, Instant.parse("2026-12-01T00:00:10Z"))
                .withId(null)));
        assertThat(store.sessions()).extracting(s -> s.session().id()).contains(older, newer);
        List<TimelineBucket> buckets = store.timeline(newer, 1_000_000);
        assertThat(buckets.stream().mapToLong(b -> b.sent() + b.received()).sum()).isEqualTo(store.summary(newer).orElseThrow().frames());
        assertThat(buckets).isSortedAccordingTo(java.util.Comparator.comparingLong(TimelineBucket::startMicros));
    }
}
