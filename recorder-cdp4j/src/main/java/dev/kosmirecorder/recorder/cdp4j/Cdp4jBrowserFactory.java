package dev.kosmirecorder.recorder.cdp4j;

import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.NetworkBrowser;
import dev.kosmirecorder.recorder.NetworkBrowserFactory;
import java.net.URI;

/** {@code --driver cdp4j}: found by the recorder through {@link java.util.ServiceLoader} when this module is on the class path. */
public final class Cdp4jBrowserFactory implements NetworkBrowserFactory {
    @Override
    public BrowserDriver driver() {
        return BrowserDriver.CDP4J;
    }

    @Override
    public NetworkBrowser connect(URI endpoint, boolean ownsBrowser) {
        return Cdp4jBrowser.connect(endpoint, ownsBrowser);
    }
}
