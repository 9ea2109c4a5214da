package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.StoreException;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives back the space a large import leaves in an H2 file. H2's store is append-only and an import is one
 * transaction, so the pages it rewrote stay in the file until compacted: a 76 MB HAR of 200,000 messages left a
 * 270 MB store (151 MB with page compression), 58 MB once compacted, in a few seconds. H2 compacts only briefly
 * when a store closes; {@code SHUTDOWN COMPACT} rewrites the file whole, so it runs only after big imports and only
 * on a file this process opened itself (a shared server store is the server's to compact).
 */
final class StoreCompaction {
    /** Below this many frames imported the space left behind is not worth a rewrite. */
    static final int WORTH_IT_FRAMES = 10_000;

    private StoreCompaction() {
    }

    static void afterImport(String db, long framesImported) {
        StoreLocation location = StoreLocation.parse(db);
        if (framesImported < WORTH_IT_FRAMES || location.file().isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(location.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new StoreException("the import is saved, but compacting " + location.display() + " failed: " + e.getMessage()
                    + "; the store works as it is, only larger", e);
        }
        location.prepareFile(); // the rewritten file is owner-only again: captured tokens are secrets
    }
}
