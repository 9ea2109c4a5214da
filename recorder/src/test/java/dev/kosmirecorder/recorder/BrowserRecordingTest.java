package dev.kosmirecorder.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Session;
import org.junit.jupiter.api.Test;

/** The browser tests with the default flat-session driver, plus what only it does: service workers and --attach. */
class BrowserRecordingTest extends BrowserRecordingContract {
    @Override
    protected BrowserDriver driver() {
        return BrowserDriver.CDP;
    }

    @Test
    void recordsASocketOpenedFromAServiceWorker() {
        Capture capture = record("serviceworker", 5);
        assertThat(capture.connections()).hasSize(1);
        assertSameFrames(capture.frames(), site.connections().get(0));
        assertThat(capture.frames().get(0).text()).contains("\"from\":\"service worker\"");
    }

    @Test
    void attachesToARunningChromiumRecordsTheRoundTripAndLeavesItRunning() {
        Chromium running = Chromium.launch(Chromium.Options.headlessDefaults());
        try {
            String http = "http://127.0.0.1:" + running.devToolsEndpoint().getPort();
            Session session;
            try (NetworkBrowser browser = driver().connect(DevToolsEndpoint.resolve(http), false)) {
                session = recordWith(browser, "roundtrip", 9, recorder -> { });
            }
            assertThat(running.isAlive()).isTrue();
            // The attached browser still answers DevTools after the recorder let go.
            assertThat(DevToolsEndpoint.resolve(http)).isEqualTo(running.devToolsEndpoint());
            Capture capture = store.load(session.id());
            assertSameFrames(capture.frames(), site.connections().get(0));
            assertThat(capture.exchanges()).anyMatch(e -> e.method().equals("POST") && !e.responseBody().isEmpty());
        } finally {
            running.close();
        }
        assertNothingLeft(running);
    }
}
