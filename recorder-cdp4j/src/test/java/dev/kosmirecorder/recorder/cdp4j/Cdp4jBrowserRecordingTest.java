package dev.kosmirecorder.recorder.cdp4j;

import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.BrowserRecordingContract;

/**
 * The recorder's browser tests (round trip, 403, worker, 10,000-frame burst, binary and 5 MB frames, --attach) with
 * {@code --driver cdp4j}, found through the recorder's ServiceLoader lookup as the cdp4j jar finds it.
 */
class Cdp4jBrowserRecordingTest extends BrowserRecordingContract {
    @Override
    protected BrowserDriver driver() {
        return BrowserDriver.CDP4J;
    }
}
