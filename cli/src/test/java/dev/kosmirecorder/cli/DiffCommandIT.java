package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.testsite.LaunchedRecording;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same page recorded twice in real headless Chromium, against two releases of a server that differ in one
 * result field and one handshake header: {@code diff --json} names exactly those two, and nothing of the ids,
 * times, tokens, ports and keys that also differ between the two recordings.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DiffCommandIT {
    @TempDir
    Path dir;

    @Test
    void namesExactlyTheFieldAndTheHeaderThatTheSecondReleaseChanged() throws Exception {
        String db = dir.resolve("store").toString();
        String first;
        String second;
        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            first = record(store, 1);
            second = record(store, 2);
        }

        CliRunner same = CliRunner.run("diff", first, first, "--db", db, "--json");
        assertThat(same.exitCode()).as(same.err()).isZero();

        CliRunner run = CliRunner.run("diff", first, second, "--db", db, "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(3);
        JsonNode report = Json.MAPPER.readTree(run.out());
        assertThat(report.get("changes").findValuesAsText("path")).as(run.out()).containsExactly(
                "operations.JoinRoom.result.data.joinRoom.role",
                "handshake.response.x-kosmi-release");
        assertThat(report.get("changes").findValuesAsText("kind")).containsExactly("added", "added");
        assertThat(report.get("operations").findValuesAsText("name")).containsExactly("JoinRoom", "RoomChatQuery");
    }

    private static String record(CaptureStore store, int release) {
        try (DriftingKosmi server = DriftingKosmi.start(release)) {
            LaunchedRecording.Result recorded = LaunchedRecording.record(BrowserDriver.CDP, store, "release " + release,
                    server.url("/drift.html"), server.hostAndPort(), recorder -> {
                        server.terminated.orTimeout(120, TimeUnit.SECONDS).join();
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                                .until(() -> recorder.stats().frames() >= server.frames.get() && recorder.stats().exchanges() >= 2);
                    });
            assertThat(LaunchedRecording.leftovers(recorded.chromium())).isEmpty();
            return recorded.session().id();
        }
    }
}
