package dev.kosmirecorder.recorder.cdp4j;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.recorder.DevToolsEndpoint;
import dev.kosmirecorder.recorder.NetworkBrowser;
import dev.kosmirecorder.recorder.NetworkEvent;
import dev.kosmirecorder.recorder.NetworkListener;
import dev.kosmirecorder.recorder.RecorderException;
import io.webfolder.cdp.event.Events;
import io.webfolder.cdp.logger.CdpLoggerType;
import io.webfolder.cdp.session.Session;
import io.webfolder.cdp.session.SessionFactory;
import io.webfolder.cdp.type.network.GetResponseBodyResult;
import io.webfolder.cdp.type.page.NavigateResult;
import io.webfolder.cdp.type.runtime.EvaluateResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NetworkBrowser} port over CDP4J 3.0.6, with the workarounds docs/CDP.md describes:
 * <ul>
 * <li>It attaches to a browser the recorder's own launcher started ({@code /usr/lib/chromium/chromium} with
 * {@code about:blank} as the first page, killed by pid at the end), or to one given with {@code --attach}: CDP4J's
 * own launcher closes the child's output, which kills Debian's wrapper, and its process manager does not kill.</li>
 * <li>One ordered event thread: CDP4J's default pool runs each event on its own task and reorders them, so it gets a
 * single-thread executor. CDP4J also parses command answers on that executor, so a command sent from a listener
 * would wait behind itself (20 s, then a timeout): every command is sent from a separate command thread.</li>
 * <li>Request bodies come inline with {@code requestWillBeSent} ({@code maxPostDataSize}): its
 * {@code getRequestPostData} base64-decodes a plain string and throws.</li>
 * </ul>
 * What it cannot do: CDP4J uses the non-flat session mode, so targets spawned by the page (workers) are not
 * attached and their sockets are not seen; its event list predates {@code requestWillBeSentExtraInfo} and
 * {@code responseReceivedExtraInfo}, so HTTP exchanges carry the headers of the main events only.
 */
public final class Cdp4jBrowser implements NetworkBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(Cdp4jBrowser.class);
    /** CDP4J's command timeout (its WebSocket read timeout). */
    private static final int COMMAND_TIMEOUT_MILLIS = 30_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    /** How often the browser's {@code /json/version} is asked whether it is still there (CDP4J reports no disconnect). */
    private static final Duration LIVENESS_INTERVAL = Duration.ofSeconds(1);
    /** Request bodies up to this size come inline with requestWillBeSent. */
    private static final int MAX_INLINE_POST_DATA = 16 * 1024 * 1024;
    /**
     * CDP4J's typed events back to the protocol's JSON shape: its classes hold the protocol's fields under the
     * protocol's names, and its enums print their protocol value.
     */
    private static final ObjectMapper PROTOCOL_FIELDS = Json.MAPPER.copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * The event thread's group, and so that of the threads CDP4J starts from it: its {@code cdp4j-terminate} thread
     * throws "No session with given id" when a closed tab's session is closed again, which would otherwise print a
     * stack trace on the user's terminal.
     */
    private static final ThreadGroup THREADS = new ThreadGroup("cdp4j") {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (t.getName().equals("cdp4j-terminate")) {
                LOG.debug("cdp4j closing a closed tab: {}", rootMessage(e));
            } else {
                LOG.warn("cdp4j's thread {} failed: {}", t.getName(), rootMessage(e));
            }
        }
    };

    private final URI endpoint;
    private final boolean ownsBrowser;
    /** CDP4J's one executor: it parses every message and runs every listener here, in arrival order. */
    private final ExecutorService events;
    /** Every command is sent from here, never from the event thread (see the class comment). */
    private final ExecutorService commands = daemonThread("cdp4j-commands");
    private final ScheduledExecutorService liveness = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdp4j-liveness");
        t.setDaemon(true);
        return t;
    });
    private final SessionFactory factory;
    private volatile Session page;
    private volatile NetworkListener listener;
    private volatile String product = "unknown";
    private volatile boolean closing;
    private volatile boolean disconnected;

    private Cdp4jBrowser(URI endpoint, boolean ownsBrowser, ExecutorService events, SessionFactory factory) {
        this.endpoint = endpoint;
        this.ownsBrowser = ownsBrowser;
        this.events = events;
        this.factory = factory;
    }

    /**
     * A driver for the browser whose DevTools listen at {@code endpoint}'s host and port (CDP4J asks
     * {@code /json/version} for the browser's WebSocket itself). With {@code ownsBrowser}, {@link #close()} closes
     * the whole browser; without, only the tab it opened.
     */
    public static Cdp4jBrowser connect(URI endpoint, boolean ownsBrowser) {
        if (endpoint.getHost() == null || endpoint.getPort() < 0) {
            throw new IllegalArgumentException("a DevTools endpoint needs a host and a port: " + endpoint);
        }
        // CDP4J connects lazily (in start()): ask the endpoint now, so that a wrong one fails here with a clear message.
        DevToolsEndpoint.resolve(httpBase(endpoint).toString());
        ExecutorService events = daemonThread("cdp4j-events");
        SessionFactory factory = new SessionFactory(endpoint.getHost(), endpoint.getPort(), COMMAND_TIMEOUT_MILLIS,
                CdpLoggerType.Null, events);
        return new Cdp4jBrowser(endpoint, ownsBrowser, events, factory);
    }

    @Override
    public void start(NetworkListener networkListener) {
        if (listener != null) {
            throw new IllegalStateException("start() already called");
        }
        listener = networkListener;
        // Not factory.create(): on this Chromium its Target.createTarget (with a window size) fails ("Target position
        // can only be set for new windows"), and on first use it takes over the first open tab, a user's tab when
        // attached. A tab of our own, opened on about:blank, is asked for over HTTP and then attached to.
        Session session;
        try {
            session = factory.connect(newBlankTab());
        } catch (RuntimeException e) {
            throw new RecorderException("cdp4j cannot open a tab in the browser at " + endpoint + " (" + rootMessage(e)
                    + "); check that the browser is running with remote debugging enabled", e);
        }
        page = session;
        session.addEventListener(this::onEvent);
        // Inspector.detached: the tab was closed (CDP4J runs this on a thread of its own; report it in order).
        session.onTerminate(e -> onEventThread(() -> {
            if (!closing) {
                networkListener.onPageClosed();
            }
        }));
        session.getCommand().getNetwork().enable(null, null, MAX_INLINE_POST_DATA);
        product = session.getCommand().getBrowser().getVersion().getProduct();
        long every = LIVENESS_INTERVAL.toMillis();
        liveness.scheduleWithFixedDelay(this::checkAlive, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code PUT /json/new?about:blank} (Chrome 111+ answers 405 to GET): the new tab's target id. */
    private String newBlankTab() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(httpBase(endpoint).resolve("/json/new?about:blank"))
                    .timeout(HTTP_TIMEOUT).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String id = response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("id").asText("") : "";
            if (id.isEmpty()) {
                throw new RecorderException("the browser answered " + response.statusCode() + " to PUT /json/new");
            }
            return id;
        } catch (IOException e) {
            throw new RecorderException("PUT /json/new failed: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecorderException("interrupted while opening a tab", e);
        }
    }

    private static URI httpBase(URI endpoint) {
        return URI.create("http://" + endpoint.getHost() + ":" + endpoint.getPort() + "/");
    }

    @Override
    public void navigate(String url) {
        Session session = requireStarted();
        NavigateResult result = session.getCommand().getPage().navigate(url);
        String error = result == null || result.getErrorText() == null ? "" : result.getErrorText();
        if (!error.isEmpty()) {
            throw new RecorderException("the browser could not open " + url + " (" + error + "); check the URL and that the site is reachable");
        }
    }

    @Override
    public CompletableFuture<Payload> responseBody(String targetSession, String requestId) {
        return command("Network.getResponseBody", () -> {
            GetResponseBodyResult r = requireStarted().getCommand().getNetwork().getResponseBody(requestId);
            String body = r.getBody() == null ? "" : r.getBody();
            return Boolean.TRUE.equals(r.getBase64Encoded()) ? Payload.ofBase64(body) : Payload.ofText(body);
        });
    }

    @Override
    public CompletableFuture<Payload> requestPostData(String targetSession, String requestId) {
        return CompletableFuture.failedFuture(new RecorderException("cdp4j 3.0.6 cannot read request " + requestId
                + "'s body (its getRequestPostData fails on a plain-text body); bodies up to " + MAX_INLINE_POST_DATA / (1024 * 1024)
                + " MB come with the request, use --driver cdp for larger ones"));
    }

    /**
     * CDP4J parses each message on the event thread and queues its listeners' calls behind what is already queued:
     * a task queued now runs after every message received so far was parsed, and one it queues in turn runs after
     * their listeners.
     */
    @Override
    public CompletableFuture<Void> settle() {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        try {
            events.execute(() -> onEventThread(() -> settled.complete(null)));
        } catch (RejectedExecutionException e) {
            settled.complete(null);
        }
        return settled;
    }

    @Override
    public CompletableFuture<String> evaluate(String expression) {
        Session session = requireStarted();
        return command("Runtime.evaluate", () -> {
            EvaluateResult r = session.getCommand().getRuntime()
                    .evaluate(expression, null, null, null, null, true, null, null, true, null, null);
            if (r.getExceptionDetails() != null) {
                var details = r.getExceptionDetails();
                String why = details.getException() != null && details.getException().getDescription() != null
                        ? details.getException().getDescription() : details.getText();
                throw new RecorderException("the page could not evaluate " + expression + ": " + why);
            }
            Object value = r.getResult() == null ? null : r.getResult().getValue();
            return value == null ? "" : value instanceof String s ? s : Json.compact(Json.MAPPER.valueToTree(value));
        });
    }

    @Override
    public String product() {
        return product;
    }

    /** The target id of the tab this driver opened. */
    String pageTargetId() {
        return requireStarted().getTargetId();
    }

    /** The DevTools endpoint this driver is connected to. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        liveness.shutdownNow();
        Session session = page;
        try {
            if (session != null && !disconnected) {
                // Browser.close through the page's session: CDP4J does not expose its browser-level session.
                CompletableFuture<Void> shutdown = CompletableFuture.runAsync(ownsBrowser
                        ? () -> session.getCommand().getBrowser().close()
                        : session::close, commands);
                shutdown.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The browser is already gone or closing; the launcher kills whatever is left of a browser it started.
            LOG.debug("closing the browser: {}", rootMessage(e));
        } finally {
            commands.shutdownNow();
            try {
                factory.close();
            } catch (RuntimeException e) {
                LOG.debug("closing cdp4j: {}", rootMessage(e));
            }
            events.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "Cdp4jBrowser{" + endpoint + ", " + product + (ownsBrowser ? ", launched" : ", attached") + "}";
    }

    // ---------------------------------------------------------------- event thread

    private void onEvent(Events event, Object value) {
        NetworkListener l = listener;
        Session session = page;
        if (l == null || session == null || closing || !"Network".equals(event.domain)) {
            return;
        }
        l.onEvent(new NetworkEvent(session.getId(), event.domain + "." + event.name, PROTOCOL_FIELDS.valueToTree(value)));
    }

    /** Asks the browser's HTTP endpoint whether it is still there; CDP4J itself says nothing when the socket drops. */
    private void checkAlive() {
        if (closing || disconnected || factory.ping()) {
            return;
        }
        disconnected = true;
        onEventThread(() -> {
            NetworkListener l = listener;
            if (!closing && l != null) {
                l.onDisconnected("the browser stopped answering at " + endpoint.getHost() + ":" + endpoint.getPort());
            }
        });
    }

    /** Runs after every event received so far, on the event thread. */
    private void onEventThread(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: nobody listens any more.
        }
    }

    private <T> CompletableFuture<T> command(String method, Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return call.get();
                } catch (RecorderException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new RecorderException(method + " failed: " + rootMessage(e), e);
                }
            }, commands);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new RecorderException(method + " not sent: the recorder is closing"));
        }
    }

    private Session requireStarted() {
        Session session = page;
        if (session == null) {
            throw new IllegalStateException("call start() first");
        }
        return session;
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(THREADS, r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
