package dev.kosmirecorder.recorder;

import dev.kosmirecorder.core.model.Payload;
import java.util.concurrent.CompletableFuture;

/**
 * The recorder's port to a browser that reports network events: the page it opens and every target that page
 * spawns (iframes, dedicated, shared and service workers) have their {@code Network} domain enabled, and their
 * events reach one {@link NetworkListener} in order on one thread. The default driver speaks the DevTools
 * Protocol in flat-session mode ({@link BrowserDriver#CDP}).
 *
 * <p>Threading: {@link #start} and {@link #navigate} are called once each from the recording's thread; the
 * futures complete on a driver thread, never on the listener's thread, so a listener may chain work on them
 * but must not block on them.
 */
public interface NetworkBrowser extends AutoCloseable {

    /** Opens a blank page, attaches to it and to everything it spawns, and starts reporting to the listener. */
    void start(NetworkListener listener);

    /** Loads the URL in the page opened by {@link #start}. */
    void navigate(String url);

    /** The body of a response whose loading finished, as {@code Network.getResponseBody} gives it. */
    CompletableFuture<Payload> responseBody(String targetSession, String requestId);

    /** The body of a request that was too large to come with its event ({@code Network.getRequestPostData}). */
    CompletableFuture<Payload> requestPostData(String targetSession, String requestId);

    /** Completes once every event received from the browser so far has been passed to the listener. */
    CompletableFuture<Void> settle();

    /** Evaluates a JavaScript expression in the page and returns its value as a string (empty for null). */
    CompletableFuture<String> evaluate(String expression);

    /** The browser's product and version, for the session's attributes, for example {@code HeadlessChrome/156.0}. */
    String product();

    /**
     * Stops reporting and lets go of the browser. A browser this recorder launched is closed too; one it attached
     * to keeps running, with only the page this recorder opened closed.
     */
    @Override
    void close();
}
