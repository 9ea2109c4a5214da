package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.testing.FixtureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff A B} through the real command line: files and stored sessions in any mix, text, JSON, exit codes. */
class DiffCommandTest {
    @TempDir
    Path dir;

    private Path ours;
    private Path bumped;

    private String db() {
        return dir.resolve("store").toString();
    }

    @BeforeEach
    void captures() throws Exception {
        ours = FixtureFiles.dir().resolve("kosmi-room.json");
        String text = Files.readString(ours);
        assertThat(text).contains("\"v\": \"4364\"", "\"server\": \"Cowboy\",");
        bumped = dir.resolve("new.json");
        Files.writeString(bumped, text.replace("\"v\": \"4364\"", "\"v\": \"4365\"")
                .replace("\"server\": \"Cowboy\",", "\"server\": \"Cowboy\",\n        \"x-kosmi-release\": \"2026.12\","));
    }

    @Test
    void sameCaptureAsFileAndAsSessionHasNoChangesAndExitsZero() {
        String id = CliRunner.run("import", ours.toString(), "--db", db()).out().strip();

        CliRunner run = CliRunner.run("diff", ours.toString(), id, "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("A: kosmi-room.json (", "B: session " + id + " (", "No changes: ");
    }

    @Test
    void driftedCaptureExitsThreeAndJsonNamesEachChange() throws Exception {
        CliRunner run = CliRunner.run("diff", ours.toString(), bumped.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(DiffCommand.DIFFERENT).isEqualTo(3);
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("identical").asBoolean()).isFalse();
        assertThat(json.get("changes").findValuesAsText("path"))
                .containsExactly("handshake.response.x-kosmi-release", "connection.init.v");
        assertThat(json.get("changes").findValuesAsText("kind")).containsExactly("added", "value-changed");
    }

    @Test
    void textReportReadsLikeAChangelog() {
        CliRunner run = CliRunner.run("diff", ours.toString(), bumped.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("2 changes from A to B:",
                "  + added handshake.response.x-kosmi-release (2026.12)",
                "  ~ connection.init.v: \"4364\" -> \"4365\"");
    }

    @Test
    void ignoredPathsDoNotCount() {
        CliRunner run = CliRunner.run("diff", ours.toString(), bumped.toString(),
                "--ignore", "connection.init.v", "--ignore", "handshake.response.x-*");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("No changes: ", "2 more left out by --ignore.");
    }

    @Test
    void unknownSideIsAFailureNamingIt() {
        CliRunner run = CliRunner.run("diff", ours.toString(), "nosuchthing", "--db", db());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("kosmi-recorder: 'nosuchthing' is neither a capture file nor a session in ")
                .contains("'kosmi-recorder list'");
    }

    @Test
    void missingSecondCaptureIsBadUsage() {
        CliRunner run = CliRunner.run("diff", ours.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing required parameter: 'B'", "Run 'kosmi-recorder diff --help'");
    }
}
