package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The store's contract on a scratch store, whose schema the migration scripts write without Flyway; and that this
 * schema is exactly the one Flyway migrates to, so the two ways can never drift apart.
 */
class ScratchCaptureStoreTest extends CaptureStoreContract {

    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.createScratch("jdbc:h2:mem:scratch-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void theScriptsAreTheOnesFlywayFinds() {
        Flyway flyway = Flyway.configure().dataSource("jdbc:h2:mem:listing-" + System.nanoTime(), "", "")
                .locations("classpath:" + Migrations.SHARED).load();
        List<String> found = new ArrayList<>();
        for (MigrationInfo m : flyway.info().all()) {
            found.add(m.getScript());
        }
        assertThat(Migrations.SHARED_SCRIPTS).isEqualTo(found);
    }

    @Test
    void theSchemaIsTheOneFlywayMigratesTo() throws SQLException {
        String migrated = "jdbc:h2:mem:migrated-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        String fresh = "jdbc:h2:mem:fresh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (JdbcCaptureStore a = JdbcCaptureStore.open(new StoreLocation(migrated, Optional.empty()));
             JdbcCaptureStore b = JdbcCaptureStore.createScratch(fresh)) {
            List<String> columns = describe(migrated, "SELECT table_name, column_name, ordinal_position, data_type, "
                    + "character_maximum_length, is_nullable, column_default FROM information_schema.columns "
                    + "WHERE table_schema = 'PUBLIC' AND table_name <> 'schema_history' ORDER BY 1, 3");
            List<String> indexes = describe(migrated, "SELECT i.table_name, i.index_name, i.index_type_name, c.column_name, "
                    + "c.ordinal_position FROM information_schema.indexes i JOIN information_schema.index_columns c "
                    + "ON c.index_schema = i.index_schema AND c.index_name = i.index_name WHERE i.table_schema = 'PUBLIC' "
                    + "AND i.table_name <> 'schema_history' ORDER BY 1, 2, 5");
            assertThat(columns).hasSizeGreaterThan(40);
            assertThat(indexes).anyMatch(row -> row.contains("FRAME_BY_OPERATION"));
            assertThat(describe(fresh, "SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length, "
                    + "is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'PUBLIC' ORDER BY 1, 3"))
                    .isEqualTo(columns);
            assertThat(describe(fresh, "SELECT i.table_name, i.index_name, i.index_type_name, c.column_name, c.ordinal_position "
                    + "FROM information_schema.indexes i JOIN information_schema.index_columns c ON c.index_schema = i.index_schema "
                    + "AND c.index_name = i.index_name WHERE i.table_schema = 'PUBLIC' ORDER BY 1, 2, 5"))
                    .isEqualTo(indexes);
        }
    }

    private static List<String> describe(String url, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
