package dev.kosmirecorder.recorder;

import static dev.kosmirecorder.recorder.testsite.SameTraffic.assertSameFrames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import org.junit.jupiter.api.Test;

/** The browser tests with the default flat-session driver, plus what only it does: sockets in service workers. */
class BrowserRecordingTest extends BrowserRecordingContract {
    @Override
    protected BrowserDriver driver() {
        return BrowserDriver.CDP;
    }

    @Test
    void recordsASocketOpenedFromAServiceWorker() {
        Capture capture = record("serviceworker", 5);
        assertThat(capture.connections()).hasSize(1);
        assertSameFrames(capture.frames(), site.connections().get(0).asFrames());
        assertThat(capture.frames().get(0).text()).contains("\"from\":\"service worker\"");
    }
}
