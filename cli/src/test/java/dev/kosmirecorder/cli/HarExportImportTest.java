package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.SecretCapture;
import dev.kosmirecorder.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} and {@code export --format har|fixture} through the command line, with and without secrets. */
@Timeout(120)
class HarExportImportTest {
    @TempDir
    Path dir;

    private static CliRunner run(String... args) {
        return CliRunner.run(args);
    }

    private String db() {
        return dir.resolve("store").toString();
    }

    private String importFile(Path file) {
        CliRunner r = run("import", "--db", db(), file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().strip();
    }

    private Path export(String id, String format, boolean secrets) {
        Path out = dir.resolve(id + (secrets ? "-secrets." : ".") + format);
        List<String> args = new ArrayList<>(List.of("export", "--db", db(), id, "--format", format, "--out", out.toString()));
        if (secrets) {
            args.add("--include-secrets");
        }
        CliRunner r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return out;
    }

    /** Every file in fixtures/, plus a logged-in capture with cookies (the built-in fixtures hold none). */
    private List<Path> fixtureFiles() throws Exception {
        List<Path> files = new ArrayList<>(FixtureFiles.all());
        Path secret = dir.resolve("secret-capture.json");
        Files.writeString(secret, FixtureCodec.write(SecretCapture.capture()));
        files.add(secret);
        return files;
    }

    @Test
    void everyFixtureGoesOutAsHarAndComesBackEqual() throws Exception {
        for (Path file : fixtureFiles()) {
            String id = importFile(file);
            Path har = export(id, "har", true);
            String reimported = importFile(har);
            Path back = export(reimported, "fixture", true);

            Capture original = FixtureCodec.read(file);
            String expected = FixtureCodec.write(original.withSession(original.session().withKind(dev.kosmirecorder.core.model.SessionKind.IMPORT)));
            assertThat(back).as("%s through HAR", file.getFileName()).hasContent(expected);
        }
    }

    @Test
    void noExportWithoutIncludeSecretsHoldsATokenSignatureOrACookieValue() throws Exception {
        for (Path file : fixtureFiles()) {
            Capture capture = FixtureCodec.read(file);
            assertThat(SecretScan.secretsOf(capture)).as("%s has secrets to hide", file.getFileName()).isNotEmpty();
            String id = importFile(file);
            for (String format : List.of("fixture", "har")) {
                String redacted = Files.readString(export(id, format, false));
                assertThat(SecretScan.leakedInto(redacted, capture)).as("%s as %s", file.getFileName(), format).isEmpty();
                assertThat(redacted).contains("REDACTED");
                String kept = Files.readString(export(id, format, true));
                assertThat(SecretScan.leakedInto(kept, capture)).as("--include-secrets keeps them").isNotEmpty();
            }
        }
    }

    @Test
    void exportToStandardOutputWritesHar() {
        String id = importFile(FixtureFiles.dir().resolve("handshake-403.json"));
        CliRunner r = run("export", "--db", db(), id, "--format", "har");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\n  \"log\": {\n    \"version\": \"1.2\"")
                .contains("\"_resourceType\": \"websocket\"").contains("\"status\": 403");
    }

    @Test
    void aBrokenHarIsRefusedInOneSentence() throws Exception {
        Path bad = dir.resolve("bad.har");
        Files.writeString(bad, "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"wss://x/\"}, \"response\": {\"status\": 101},"
                + " \"startedDateTime\": \"2026-11-01T18:00:00Z\", \"_webSocketMessages\": [{\"type\": \"send\", \"opcode\": 1, \"data\": \"\"}]}]}}");
        CliRunner r = run("import", "--db", db(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("kosmi-recorder: " + bad + " at /log/entries/0/_webSocketMessages/0/time: missing required field 'time'");
    }
}
