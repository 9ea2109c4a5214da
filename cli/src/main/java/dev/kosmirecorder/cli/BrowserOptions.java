package dev.kosmirecorder.cli;

import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.Chromium;
import dev.kosmirecorder.recorder.DevToolsEndpoint;
import dev.kosmirecorder.recorder.NetworkBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How {@code record} and {@code token} get a browser: launch Chromium, or attach to a running Chrome (SPEC §5, §7). */
public final class BrowserOptions {
    @Option(names = "--chrome", paramLabel = "PATH",
            description = "The Chromium or Chrome binary (default: /usr/lib/chromium/chromium, else the first chromium or chrome on the PATH).")
    Path chrome;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Keep this Chrome profile (a logged-in one) instead of a fresh, deleted-afterwards one.")
    Path profile;

    @Option(names = "--headless",
            description = "Run Chromium without a window (the default when there is no display).")
    boolean headless;

    @Option(names = "--attach", paramLabel = "http://HOST:PORT",
            description = "Use a running Chrome started with --remote-debugging-port=PORT instead of launching one; it is left running.")
    String attach;

    @Option(names = "--driver", paramLabel = "cdp|cdp4j", defaultValue = "cdp",
            description = "How to talk to the browser: cdp, the built-in DevTools client (default), or cdp4j (needs the cdp4j build).")
    BrowserDriver driver;

    /** Rejects combinations that cannot work, as usage errors (exit code 2). */
    void validate(CommandSpec spec) {
        if (attach != null && (chrome != null || profile != null || headless)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--attach uses a running Chrome: --chrome, --profile and --headless only apply when kosmi-recorder launches one");
        }
    }

    boolean attached() {
        return attach != null;
    }

    /** Launches or attaches and connects the driver; the caller closes the result. */
    OpenBrowser open() {
        driver.requireAvailable();
        if (attach != null) {
            URI endpoint = DevToolsEndpoint.resolve(attach);
            return new OpenBrowser(null, driver.connect(endpoint, false));
        }
        boolean windowless = headless || !Chromium.hasDisplay();
        Chromium chromium = Chromium.launch(new Chromium.Options(Optional.ofNullable(chrome), Optional.ofNullable(profile), windowless));
        try {
            return new OpenBrowser(chromium, driver.connect(chromium.devToolsEndpoint(), true));
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    /** A connected browser and, when this process launched it, the Chromium to shut down afterwards. */
    record OpenBrowser(Chromium chromium, NetworkBrowser browser) implements AutoCloseable {
        @Override
        public void close() {
            if (chromium == null) {
                browser.close();
            } else {
                chromium.closeAfter(browser::close);
            }
        }
    }
}
