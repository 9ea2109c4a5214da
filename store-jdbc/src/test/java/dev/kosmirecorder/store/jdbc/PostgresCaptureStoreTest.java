package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;
import org.junit.jupiter.api.Test;

/** The store's contract on a real PostgreSQL (a throwaway cluster, a fresh database per test). */
class PostgresCaptureStoreTest extends CaptureStoreContract {

    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.open(PostgresCluster.shared().newDatabase().url());
    }

    @Test
    void runsOnPostgresqlWithTheSchemaOfTheVendorMigration() {
        assertThat(store.vendor()).isEqualTo(StoreVendor.POSTGRESQL);
        assertThat(store.location()).startsWith("jdbc:postgresql://127.0.0.1:").doesNotContain(PostgresCluster.shared().password());
    }
}
