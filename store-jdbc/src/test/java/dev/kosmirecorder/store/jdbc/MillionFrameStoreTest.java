package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.testing.MillionFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    static final int FRAMES = MillionFrames.FRAMES;

    @TempDir
    static Path dir;
    private JdbcCaptureStore store;
    private String sessionId;

    @BeforeAll
    void fill() {
        store = JdbcCaptureStore.open(dir.resolve("million").toString());
        sessionId = MillionFrames.fill(store, FRAMES);
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
        // One window of the primary key, not every row after the cursor (nor every row before it).
        assertThat(store.rowsReadForPage(deep)).isLessThanOrEqualTo(5 * 101 + 1);
        assertThat(store.rowsReadForPage(FrameQuery.firstPage(sessionId, 100).after(10))).isLessThanOrEqualTo(5 * 101 + 1);
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
        assertThat(store.rowsReadForPage(joins.after(10))).isLessThanOrEqualTo(51);
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
