package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.testing.FixtureFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad files and damaged or protected stores through the real command line: refused in one sentence, never written
 * to when they must not be, and never able to break what is already stored.
 */
@Timeout(120)
class HardenedStoreCommandsTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store").toString();
    }

    private Path dbFile() {
        return dir.resolve("store.mv.db");
    }

    private String importRoom() {
        CliRunner r = CliRunner.run("import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", db());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void aFixtureStartingInYearMinus999999999IsRefusedInOneSentenceAndLeavesNothing() throws Exception {
        importRoom();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(FixtureFiles.dir().resolve("kosmi-room.json"))
                .replace("\"startedAt\": \"2026-11-01T18:00:00Z\"", "\"startedAt\": \"-999999999-01-01T00:00:00Z\""));
        CliRunner r = CliRunner.run("import", bad.toString(), "--db", db());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("/session/startedAt").contains("outside the years 1970 to 9999");
        assertThat(CliRunner.run("list", "--json", "--db", db()).out()).containsOnlyOnce("\"id\"");
    }

    @Test
    void aHarDatedInYear999999999IsRefusedInOneSentence() throws Exception {
        String id = importRoom();
        Path har = dir.resolve("room.har");
        assertThat(CliRunner.run("export", id, "--format", "har", "--include-secrets", "--out", har.toString(), "--db", db()).exitCode()).isZero();
        Path bad = dir.resolve("bad.har");
        Files.writeString(bad, Files.readString(har).replaceAll("\"startedDateTime\" ?: ?\"[^\"]+\"", "\"startedDateTime\": \"+999999999-01-01T00:00:00Z\""));
        CliRunner r = CliRunner.run("import", bad.toString(), "--db", db());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("ArithmeticException").contains("outside the years 1970 to 9999");
    }

    @Test
    void terminalControlCharactersInAnImportErrorArePrintedAsEscapes() throws Exception {
        Path bad = dir.resolve("hostile.json");
        Files.writeString(bad, Files.readString(FixtureFiles.dir().resolve("kosmi-room.json"))
                .replace("\"startedAt\": \"2026-11-01T18:00:00Z\"", "\"startedAt\": \"\\u001b]0;pwned\\u0007\\r\\u0000\\u009b2J\\u202eab\""));
        CliRunner r = CliRunner.run("import", bad.toString(), "--db", db());
        assertThat(r.exitCode()).isEqualTo(1);
        String printed = r.err().strip();
        assertThat(printed).contains("\\u001b]0;pwned\\u0007").contains("\\u009b2J").contains("\\u202eab");
        assertThat(printed.chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e)).isEmpty();
    }

    @Test
    void aReadOnlyStoreIsReadButNeverWritten() throws Exception {
        String id = importRoom();
        Files.setPosixFilePermissions(dbFile(), PosixFilePermissions.fromString("r--------"));
        String before = sha256(dbFile());

        CliRunner list = CliRunner.run("list", "--db", db());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(id);
        assertThat(CliRunner.run("show", id, "--db", db()).exitCode()).isZero();
        assertThat(CliRunner.run("export", id, "--format", "har", "--db", db()).exitCode()).isZero();

        CliRunner write = CliRunner.run("import", FixtureFiles.dir().resolve("handshake-403.json").toString(), "--db", db());
        assertThat(write.exitCode()).isEqualTo(1);
        assertThat(write.err().strip()).doesNotContain("\n").contains("is read-only").contains("chmod u+w");
        CliRunner delete = CliRunner.run("delete", id, "--yes", "--db", db());
        assertThat(delete.exitCode()).isEqualTo(1);
        assertThat(delete.err()).contains("is read-only");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dbFile()))).isEqualTo("r--------");
        assertThat(sha256(dbFile())).isEqualTo(before);
    }

    @Test
    void readCommandsNeverCreateAStoreAndSayWhereTheyLooked() {
        Path notes = dir.resolve("notes.txt");
        CliRunner list = CliRunner.run("list", "--json", "--db", notes.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().strip()).isEqualTo("[ ]");
        assertThat(list.err()).contains("there is no store at " + dir.resolve("notes.txt.mv.db") + " yet");
        for (String[] command : new String[][] {{"show", "abc"}, {"export", "abc", "--format", "har"}, {"delete", "abc", "--yes"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--db", notes.toString()))
                    .toArray(String[]::new);
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("there is no store at " + dir.resolve("notes.txt.mv.db"));
        }
        assertThat(dir.resolve("notes.txt.mv.db")).doesNotExist();
    }

    @Test
    void aTruncatedStoreIsReportedAndNeverWrittenOver() throws Exception {
        importRoom();
        // Cut to its first blocks, the file still starts like an H2 store but holds none of ours.
        try (RandomAccessFile f = new RandomAccessFile(dbFile().toFile(), "rw")) {
            f.setLength(8192);
        }
        String before = sha256(dbFile());
        CliRunner list = CliRunner.run("list", "--db", db());
        assertThat(list.exitCode()).as("a truncated store must not read as empty: " + list.out()).isEqualTo(1);
        assertThat(list.err()).contains(dbFile().toString()).contains("damaged");
        CliRunner overwriteDamaged = CliRunner.run("import", FixtureFiles.dir().resolve("handshake-403.json").toString(), "--db", db());
        assertThat(overwriteDamaged.exitCode()).isEqualTo(1);
        assertThat(sha256(dbFile())).isEqualTo(before);

        try (RandomAccessFile f = new RandomAccessFile(dbFile().toFile(), "rw")) {
            f.setLength(0);
        }
        CliRunner empty = CliRunner.run("list", "--db", db());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("is an empty file");
        CliRunner overwrite = CliRunner.run("import", FixtureFiles.dir().resolve("handshake-403.json").toString(), "--db", db());
        assertThat(overwrite.exitCode()).isEqualTo(1);
        assertThat(Files.size(dbFile())).isZero();
    }

    @Test
    void deleteAsksForYesAndRefusesARecordingSession() {
        String id = importRoom();
        CliRunner unasked = CliRunner.run("delete", id, "--db", db());
        assertThat(unasked.exitCode()).isEqualTo(1);
        assertThat(unasked.err()).contains("add --yes");
        assertThat(CliRunner.run("list", "--db", db()).out()).contains(id);

        String recording;
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db())) {
            recording = store.createSession(Session.start(SessionKind.RECORDING, "live", "https://app.kosmi.io/", Instant.now())).id();
        }
        CliRunner refused = CliRunner.run("delete", recording, "--yes", "--db", db());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("still being recorded");

        CliRunner deleted = CliRunner.run("delete", id, "--yes", "--db", db());
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        CliRunner after = CliRunner.run("list", "--db", db());
        assertThat(after.out()).as(after.err()).doesNotContain(id).contains(recording);
        assertThat(CliRunner.run("delete", "nosuchid00", "--yes", "--db", db()).exitCode()).isEqualTo(1);
    }

    @Test
    void aTimeStoredBeforeTheCheckStillRenders() {
        Capture room = BuiltInFixtures.kosmiRoom();
        Session s = room.session();
        Capture ancient = new Capture(new Session(null, s.kind(), "ancient", s.target(), s.status(), Instant.parse("-999999999-01-01T00:00:00Z"), null, 0, s.attributes()),
                room.exchanges(), room.connections(), room.frames());
        String id;
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db())) {
            id = store.save(ancient);
        }
        for (String[] command : new String[][] {{"list"}, {"list", "--json"}, {"show", id}, {"show", id, "--json"},
                {"export", id, "--format", "fixture"}, {"export", id, "--format", "har"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--db", db()))
                    .toArray(String[]::new);
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.err()).isZero();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
