package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page talks to the mock in Chromium while Playwright's own recorder ({@code recordHar}, npm playwright-core in
 * test-tools/playwright) writes a {@code .zip} HAR — bodies and WebSocket messages attached as files — and a plain
 * {@code .har}; both import with every message the page sent and received, and the zip's bodies too.
 */
@Timeout(180)
class PlaywrightHarZipTest {
    static final Path TOOLS = Path.of(System.getProperty("kosmi.fixtures.dir", "../fixtures")).toAbsolutePath().getParent()
            .resolve("test-tools/playwright");

    @TempDir
    Path dir;

    @Test
    void aPlaywrightZipHarImportsWithEveryMessageLikeItsHar() throws Exception {
        assertThat(TOOLS.resolve("node_modules/playwright-core")).as("run: npm ci --prefix test-tools/playwright").isDirectory();
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0).start()) {
            Path zip = dir.resolve("room.zip");
            JsonNode zipLog = record(mock, zip);
            try (ZipFile z = new ZipFile(zip.toFile())) {
                assertThat(z.getEntry("har.har")).as("Playwright's zip layout").isNotNull();
                assertThat(z.stream().map(e -> e.getName()).filter(n -> n.endsWith(".jsonl"))).as("messages attached as JSONL").hasSize(1);
            }
            Capture fromZip = CaptureFiles.read(zip);
            assertEveryMessage(fromZip, zipLog);

            HttpExchange login = fromZip.exchanges().stream().filter(e -> e.method().equals("POST")).findFirst().orElseThrow();
            assertThat(login.requestBody().text()).contains("\"operationName\":\"AnonLogin\"");
            assertThat(login.responseBody().text()).contains("\"anonLogin\"").contains("\"token\":\"eyJ");
            assertThat(fromZip.exchanges()).anySatisfy(e -> assertThat(e.responseBody().text()).contains("\"status\":\"ok\""));

            Path har = dir.resolve("room.har");
            JsonNode harLog = record(mock, har);
            Capture fromHar = CaptureFiles.read(har);
            assertEveryMessage(fromHar, harLog);
            assertThat(texts(fromZip, Direction.SENT)).isEqualTo(texts(fromHar, Direction.SENT));
            assertThat(fromZip.exchanges()).hasSameSizeAs(fromHar.exchanges());
        }
    }

    private static void assertEveryMessage(Capture imported, JsonNode pageLog) {
        assertThat(imported.connections()).hasSize(1);
        assertThat(texts(imported, Direction.SENT)).isEqualTo(strings(pageLog.get("sent")));
        assertThat(texts(imported, Direction.RECEIVED)).isEqualTo(strings(pageLog.get("received")));
        assertThat(strings(pageLog.get("received"))).anySatisfy(t -> assertThat(t).contains("\"type\":\"data\",\"id\":\"1\""));
    }

    private static List<String> texts(Capture capture, Direction direction) {
        return capture.frames().stream().filter(f -> f.direction() == direction).map(Frame::text).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Runs Playwright's recorder against the mock and returns what the page says it sent and received. */
    private JsonNode record(KosmiMock mock, Path har) throws Exception {
        Path output = dir.resolve(har.getFileName() + ".log");
        Process node = new ProcessBuilder("node", TOOLS.resolve("record-har.mjs").toString(), mock.url().toString(),
                mock.wsUrl().toString(), har.toString()).directory(TOOLS.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean ended = node.waitFor(150, TimeUnit.SECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("Playwright did not finish; it printed:%n%s", printed).isTrue();
            assertThat(node.exitValue()).as("Playwright failed; it printed:%n%s", printed).isZero();
            assertThat(har).as("the HAR Playwright wrote").isRegularFile();
            String[] lines = printed.strip().split("\n");
            return Json.MAPPER.readTree(lines[lines.length - 1]);
        } finally {
            node.destroyForcibly();
        }
    }
}
