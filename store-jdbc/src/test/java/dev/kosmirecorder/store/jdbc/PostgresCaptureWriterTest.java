package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;

/** The writer's contract on PostgreSQL, where each batch crosses a (loopback) network. */
class PostgresCaptureWriterTest extends CaptureWriterContract {
    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.open(PostgresCluster.shared().newDatabase().url());
    }
}
