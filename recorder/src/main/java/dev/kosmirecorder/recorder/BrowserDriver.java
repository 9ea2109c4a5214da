package dev.kosmirecorder.recorder;

import dev.kosmirecorder.recorder.internal.CdpBrowser;
import java.net.URI;
import java.util.Locale;

/** The drivers behind {@code --driver}: how the recorder talks to the browser. */
public enum BrowserDriver {
    /** The built-in flat-session DevTools client over Jetty's WebSocket client. */
    CDP,
    /** CDP4J, an optional driver that lives in its own module and build. */
    CDP4J;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Connects to the browser at a DevTools endpoint. {@code ownsBrowser}: the recorder launched it and closes it
     * at the end; otherwise only the recorder's own tab is closed and the browser keeps running.
     */
    public NetworkBrowser connect(URI endpoint, boolean ownsBrowser) {
        requireAvailable();
        return CdpBrowser.connect(endpoint, ownsBrowser);
    }

    /** Fails with what to do when this driver is not part of this build, before any browser is started for it. */
    public void requireAvailable() {
        if (this == CDP4J) {
            throw new RecorderException("the cdp4j driver is not part of this build; build kosmi-recorder with its cdp4j module "
                    + "or use --driver cdp (the default)");
        }
    }
}
