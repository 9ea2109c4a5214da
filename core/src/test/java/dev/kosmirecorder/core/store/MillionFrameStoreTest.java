package dev.kosmirecorder.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.WsConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-frame session in a file store: every page query walks an index in seq order (asserted on the
 * plan, not on time), deep pages return the right rows, and the file is owner-only.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MillionFrameStoreTest {
    static final int FRAMES = 1_000_000;
    private static final String[] OPERATIONS = {"NewMessageSubscription", "MemberJoins", "MemberLeaves", "RoomChatQuery"};

    @TempDir
    static Path dir;
    private JdbcCaptureStore store;
    private String sessionId;

    @BeforeAll
    void fill() {
        store = JdbcCaptureStore.open(dir.resolve("million").toString());
        Session session = store.createSession(Session.start(SessionKind.RECORDING, "million", "synthetic", Instant.parse("2026-01-01T00:00:00Z")));
        sessionId = session.id();
        store.putConnection(sessionId, WsConnection.builder().id(1).url("ws://127.0.0.1/gql-ws").status(101).build());
        List<Frame> batch = new ArrayList<>(10_000);
        for (int seq = 1; seq <= FRAMES; seq++) {
            batch.add(frame(seq));
            if (batch.size() == 10_000) {
                store.appendFrames(sessionId, batch);
                batch.clear();
            }
        }
    }

    /** Every 100th frame is a client start; the rest are server data frames for one of four operations. */
    private static Frame frame(int seq) {
        String op = OPERATIONS[seq % OPERATIONS.length];
        String text = seq % 100 == 0
                ? "{\"type\":\"start\",\"id\":\"" + seq + "\",\"payload\":{\"operationName\":\"" + op + "\",\"query\":\"subscription " + op + " { x }\"}}"
                : "{\"type\":\"data\",\"id\":\"" + (seq % 7) + "\",\"payload\":{\"data\":{\"n\":" + seq + ",\"op\":\"" + op + "\"}}}";
        Frame f = Frame.text(1, seq, seq % 100 == 0 ? Direction.SENT : Direction.RECEIVED, text, seq * 1000L);
        // Data frames name their operation as the writer would after tracking the start.
        return f.withMessage(f.message().withOperationName(op));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void holdsAMillionFramesInAnOwnerOnlyFile() throws Exception {
        assertThat(store.summary(sessionId).orElseThrow().frames()).isEqualTo(FRAMES);
        Path file = dir.resolve("million.mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void pagingBySeqWalksThePrimaryKey() {
        FrameQuery deep = FrameQuery.firstPage(sessionId, 100).after(876_543);
        assertThat(store.explainFrames(deep)).contains("PRIMARY_KEY").doesNotContainIgnoringCase("tableScan");
        FramePage page = store.frames(deep);
        assertThat(page.frames()).extracting(Frame::seq).startsWith(876_544L).endsWith(876_643L).hasSize(100);
        assertThat(page.nextAfterSeq()).isEqualTo(876_643L);
    }

    @Test
    void filteringByTypeUsesTheTypeIndex() {
        FrameQuery starts = FrameQuery.firstPage(sessionId, 50).withType("start").after(500_000);
        assertThat(store.explainFrames(starts)).contains("FRAME_BY_TYPE").doesNotContainIgnoringCase("tableScan");
        assertThat(store.frames(starts).frames()).hasSize(50)
                .allSatisfy(f -> assertThat(f.message().type()).isEqualTo("start"))
                .extracting(Frame::seq).startsWith(500_100L);
    }

    @Test
    void filteringByOperationUsesTheOperationIndex() {
        FrameQuery joins = FrameQuery.firstPage(sessionId, 50).withOperation("MemberJoins").after(999_000);
        assertThat(store.explainFrames(joins)).contains("FRAME_BY_OPERATION").doesNotContainIgnoringCase("tableScan");
        assertThat(store.frames(joins).frames()).hasSize(50)
                .allSatisfy(f -> assertThat(f.message().operationName()).isEqualTo("MemberJoins"));
    }

    @Test
    void filteringByDirectionUsesTheDirectionIndex() {
        FrameQuery sent = FrameQuery.firstPage(sessionId, 20).withDirection(Direction.SENT);
        assertThat(store.explainFrames(sent)).contains("FRAME_BY_DIRECTION").doesNotContainIgnoringCase("tableScan");
        assertThat(store.frames(sent).frames()).hasSize(20).allSatisfy(f -> assertThat(f.direction()).isEqualTo(Direction.SENT));
    }
}
