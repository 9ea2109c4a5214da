package dev.kosmirecorder.cli;

import static dev.kosmirecorder.recorder.testsite.SameTraffic.assertSameFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.recorder.Chromium;
import dev.kosmirecorder.recorder.testsite.MockRoom;
import dev.kosmirecorder.recorder.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code record} and {@code token} through the command line, in this JVM, with real headless Chromium. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordCommandIT {
    @TempDir
    Path dir;
    private TestSite site;
    private String db;

    @BeforeEach
    void start() {
        site = TestSite.start();
        db = dir.resolve("captures/store").toString();
    }

    @AfterEach
    void stop() {
        site.close();
        assertThat(recordersChromium()).as("Chromium processes left by record").isEmpty();
    }

    /** Chromium processes this JVM started through record's launcher (their profile is in a kosmi-record- folder). */
    static List<ProcessHandle> recordersChromium() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("kosmi-record-"))
                .toList();
    }

    private Capture onlySession() {
        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            assertThat(store.sessions()).hasSize(1);
            return store.load(store.sessions().get(0).session().id());
        }
    }

    /** Acceptance 1 through the command line: the test page plays the built-in room against the project's mock. */
    @Test
    void recordsTheRoundTripUntilThePageClosesAndPrintsTheSessionIdLast() throws Exception {
        try (MockRoom room = MockRoom.start(BuiltInFixtures.kosmiRoom())) {
            CompletableFuture<CliRunner> recording = CompletableFuture.supplyAsync(() -> CliRunner.run("record", room.page(),
                    "--db", db, "--host", room.hostAndPort(), "--headless", "--name", "round trip"));
            room.awaitConnectionEnd(Duration.ofSeconds(120));
            // The user closes the tab: the recording ends cleanly.
            ProcessHandle browser = await().atMost(Duration.ofSeconds(30)).until(RecordCommandIT::browserProcess, Optional::isPresent).orElseThrow();
            Path home = DevTools.homeOf(browser);
            DevTools.closePages(browser, room.pageOrigin());
            CliRunner run = recording.get(120, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isZero();
            Capture capture = onlySession();
            String[] lines = run.out().strip().split("\n");
            assertThat(lines[lines.length - 1]).isEqualTo(capture.session().id());
            assertThat(capture.session().status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(capture.session().name()).isEqualTo("round trip");
            assertThat(capture.session().attributes()).containsEntry("driver", "cdp");
            assertSameFrames(capture.frames(), room.auditedFrames());
            assertThat(capture.exchanges()).filteredOn(e -> e.method().equals("POST")).singleElement()
                    .satisfies(e -> assertThat(e.responseBody().text()).isEqualTo(room.auditedExchanges().get(0).responseBody().text()));
            assertThat(run.err()).contains("recording: ").contains("frames in");
            assertThat(home).doesNotExist();
        }
    }

    @Test
    void endsWithExitCodeOneAndAnInterruptedSessionWhenChromiumIsKilled() throws Exception {
        CompletableFuture<CliRunner> recording = CompletableFuture.supplyAsync(() -> CliRunner.run("record", site.page("roundtrip"),
                "--db", db, "--host", site.hostAndPort(), "--headless"));
        site.awaitConnection().terminated.get(120, TimeUnit.SECONDS);
        ProcessHandle browser = await().atMost(Duration.ofSeconds(30)).until(RecordCommandIT::browserProcess, Optional::isPresent).orElseThrow();
        Path home = DevTools.homeOf(browser);
        browser.destroyForcibly();

        CliRunner run = recording.get(120, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(lastLine(run.err())).startsWith("kosmi-recorder: the browser went away during the recording")
                .contains("is marked interrupted").doesNotContain("Exception");
        Capture capture = onlySession();
        assertThat(capture.session().status()).isEqualTo(SessionStatus.INTERRUPTED);
        assertThat(capture.frames()).isNotEmpty();
        assertThat(capture.frames()).extracting(Frame::direction).contains(Direction.SENT, Direction.RECEIVED);
        assertThat(home).doesNotExist();
    }

    /** The browser's main process: the Chromium child of this JVM. */
    static Optional<ProcessHandle> browserProcess() {
        return recordersChromium().stream().filter(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid())
                .findFirst();
    }

    @Test
    void attachRecordsInItsOwnTabAndLeavesTheBrowserRunning() throws Exception {
        try (Chromium running = Chromium.launch(Chromium.Options.headlessDefaults())) {
            String devTools = "http://127.0.0.1:" + running.devToolsEndpoint().getPort();
            CompletableFuture<CliRunner> recording = CompletableFuture.supplyAsync(() -> CliRunner.run("record", site.page("roundtrip"),
                    "--db", db, "--host", site.hostAndPort(), "--attach", devTools));
            site.awaitConnection().terminated.get(120, TimeUnit.SECONDS);
            DevTools.closePages(running.devToolsEndpoint().getPort(), site.page("roundtrip"));
            CliRunner run = recording.get(120, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(running.isAlive()).isTrue();
            Capture capture = onlySession();
            assertThat(capture.session().attributes()).containsEntry("browserMode", "attached");
            assertThat(capture.frames()).hasSize(site.connections().get(0).frames.size());
        }
    }

    @Test
    void theCdp4jDriverSaysItNeedsItsOwnBuild() {
        CliRunner run = CliRunner.run("record", "@room", "--db", db, "--driver", "cdp4j");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("kosmi-recorder: the cdp4j driver is not part of this build; build kosmi-recorder "
                + "with mvn -Pcdp4j package and run cli/target/kosmi-recorder-cdp4j.jar, or use --driver cdp (the default)");
    }

    @Test
    void rejectsABadTargetAndLaunchOptionsWithAttachAsUsageErrors() {
        CliRunner badTarget = CliRunner.run("record", "ftp://x", "--db", db);
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err()).contains("neither a room (@NAME) nor an http(s) URL");

        CliRunner both = CliRunner.run("record", "@room", "--db", db, "--attach", "http://127.0.0.1:9", "--profile", dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--attach uses a running Chrome");

        CliRunner nobody = CliRunner.run("record", "@room", "--db", db, "--attach", "http://127.0.0.1:9");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).contains("no Chrome answers at http://127.0.0.1:9");
    }

    @Test
    void tokenHarvestsFromTheTokenPostThenReadsItFromTheStore() {
        CliRunner harvest = CliRunner.run("token", "--db", db, "--url", site.page("roundtrip"), "--host", site.hostAndPort(), "--headless");
        assertThat(harvest.exitCode()).as(harvest.err()).isZero();
        String token = harvest.out().strip();
        assertThat(site.issuedTokens()).contains(token);
        assertThat(harvest.err()).contains("no unexpired token in").contains("expires ").contains("from the response to POST");

        CliRunner stored = CliRunner.run("token", "--db", db);
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out().strip()).isEqualTo(token);
        assertThat(stored.err()).doesNotContain("harvesting");
    }

    @Test
    void tokenReadsLocalStorageOfALoggedInPage() {
        // The token POST goes to a host that is not watched: only localStorage["token"] can give the token.
        CliRunner run = CliRunner.run("token", "--refresh", "--db", db, "--url", site.page("login"), "--host", "elsewhere.example",
                "--headless");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(site.issuedTokens()).contains(run.out().strip());
        assertThat(run.err()).contains("harvesting a new token").contains("from localStorage[\"token\"] of " + site.page("login"));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

}
