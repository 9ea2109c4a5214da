package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.testing.FixtureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** list, show, import and export through the real command line, against a store in a temp folder. */
class StoreCommandsTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store").toString();
    }

    static java.util.List<Path> fixtures() {
        return FixtureFiles.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importThenExportWithSecretsGivesTheSameBytes(Path fixture) throws Exception {
        CliRunner imported = CliRunner.run("import", fixture.toString(), "--db", db());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();
        assertThat(id).matches("[a-z0-9]{10}");

        Path out = dir.resolve("exported.json");
        CliRunner exported = CliRunner.run("export", id, "--format", "fixture", "--include-secrets", "--out", out.toString(), "--db", db());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fixture));

        CliRunner toStdout = CliRunner.run("export", id, "--format", "fixture", "--include-secrets", "--db", db());
        assertThat(toStdout.out()).isEqualTo(Files.readString(fixture));
    }

    @Test
    void exportRedactsTokenSignaturesByDefault() throws Exception {
        Path fixture = FixtureFiles.dir().resolve("kosmi-room.json");
        String id = CliRunner.run("import", fixture.toString(), "--db", db()).out().strip();
        String redacted = CliRunner.run("export", id, "--format", "fixture", "--db", db()).out();
        String original = Files.readString(fixture);
        java.util.regex.Matcher jwt = dev.kosmirecorder.core.jwt.Jwt.COMPACT.matcher(original);
        assertThat(jwt.find()).isTrue();
        String signature = jwt.group().substring(jwt.group().lastIndexOf('.') + 1);
        assertThat(original).contains(signature);
        assertThat(redacted).doesNotContain(signature).contains(".REDACTED");
    }

    @Test
    void listAndShowDescribeImportedSessions() throws Exception {
        String id = CliRunner.run("import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", db()).out().strip();
        CliRunner list = CliRunner.run("list", "--json", "--db", db());
        assertThat(list.exitCode()).isZero();
        JsonNode sessions = Json.MAPPER.readTree(list.out());
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("id").asText()).isEqualTo(id);
        assertThat(sessions.get(0).get("frames").asInt()).isEqualTo(38);
        assertThat(sessions.get(0).get("status").asText()).isEqualTo("complete");

        CliRunner table = CliRunner.run("list", "--db", db());
        assertThat(table.out()).contains("ID", "FRAMES", id, "recording", "complete");

        CliRunner show = CliRunner.run("show", id, "--db", db());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("Session   " + id, "wss://engine.kosmi.io/gql-ws", "graphql-ws", "https://engine.kosmi.io/");
        JsonNode json = Json.MAPPER.readTree(CliRunner.run("show", id, "--json", "--db", db()).out());
        assertThat(json.get("webSocketConnections").get(0).get("status").asInt()).isEqualTo(101);
    }

    @Test
    void failuresAreOneSentenceWithExitCodeOne() throws Exception {
        CliRunner.run("import", FixtureFiles.dir().resolve("handshake-403.json").toString(), "--db", db());
        CliRunner unknown = CliRunner.run("show", "nosuchid", "--db", db());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("kosmi-recorder: no session id in ").endsWith(" starts with 'nosuchid'; run 'kosmi-recorder list' for the ids");

        CliRunner missing = CliRunner.run("import", dir.resolve("nope.json").toString(), "--db", db());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file: ").doesNotContain("Exception");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"formatVersion\": 1, \"session\": {}}");
        CliRunner bad = CliRunner.run("import", broken.toString(), "--db", db());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("kosmi-recorder: " + broken + " at /");

        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"formatVersion\": 9}");
        assertThat(CliRunner.run("import", newer.toString(), "--db", db()).err()).contains("please update kosmi-recorder");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(CliRunner.run("list", "--bogus").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("export", "x").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("export", "x", "--format", "pdf").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run().exitCode()).isEqualTo(2);
        CliRunner help = CliRunner.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("list", "show", "import", "export", "Exit codes");
    }
}
