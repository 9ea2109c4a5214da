package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.recorder.testsite.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar of {@code mvn -Pcdp4j package}: it holds the cdp4j driver, and {@code record --driver cdp4j} records with it.
 * Runs only in the cdp4j profile (the default build's failsafe excludes it); the default jar is JarContentsIT's.
 */
@Timeout(180)
class Cdp4jJarIT {
    @TempDir
    Path dir;
    private TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theCdp4jJarHoldsTheDriverAndFindsItThroughTheServiceLoader() throws Exception {
        Path jar = JarContentsIT.jar("kosmi-recorder-cdp4j.jar");
        assertThat(JarContentsIT.entries(jar)).contains("io/webfolder/cdp/session/SessionFactory.class",
                "dev/kosmirecorder/recorder/cdp4j/Cdp4jBrowserFactory.class", "dev/kosmirecorder/cli/Main.class");
        assertThat(JarContentsIT.entry(jar, "META-INF/services/dev.kosmirecorder.recorder.NetworkBrowserFactory"))
                .contains("dev.kosmirecorder.recorder.cdp4j.Cdp4jBrowserFactory");
        assertThat(JarContentsIT.entry(jar, "META-INF/kosmi-recorder-cdp4j/LICENSE")).contains("AGPL-3.0");
    }

    @Test
    void recordsTheRoundTripWithDriverCdp4j() throws Exception {
        String db = dir.resolve("store").toString();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarContentsIT.jar("kosmi-recorder-cdp4j.jar").toString(), "record", site.page("roundtrip"), "--driver", "cdp4j",
                "--db", db, "--host", site.hostAndPort(), "--headless");
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        site.awaitConnection().terminated.get(120, TimeUnit.SECONDS);
        // The user closes the tab: the recording ends cleanly, and record's Chromium and its temp folder go.
        ProcessHandle browser = await().atMost(Duration.ofSeconds(30)).until(() -> p.descendants()
                .filter(h -> h.parent().map(ProcessHandle::pid).orElse(-1L) == p.pid())
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("kosmi-record-"))
                .findFirst(), Optional::isPresent).orElseThrow();
        Path home = DevTools.homeOf(browser);
        DevTools.closePages(browser, site.page("roundtrip"));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(browser.isAlive()).isFalse();
        assertThat(home).doesNotExist();

        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            Capture capture = store.load(store.sessions().get(0).session().id());
            assertThat(Files.readString(dir.resolve("out")).strip()).endsWith(capture.session().id());
            assertThat(capture.session().status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(capture.session().attributes()).containsEntry("driver", "cdp4j");
            for (Direction d : Direction.values()) {
                assertThat(capture.frames()).filteredOn(f -> f.direction() == d).extracting(Frame::text)
                        .containsExactlyElementsOf(site.connections().get(0).frames(d).stream().map(TestSite.AuditFrame::text).toList());
            }
        }
    }
}
