package dev.kosmirecorder.recorder.testsite;

import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.Chromium;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.NetworkBrowser;
import dev.kosmirecorder.recorder.Recorder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recording a page the way {@code record --headless} does: Chromium launched by the recorder's own launcher with its
 * standard flags, a driver connected to it as the browser's owner, a {@link Recorder} writing into a store until the
 * caller says the traffic is over, then a stop on purpose and the browser closed. Shared by the browser tests
 * ({@code BrowserRecordingContract}) and the capture benchmark (bench's figure 3), so both measure the same path.
 * Uses no test library: bench runs it outside JUnit.
 */
public final class LaunchedRecording {
    /** The finished session, and the browser that was launched for it (closed by now). */
    public record Result(Session session, Chromium chromium) {
    }

    private LaunchedRecording() {
    }

    /**
     * Launches headless Chromium, records {@code page} with {@code driver} into {@code store} keeping traffic to
     * {@code host}, until {@code untilDone} returns; the browser is closed (and its temp folder deleted) before this
     * returns, also when {@code untilDone} throws.
     */
    public static Result record(BrowserDriver driver, CaptureStore store, String name, String page, String host,
                                Consumer<Recorder> untilDone) {
        Chromium chromium = Chromium.launch(Chromium.Options.headlessDefaults());
        Session[] session = new Session[1];
        chromium.closeAfter(() -> {
            try (NetworkBrowser browser = driver.connect(chromium.devToolsEndpoint(), true)) {
                session[0] = recordWith(browser, store, name, page, host, untilDone);
            }
        });
        return new Result(session[0], chromium);
    }

    /** Records {@code page} with a browser already connected, until {@code untilDone} returns; the browser stays open. */
    public static Session recordWith(NetworkBrowser browser, CaptureStore store, String name, String page, String host,
                                     Consumer<Recorder> untilDone) {
        Recorder recorder = Recorder.start(store, Session.start(SessionKind.RECORDING, name, page, Instant.now()), browser,
                HostFilter.parse(List.of(host)));
        recorder.open(page);
        untilDone.accept(recorder);
        recorder.stopping();
        return recorder.finish(SessionStatus.COMPLETE);
    }

    /** What a closed launcher left behind: empty when its process is gone and its temp folder deleted. */
    public static Optional<String> leftovers(Chromium chromium) {
        if (ProcessHandle.of(chromium.pid()).filter(ProcessHandle::isAlive).isPresent()) {
            return Optional.of("Chromium (pid " + chromium.pid() + ") is still running");
        }
        if (Files.exists(chromium.home())) {
            return Optional.of("Chromium's temp folder " + chromium.home() + " is still there");
        }
        return Optional.empty();
    }
}
