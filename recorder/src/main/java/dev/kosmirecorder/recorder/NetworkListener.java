package dev.kosmirecorder.recorder;

/**
 * Receives what a {@link NetworkBrowser} reports. All calls come from one thread, in the order the browser sent
 * them; an implementation must return quickly and must never wait for a browser command on that thread.
 */
public interface NetworkListener {

    /** A {@code Network.*} event of any target the browser is attached to. */
    void onEvent(NetworkEvent event);

    /** The page the recording opened was closed (by the user or by the page itself). */
    default void onPageClosed() {
    }

    /** The connection to the browser is gone: it crashed, was killed or was closed; no more events will come. */
    default void onDisconnected(String reason) {
    }
}
