package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.LargeHar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** import and export in a JVM of their own: a 200,000-message HAR within a 256 MiB heap, and KOSMI_DB. */
class LargeHarIT {
    private static final int MESSAGES = 200_000;
    private static final List<String> SMALL_HEAP = List.of("-Xmx256m");

    @TempDir
    Path dir;

    @Test
    @Timeout(1200)
    void aHarOf200000MessagesImportsAndExportsWithin256MiB() throws Exception {
        Path har = dir.resolve("big.har");
        LargeHar.write(har, MESSAGES);
        String db = dir.resolve("store").toString();

        ForkedCli imported = ForkedCli.run(dir, SMALL_HEAP, Map.of(), "import", har.toString(), "--db", db);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();
        assertThat(id).matches("[a-z0-9]{10}");
        assertThat(imported.err()).contains("imported " + har + ": 200,000 frames, 1 socket, 0 HTTP exchanges in ")
                .contains(" as session " + id).doesNotContain("Exception", "OutOfMemory");
        // Compressed pages, compacted after the import: the store is smaller than the file, and still owner-only.
        Path storeFile = Path.of(db + ".mv.db");
        assertThat(Files.size(storeFile)).isLessThan(Files.size(har));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(storeFile))).isEqualTo("rw-------");

        Path out = dir.resolve("out.har");
        ForkedCli exported = ForkedCli.run(dir, SMALL_HEAP, Map.of(), "export", id.substring(0, 6), "--format", "har",
                "--out", out.toString(), "--db", db);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("exported " + id + ": 200,000 frames, 1 socket, 0 HTTP exchanges in ")
                .doesNotContain("Exception", "OutOfMemory");
        assertThat(Files.size(out)).isGreaterThan(Files.size(har) / 2);

        ForkedCli fixture = ForkedCli.run(dir, SMALL_HEAP, Map.of(), "export", "latest", "--format", "fixture", "--db", db);
        assertThat(fixture.exitCode()).as(fixture.err()).isZero();
        assertThat(fixture.out()).startsWith("{\n  \"formatVersion\": 1,");
        assertThat(fixture.err()).contains("exported " + id + ": 200,000 frames");
    }

    @Test
    @Timeout(300)
    void kosmiDbNamesTheStoreAndTheFlagWins() throws Exception {
        String envStore = dir.resolve("from-env").toString();
        String flagStore = dir.resolve("from-flag").toString();
        String fixture = FixtureFiles.dir().resolve("kosmi-room.json").toString();
        ForkedCli imported = ForkedCli.run(dir, List.of(), Map.of(Main.DB_ENV, envStore), "import", fixture);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();
        assertThat(Files.exists(Path.of(envStore + ".mv.db"))).isTrue();

        assertThat(ForkedCli.run(dir, List.of(), Map.of(Main.DB_ENV, envStore), "list", "-q").out().strip()).isEqualTo(id);
        ForkedCli flagged = ForkedCli.run(dir, List.of(), Map.of(Main.DB_ENV, envStore), "--db", flagStore, "list", "-q");
        assertThat(flagged.exitCode()).as(flagged.err()).isZero();
        assertThat(flagged.out()).isEmpty();
    }
}
