package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on H2 in memory, and what only an H2 file does. */
class H2CaptureStoreTest extends CaptureStoreContract {

    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.open(StoreLocation.inMemory("store-test-" + System.nanoTime()));
    }

    @Test
    void aFileStoreIsCreatedReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("nested/captures/store");
        try (JdbcCaptureStore fileStore = JdbcCaptureStore.open(db.toString())) {
            fileStore.save(SyntheticKosmiRoom.kosmiRoom());
        }
        Path file = dir.resolve("nested/captures/store.mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (JdbcCaptureStore reopened = JdbcCaptureStore.open(db + ".mv.db")) {
            assertThat(reopened.sessions()).hasSize(1);
        }
    }

    @Test
    void aStoreOpenInAnotherProcessGivesOneSentence(@TempDir Path dir) {
        Path db = dir.resolve("locked");
        try (JdbcCaptureStore first = JdbcCaptureStore.open(db.toString())) {
            assertThat(first.sessions()).isEmpty();
            // Same JVM, so H2 shares the database; a second process gets the lock error, checked in the CLI's tests.
        }
        assertThat(StoreLocation.parse(db.toString()).jdbcUrl()).startsWith("jdbc:h2:file:" + db.toAbsolutePath());
        assertThat(StoreLocation.parse("jdbc:h2:tcp://host/x;PASSWORD=secret").display()).doesNotContain("secret");
    }
}
