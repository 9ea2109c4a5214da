package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.SessionSummary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.model.Capture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture files written by every earlier schema version still open, migrate, and read back what was stored.
 * Each golden file was written once by the schema version it is named after and is never regenerated: when a
 * migration V{n} is added, add {@code golden/schema-v{n}.mv.db} made by that version, and a line here. One edit
 * since: the built-in room's description, which named notes outside the repository, was changed in both files and in
 * golden/written/ by one SQL {@code UPDATE} of that attribute (same H2 version, schema and history untouched).
 */
class GoldenDatabaseTest {
    /** The golden files; each holds the two fixtures as they were when it was written (golden/written/). */
    private static final List<String> GOLDEN = List.of("schema-v1", "schema-v3");
    private static final List<String> WRITTEN = List.of("kosmi-room.json", "handshake-403.json");

    @Test
    void everyGoldenDatabaseOpensAfterAllMigrations(@TempDir Path dir) throws Exception {
        for (String name : GOLDEN) {
            Path copy = dir.resolve(name + ".mv.db");
            try (InputStream in = getClass().getResourceAsStream("/golden/" + name + ".mv.db")) {
                assertThat(in).as("golden file %s", name).isNotNull();
                Files.copy(in, copy);
            }
            try (JdbcCaptureStore store = JdbcCaptureStore.open(copy.toString())) {
                assertThat(store.sessions()).hasSize(2);
                for (String fixture : WRITTEN) {
                    // The fixtures as they were written into the golden files, not as the generator makes them today:
                    // a later change to the built-in room must not be read as a store that lost data.
                    Capture expected;
                    try (InputStream in = getClass().getResourceAsStream("/golden/written/" + fixture)) {
                        assertThat(in).as("written fixture %s", fixture).isNotNull();
                        expected = FixtureCodec.read(in, "golden/written/" + fixture);
                    }
                    SessionSummary stored = store.sessions().stream()
                            .filter(s -> s.session().name().equals(expected.session().name())).findFirst().orElseThrow();
                    Capture loaded = store.load(stored.session().id());
                    assertThat(FixtureCodec.write(loaded)).isEqualTo(FixtureCodec.write(expected));
                }
            }
        }
    }
}
