package dev.kosmirecorder.cli;

import static dev.kosmirecorder.recorder.testsite.SameTraffic.assertPrefix;
import static dev.kosmirecorder.recorder.testsite.SameTraffic.assertSameFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.recorder.testsite.MockRoom;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record} as its own process, recording the shared test page against the project's mock: killed with
 * SIGKILL mid-burst, and ended with a signal (what Ctrl-C does). Each checks the capture against the mock's audit.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RecordProcessIT {
    @TempDir
    Path dir;
    private Path tmp;
    private String db;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        // A short temp folder of the test's own, so the child's Chromium folders can be checked there.
        tmp = Files.createTempDirectory(Path.of("/tmp"), "krt");
        db = dir.resolve("store").toString();
    }

    @AfterEach
    void stop() throws IOException {
        Path err = dir.resolve("err.txt");
        if (Files.exists(err)) {
            System.out.println("record's stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        // Whatever the recorder left when it was killed is ended here, by pid.
        started.forEach(ProcessHandle::destroyForcibly);
        started.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join());
        try (java.util.stream.Stream<Path> walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Process record(MockRoom room) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", classpath, Main.class.getName(),
                "record", room.page(), "--db", db, "--host", room.hostAndPort(), "--headless");
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        started.add(p.toHandle());
        return p;
    }

    private void rememberDescendants(Process p) {
        started.addAll(p.descendants().toList());
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    }

    /** Acceptance 6: the burst comes from the mock (100,000 messages at speed 0, paced by the page 2,500 at a time). */
    @Test
    void afterKill9MidBurstTheStoreOpensTheSessionIsInterruptedAndHoldsAPrefixOfTheMocksAudit() throws Exception {
        try (MockRoom room = MockRoom.start(SyntheticKosmiRoom.historyBurst(40, 2_500))) {
            Process recorder = record(room);
            // Mid-burst: the mock has sent thousands of the 100,000 messages.
            await().atMost(Duration.ofSeconds(120)).until(() -> room.framesAuditedSoFar() > 30_000);
            rememberDescendants(recorder);
            recorder.destroyForcibly();
            assertThat(recorder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.exitValue()).isEqualTo(137);
            started.forEach(ProcessHandle::destroyForcibly); // the orphaned Chromium, by pid
            // What a killed recorder cannot clean up is its Chromium's folder: here in the test's own temp folder.
            assertThat(RecordTempFolders.list(tmp)).hasSize(1);

            // The next command that opens the store marks the recording interrupted once its heartbeat is stale.
            String id;
            try (CaptureStore store = JdbcCaptureStore.open(db)) {
                id = store.sessions().get(0).session().id();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                CliRunner show = CliRunner.run("show", id, "--json", "--db", db);
                return show.exitCode() == 0 && Json.MAPPER.readTree(show.out()).path("status").asText().equals("interrupted");
            });
            // The browser is gone, so the mock's side of the socket has ended too: its audit is complete.
            room.awaitConnectionEnd(Duration.ofSeconds(60));
            List<Frame> audited = room.auditedFrames();
            try (CaptureStore store = JdbcCaptureStore.open(db)) {
                Capture capture = store.load(id);
                assertThat(capture.session().status()).isEqualTo(SessionStatus.INTERRUPTED);
                assertThat(capture.frames()).hasSizeGreaterThan(1_000);
                assertPrefix(capture.frames(), audited);
                System.out.printf("kill -9: %d frames committed before the kill (of %d the mock audited by the end)%n",
                        capture.frames().size(), audited.size());
            }
        }
    }

    @Test
    void aSignalEndsTheRecordingCleanlyLikeCtrlC() throws Exception {
        try (MockRoom room = MockRoom.start(BuiltInFixtures.kosmiRoom())) {
            Process recorder = record(room);
            room.awaitConnectionEnd(Duration.ofSeconds(120));
            rememberDescendants(recorder);
            recorder.destroy(); // SIGTERM runs the same shutdown path as Ctrl-C's SIGINT
            assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.exitValue()).as("a recording ended by SIGTERM and saved exits 0: " + out()).isZero();

            String[] lines = out().strip().split("\n");
            String id = lines[lines.length - 1];
            try (CaptureStore store = JdbcCaptureStore.open(db)) {
                Capture capture = store.load(id);
                assertThat(capture.session().status()).as(capture.session() + " " + capture.frames().size() + " frames " + out())
                        .isEqualTo(SessionStatus.COMPLETE);
                assertSameFrames(capture.frames(), room.auditedFrames());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(RecordTempFolders.list(tmp)).isEmpty();
    }
}
