package dev.kosmirecorder.recorder;

import java.net.URI;

/**
 * A {@link NetworkBrowser} driver that lives in its own module, found at run time with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.kosmirecorder.recorder.NetworkBrowserFactory}), so the recorder has no
 * compile-time dependency on it and a build without it simply does not offer it. The default driver
 * ({@link BrowserDriver#CDP}) is built in and needs no factory.
 */
public interface NetworkBrowserFactory {

    /** Which {@code --driver} this factory provides. */
    BrowserDriver driver();

    /** As {@link BrowserDriver#connect}: connects to the browser at a DevTools endpoint. */
    NetworkBrowser connect(URI endpoint, boolean ownsBrowser);
}
