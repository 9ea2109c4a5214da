package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.testing.MillionFrames;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-frame session: every page query walks an index in seq order (asserted on the database's own plan,
 * not on time) and reads about one page of rows at any depth, and deep pages return the right rows. Run once per
 * database by the subclasses ({@link H2MillionFrameStoreTest}, {@link PostgresMillionFrameStoreTest}).
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MillionFrameStoreContract {
    static final int FRAMES = MillionFrames.FRAMES;

    @TempDir
    static Path dir;
    protected JdbcCaptureStore store;
    protected String sessionId;

    /** The store to fill, on this subclass's database. */
    protected abstract JdbcCaptureStore openStore(Path dir);

    /** How the plan names the frame table's primary key index. */
    protected abstract String primaryKeyIndex();

    /** What the plan says when it reads the whole table. */
    protected abstract String fullScan();

    @BeforeAll
    void fill() {
        store = openStore(dir);
        sessionId = MillionFrames.fill(store, FRAMES);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void holdsAMillionFrames() {
        assertThat(store.summary(sessionId).orElseThrow().frames()).isEqualTo(FRAMES);
    }

    @Test
    void pagingBySeqWalksThePrimaryKey() {
        FrameQuery deep = FrameQuery.firstPage(sessionId, 100).after(876_543);
        assertThat(store.explainFrames(deep)).containsIgnoringCase(primaryKeyIndex()).doesNotContainIgnoringCase(fullScan());
        FramePage page = store.frames(deep);
        assertThat(page.frames()).extracting(Frame::seq).startsWith(876_544L).endsWith(876_643L).hasSize(100);
        assertThat(page.nextAfterSeq()).isEqualTo(876_643L);
        // One window of the primary key, not every row after the cursor (nor every row before it).
        assertThat(store.rowsReadForPage(deep)).isBetween(100L, 5L * 101 + 1);
        assertThat(store.rowsReadForPage(FrameQuery.firstPage(sessionId, 100).after(10))).isBetween(100L, 5L * 101 + 1);
    }

    @Test
    void filteringByTypeUsesTheTypeIndex() {
        FrameQuery starts = FrameQuery.firstPage(sessionId, 50).withType("start").after(500_000);
        assertThat(store.explainFrames(starts)).containsIgnoringCase("frame_by_type").doesNotContainIgnoringCase(fullScan());
        assertThat(store.frames(starts).frames()).hasSize(50)
                .allSatisfy(f -> assertThat(f.message().type()).isEqualTo("start"))
                .extracting(Frame::seq).startsWith(500_100L);
    }

    @Test
    void filteringByOperationUsesTheOperationIndex() {
        FrameQuery joins = FrameQuery.firstPage(sessionId, 50).withOperation("MemberJoins").after(999_000);
        assertThat(store.explainFrames(joins)).containsIgnoringCase("frame_by_operation").doesNotContainIgnoringCase(fullScan());
        assertThat(store.rowsReadForPage(joins.after(10))).isBetween(50L, 51L);
        assertThat(store.frames(joins).frames()).hasSize(50)
                .allSatisfy(f -> assertThat(f.message().operationName()).isEqualTo("MemberJoins"));
    }

    @Test
    void filteringByDirectionUsesTheDirectionIndex() {
        FrameQuery sent = FrameQuery.firstPage(sessionId, 20).withDirection(Direction.SENT);
        assertThat(store.explainFrames(sent)).containsIgnoringCase("frame_by_direction").doesNotContainIgnoringCase(fullScan());
        assertThat(store.frames(sent).frames()).hasSize(20).allSatisfy(f -> assertThat(f.direction()).isEqualTo(Direction.SENT));
    }
}
