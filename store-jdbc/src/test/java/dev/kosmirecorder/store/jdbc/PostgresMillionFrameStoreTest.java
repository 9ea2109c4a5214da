package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;
import java.nio.file.Path;

/** The million-frame contract on PostgreSQL: plans from {@code EXPLAIN}, rows read from {@code EXPLAIN (ANALYZE)}. */
class PostgresMillionFrameStoreTest extends MillionFrameStoreContract {

    @Override
    protected JdbcCaptureStore openStore(Path dir) {
        return JdbcCaptureStore.open(PostgresCluster.shared().newDatabase().url());
    }

    @Override
    protected String primaryKeyIndex() {
        return "frame_pkey";
    }

    @Override
    protected String fullScan() {
        return "Seq Scan";
    }
}
