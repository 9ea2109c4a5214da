package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.JdbcCaptureStore;
import dev.kosmirecorder.recorder.testsite.TestSite;
import dev.kosmirecorder.recorder.testsite.TestSite.AuditFrame;
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

/** {@code record} as its own process: killed with SIGKILL mid-burst, and ended with a signal (what Ctrl-C does). */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RecordProcessIT {
    @TempDir
    Path dir;
    private TestSite site;
    private Path tmp;
    private String db;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        site = TestSite.start();
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
        site.close();
        try (java.util.stream.Stream<Path> walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Process record(String page) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", classpath, Main.class.getName(),
                "record", page, "--db", db, "--host", site.hostAndPort(), "--headless");
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

    private static void assertPrefix(List<Frame> captured, List<AuditFrame> audit, Direction d) {
        List<Frame> mine = captured.stream().filter(f -> f.direction() == d).toList();
        List<AuditFrame> theirs = audit.stream().filter(f -> f.direction() == d).toList();
        assertThat(mine.size()).as(d + " frames").isLessThanOrEqualTo(theirs.size());
        for (int i = 0; i < mine.size(); i++) {
            assertThat(mine.get(i).payload().bytes()).as(d + " frame " + i).isEqualTo(theirs.get(i).payload());
        }
    }

    @Test
    void afterKill9MidBurstTheStoreOpensTheSessionIsInterruptedAndHoldsAPrefixOfTheTraffic() throws Exception {
        Process recorder = record(site.url("/kosmi.html?mode=burst&n=100000"));
        TestSite.AuditConnection audit = site.awaitConnection();
        // Mid-burst: the server has started answering the client's 100,000 frames with its own 100,000.
        await().atMost(Duration.ofSeconds(120)).until(() -> audit.frames(Direction.RECEIVED).size() > 5_000);
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
        audit.terminated.orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            Capture capture = store.load(id);
            assertThat(capture.session().status()).isEqualTo(SessionStatus.INTERRUPTED);
            assertThat(capture.frames()).hasSizeGreaterThan(1_000);
            assertPrefix(capture.frames(), audit.frames, Direction.SENT);
            assertPrefix(capture.frames(), audit.frames, Direction.RECEIVED);
            System.out.printf("kill -9: %d frames committed before the kill (of %d the server saw by the end)%n",
                    capture.frames().size(), audit.frames.size());
        }
    }

    @Test
    void aSignalEndsTheRecordingCleanlyLikeCtrlC() throws Exception {
        Process recorder = record(site.page("roundtrip"));
        TestSite.AuditConnection audit = site.awaitConnection();
        audit.terminated.get(120, TimeUnit.SECONDS);
        rememberDescendants(recorder);
        recorder.destroy(); // SIGTERM runs the same shutdown path as Ctrl-C's SIGINT
        assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String[] lines = out().strip().split("\n");
        String id = lines[lines.length - 1];
        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            Capture capture = store.load(id);
            assertThat(capture.session().status()).as(capture.session() + " " + capture.frames().size() + " frames " + out()).isEqualTo(SessionStatus.COMPLETE);
            for (Direction d : Direction.values()) {
                assertThat(capture.frames()).filteredOn(f -> f.direction() == d).extracting(Frame::text)
                        .containsExactlyElementsOf(audit.frames(d).stream().map(AuditFrame::text).toList());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(RecordTempFolders.list(tmp)).isEmpty();
    }

}
