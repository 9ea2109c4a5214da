package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.recorder.testsite.MockRoom;
import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9 acceptance: {@code record} in one process, {@code ui} in another, on one store, and the UI shows the
 * session {@code recording} with a frame count that grows while the recorder works, then {@code complete}. On
 * PostgreSQL, and on the default H2 file with no set-up at all (the first process serves it to the second).
 * Real headless Chromium records the project's mock playing a 100,000-frame history burst.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveAcrossProcessesIT {
    private static final Pattern UI_URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C to stop\\)");

    @TempDir
    Path dir;
    private final List<CommandProcess> processes = new ArrayList<>();

    /** Stopped like Ctrl-C, so a recorder still running closes the Chromium it launched. */
    @AfterEach
    void stopAll() throws Exception {
        for (CommandProcess p : processes) {
            p.close();
        }
    }

    @Test
    void aRecordingIntoPostgresqlGrowsLiveInAUiOfAnotherProcess() throws Exception {
        watchARecording(PostgresCluster.shared().newDatabase().url());
    }

    @Test
    void aRecordingIntoTheDefaultH2FileGrowsLiveInAUiOfAnotherProcess() throws Exception {
        String db = dir.resolve("captures/kosmi-recorder").toString();
        // ui only reads, so it never creates a store: an import makes the file first, as a user's earlier work would.
        Path fixture = Path.of(System.getProperty("kosmi.project.dir", "..")).resolve("fixtures/handshake-403.json");
        CommandProcess made = CommandProcess.run(dir, Map.of(), "import", fixture.toString(), "--db", db);
        assertThat(made.exitCode()).as(made.err()).isZero();
        watchARecording(db);
    }

    private void watchARecording(String db) throws Exception {
        try (MockRoom room = MockRoom.start(SyntheticKosmiRoom.historyBurst(40, 2_500))) {
            CommandProcess ui = start("ui", "--port", "0", "--db", db);
            ui.awaitOut("Ctrl-C to stop");
            Matcher m = UI_URL.matcher(ui.out());
            assertThat(m.find()).as(ui.out()).isTrue();
            URI sessions = URI.create(m.group(1) + "api/sessions");

            CommandProcess record = start("record", room.page(), "--db", db, "--host", room.hostAndPort(), "--headless");
            JsonNode first = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> recording(sessions), s -> s.isPresent() && s.get().path("frames").asLong() > 0).orElseThrow();
            long seen = first.path("frames").asLong();
            String id = first.path("id").asText();
            // Still recording, and more frames: the other process's commits show up as they happen.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> recording(sessions), s -> s.isPresent() && s.get().path("id").asText().equals(id)
                            && s.get().path("frames").asLong() > seen);

            room.awaitConnectionEnd(Duration.ofSeconds(180));
            record.stop();
            // SIGTERM ends a recording as Ctrl-C does: committed, ended, and its id printed last.
            assertThat(record.out().strip()).as(record.err()).endsWith(id);
            long audited = room.auditedFrames().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> session(sessions, id),
                    s -> s.path("status").asText().equals("complete") && s.path("frames").asLong() == audited);
        }
    }

    private CommandProcess start(String... args) throws Exception {
        CommandProcess p = CommandProcess.start(dir, Map.of(), args);
        processes.add(p);
        return p;
    }

    private static Optional<JsonNode> recording(URI sessions) throws Exception {
        for (JsonNode s : fetch(sessions)) {
            if (s.path("status").asText().equals("recording")) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static JsonNode session(URI sessions, String id) throws Exception {
        for (JsonNode s : fetch(sessions)) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        return Json.MAPPER.createObjectNode();
    }

    private static JsonNode fetch(URI sessions) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sessions).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        return body.isArray() ? body : body.path("sessions");
    }
}
