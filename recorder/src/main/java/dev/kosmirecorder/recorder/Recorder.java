package dev.kosmirecorder.recorder;

import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.recorder.internal.CaptureTranslator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One recording: a {@link NetworkBrowser}'s events, translated into capture values, written through a
 * {@link CaptureWriter} into the store. The session is {@code recording} while this runs, and gets its final
 * status from {@link #finish}; a process killed before that leaves it to be marked {@code interrupted} by the
 * next command that opens the store.
 *
 * <p>Use: {@link #start}, {@link #open}, wait for Ctrl-C, a duration or {@link #ended()}, then {@link #finish}.
 * The browser is the caller's to close afterwards.
 */
public final class Recorder {
    private static final Duration BODY_WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);
    /** How long the event stream must be silent before a stop on purpose takes what it has. */
    private static final Duration QUIET = Duration.ofMillis(300);

    /** Why a recording ended by itself. */
    public sealed interface End permits End.PageClosed, End.BrowserGone {
        /** The page was closed: a clean end. */
        record PageClosed() implements End { }

        /** The browser went away (crashed, killed, closed): the recording is cut short. */
        record BrowserGone(String reason) implements End { }
    }

    private final CaptureStore store;
    private final NetworkBrowser browser;
    private final CompletableFuture<End> ended = new CompletableFuture<>();
    private final List<Consumer<HttpExchange>> exchangeListeners = new CopyOnWriteArrayList<>();
    private volatile CaptureWriter writer;
    private volatile CaptureTranslator translator;
    private volatile boolean finishing;
    private volatile boolean finished;
    private final AtomicLong events = new AtomicLong();

    private Recorder(CaptureStore store, NetworkBrowser browser) {
        this.store = store;
        this.browser = browser;
    }

    /**
     * Starts the browser side (a blank page, attached with everything it spawns), then stores {@code session}
     * (status {@code recording}, with the browser's product as an attribute) and starts writing.
     */
    public static Recorder start(CaptureStore store, Session session, NetworkBrowser browser, HostFilter hosts) {
        Recorder recorder = new Recorder(store, browser);
        browser.start(recorder.new Listener());
        CaptureWriter writer = CaptureWriter.start(store, session.withAttribute("browser", browser.product())
                .withAttribute("hosts", hosts.toString()));
        recorder.writer = writer;
        recorder.translator = new CaptureTranslator(writer, hosts, new CaptureTranslator.Bodies(browser::responseBody,
                browser::requestPostData), recorder::exchangeDone);
        return recorder;
    }

    /** Loads the target in the recording's page. */
    public void open(String url) {
        browser.navigate(url);
    }

    /** Evaluates JavaScript in the recording's page (for example to read {@code localStorage}). */
    public CompletableFuture<String> evaluate(String expression) {
        return browser.evaluate(expression);
    }

    public String sessionId() {
        return writer.sessionId();
    }

    public RecordingStats stats() {
        return translator.stats();
    }

    /** Completes when the recording ends by itself: the page closed or the browser went away. */
    public CompletableFuture<End> ended() {
        return ended;
    }

    /** Calls {@code listener} with each captured HTTP exchange once it has ended (with its body, where there is one). */
    public void onExchange(Consumer<HttpExchange> listener) {
        exchangeListeners.add(listener);
    }

    /**
     * Ends the recording: from here on a browser going away is not a failure, bodies still being fetched get a
     * moment to arrive, and everything queued is committed with the session's final status. Idempotent.
     */
    public synchronized Session finish(SessionStatus status) {
        finishing = true;
        if (status == SessionStatus.COMPLETE) {
            // Events already received (the last frames before Ctrl-C) are still written, then their bodies.
            awaitQuietEvents();
            translator.awaitBodies(BODY_WAIT);
        }
        finished = true;
        Session session = writer.finish(status);
        if (translator.sawRefusedHandshake() && !session.attributes().containsKey(CaptureTranslator.REFUSED_HANDSHAKE_ATTRIBUTE)) {
            session = session.withAttribute(CaptureTranslator.REFUSED_HANDSHAKE_ATTRIBUTE, CaptureTranslator.REFUSED_HANDSHAKE_NOTE);
            store.updateSession(session);
        }
        return session;
    }

    /**
     * Chrome reports a frame after the network sent it, through another process: on a busy machine a Ctrl-C right
     * after a conversation can arrive before its frames' events. So a stop on purpose waits until the stream has
     * been silent for {@link #QUIET} (at most {@link #SETTLE_WAIT}), then until what arrived is handled.
     */
    private void awaitQuietEvents() {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        try {
            long seen = -1;
            while (System.nanoTime() < deadline && events.get() != seen) {
                seen = events.get();
                Thread.sleep(QUIET.toMillis());
            }
            browser.settle().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The browser is gone or slow: what has been delivered is what the session keeps.
        }
    }

    /** Marks that the recording is about to end on purpose, so the browser closing is not reported as a failure. */
    public void stopping() {
        finishing = true;
    }

    private void exchangeDone(HttpExchange exchange) {
        exchangeListeners.forEach(l -> l.accept(exchange));
    }

    private final class Listener implements NetworkListener {
        @Override
        public void onEvent(NetworkEvent event) {
            events.incrementAndGet();
            CaptureTranslator t = translator;
            if (t == null || finished) {
                return;
            }
            try {
                t.onEvent(event);
            } catch (IllegalStateException e) {
                // An event that raced with finish(): the session is closed, the event comes after its end.
                if (!finished) {
                    throw e;
                }
            }
        }

        @Override
        public void onPageClosed() {
            ended.complete(new End.PageClosed());
        }

        @Override
        public void onDisconnected(String reason) {
            if (!finishing) {
                ended.complete(new End.BrowserGone(reason));
            }
        }
    }

    @Override
    public String toString() {
        return "Recorder{session=" + (writer == null ? "?" : writer.sessionId()) + ", " + browser + "}";
    }
}
