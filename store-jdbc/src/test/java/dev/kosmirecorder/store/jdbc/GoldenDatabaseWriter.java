package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a golden database with the current schema: the two synthetic fixtures that {@link GoldenDatabaseTest}
 * reads back. Run once when a migration is added, with the newest migration in place, and never again for that
 * version: {@code java -cp <store-jdbc test classpath> dev.kosmirecorder.store.jdbc.GoldenDatabaseWriter
 * store-jdbc/src/test/resources/golden/schema-vN.mv.db}.
 */
public final class GoldenDatabaseWriter {
    private GoldenDatabaseWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists; golden databases are written once and never regenerated");
        }
        try (JdbcCaptureStore store = JdbcCaptureStore.open(target.toString())) {
            store.save(SyntheticKosmiRoom.kosmiRoom());
            store.save(SyntheticKosmiRoom.handshake403());
        }
        System.out.println("wrote " + target);
    }
}
