package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The million-frame contract in an H2 file, which is also owner-only. */
class H2MillionFrameStoreTest extends MillionFrameStoreContract {

    @Override
    protected JdbcCaptureStore openStore(Path dir) {
        return JdbcCaptureStore.open(dir.resolve("million").toString());
    }

    @Override
    protected String primaryKeyIndex() {
        return "PRIMARY_KEY";
    }

    @Override
    protected String fullScan() {
        return "tableScan";
    }

    @Test
    void theFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("million.mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
