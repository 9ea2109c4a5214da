package dev.kosmirecorder.recorder;

import dev.kosmirecorder.recorder.internal.CdpBrowser;
import java.net.URI;
import java.util.Locale;
import java.util.ServiceLoader;

/** The drivers behind {@code --driver}: how the recorder talks to the browser. */
public enum BrowserDriver {
    /** The built-in flat-session DevTools client over Jetty's WebSocket client. */
    CDP,
    /** CDP4J, an optional driver in its own module (AGPL-3.0), only in the jar that {@code mvn -Pcdp4j package} builds. */
    CDP4J;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Connects to the browser at a DevTools endpoint. {@code ownsBrowser}: the recorder launched it and closes it
     * at the end; otherwise only the recorder's own tab is closed and the browser keeps running.
     */
    public NetworkBrowser connect(URI endpoint, boolean ownsBrowser) {
        return this == CDP ? CdpBrowser.connect(endpoint, ownsBrowser) : factory().connect(endpoint, ownsBrowser);
    }

    /** Fails with what to do when this driver is not part of this build, before any browser is started for it. */
    public void requireAvailable() {
        if (this != CDP) {
            factory();
        }
    }

    /** The driver's factory from the class path: present only in a build that includes the driver's module. */
    private NetworkBrowserFactory factory() {
        return ServiceLoader.load(NetworkBrowserFactory.class, BrowserDriver.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.driver() == this)
                .findFirst()
                .orElseThrow(() -> new RecorderException("the " + wireName() + " driver is not part of this build; build kosmi-recorder "
                        + "with mvn -Pcdp4j package and run cli/target/kosmi-recorder-cdp4j.jar, or use --driver cdp (the default)"));
    }
}
