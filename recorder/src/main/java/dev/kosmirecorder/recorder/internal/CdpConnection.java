package dev.kosmirecorder.recorder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.recorder.RecorderException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One DevTools Protocol connection to a browser endpoint over Jetty's WebSocket client, in flat-session mode
 * (every message names its target's {@code sessionId}).
 *
 * <p>Threading: Jetty's reader thread parses each message; an answer completes its command's future right there,
 * an event is handed to one event thread that calls the event handler in arrival order. So a slow event handler
 * never delays answers, and a command sent from any thread other than the event thread can wait for its answer.
 * Sends are serialised, because Jetty refuses concurrent writes on one session.
 */
public final class CdpConnection implements AutoCloseable {
    /** A CDP message can carry a whole WebSocket frame of many megabytes (base64 makes binary a third larger). */
    public static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final WebSocketClient client;
    private final Session session;
    private final ExecutorService events;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    private record Pending(String method, CompletableFuture<JsonNode> answer) { }

    private CdpConnection(WebSocketClient client, Session session, ExecutorService events) {
        this.client = client;
        this.session = session;
        this.events = events;
    }

    /**
     * Connects to a browser's DevTools WebSocket ({@code ws://HOST:PORT/devtools/browser/…}). {@code onEvent} gets
     * {@code (sessionId or "", message)} for every event, on the one event thread.
     */
    public static CdpConnection open(URI endpoint, BiConsumer<String, JsonNode> onEvent) {
        WebSocketClient client = new WebSocketClient();
        client.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        client.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        client.setMaxFrameSize(MAX_MESSAGE_BYTES);
        // A recording may sit quiet for a long time; the connection ends when the browser goes, not when idle.
        client.setIdleTimeout(Duration.ZERO);
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        client.setStopAtShutdown(false);
        ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdp-events");
            t.setDaemon(true);
            return t;
        });
        Endpoint endpointListener = new Endpoint();
        try {
            client.start();
            // No Origin header: Chrome 111+ refuses DevTools connections from a foreign Origin.
            Session session = client.connect(endpointListener, endpoint).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            CdpConnection connection = new CdpConnection(client, session, events);
            endpointListener.bind(connection, onEvent);
            return connection;
        } catch (Exception e) {
            events.shutdownNow();
            stopQuietly(client);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RecorderException("cannot connect to the browser's DevTools at " + endpoint + " (" + rootMessage(e)
                    + "); check that the browser is running with remote debugging enabled", e);
        }
    }

    /** Sends a command and returns its answer's {@code result}; the future fails with the browser's error. */
    public CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        if (sessionId != null && !sessionId.isEmpty()) {
            message.put("sessionId", sessionId);
        }
        message.set("params", params == null ? Json.MAPPER.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        if (closed.isDone()) {
            answer.completeExceptionally(new RecorderException(method + " not sent: " + closed.join()));
            return answer;
        }
        pending.put(id, new Pending(method, answer));
        String text = Json.compact(message);
        synchronized (sendLock) {
            Callback.Completable written = new Callback.Completable();
            session.sendText(text, written);
            try {
                written.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                pending.remove(id);
                answer.completeExceptionally(new RecorderException(method + " could not be sent: " + rootMessage(e), e));
            }
        }
        return answer;
    }

    /** Sends a command and waits for its answer; never call this on the event thread. */
    public JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout) {
        try {
            return send(sessionId, method, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecorderException("interrupted while waiting for " + method, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RecorderException("the browser did not answer " + method + " within " + timeout.toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RecorderException r ? r : new RecorderException(method + " failed: " + rootMessage(e), e);
        }
    }

    /** Completes with the reason once the connection is gone, whoever closed it. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Runs a task on the event thread, after every event received so far. */
    public CompletableFuture<Void> afterEvents() {
        try {
            return CompletableFuture.runAsync(() -> { }, events);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // closed: nothing more will be delivered
        }
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            session.close(1000, "recording ended", Callback.NOOP);
            lost("the recorder closed the connection");
            stopQuietly(client);
            events.shutdown();
            try {
                events.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onText(String text, BiConsumer<String, JsonNode> onEvent) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return; // A message we cannot parse is neither an answer we wait for nor an event we record.
        }
        JsonNode id = message.get("id");
        if (id != null) {
            Pending p = pending.remove(id.asLong());
            if (p != null) {
                JsonNode error = message.get("error");
                if (error != null) {
                    p.answer().completeExceptionally(new RecorderException(p.method() + " failed: " + error.path("message").asText(error.toString())));
                } else {
                    p.answer().complete(message.path("result"));
                }
            }
            return;
        }
        String sessionId = message.path("sessionId").asText("");
        try {
            events.execute(() -> onEvent.accept(sessionId, message));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The recorder is closing: events after close() are not wanted.
        }
    }

    private void lost(String reason) {
        if (closed.complete(reason)) {
            RecorderException gone = new RecorderException("the browser connection closed: " + reason);
            pending.values().forEach(p -> p.answer().completeExceptionally(gone));
            pending.clear();
        }
    }

    private static void stopQuietly(WebSocketClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping a client that failed to start or is already stopped has nothing left to release.
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Jetty's listener; binds to the connection once the upgrade has succeeded. */
    // Public because Jetty builds method handles for the listener methods.
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private volatile CdpConnection connection;
        private volatile BiConsumer<String, JsonNode> onEvent;
        private final java.util.List<String> early = new java.util.concurrent.CopyOnWriteArrayList<>();

        synchronized void bind(CdpConnection c, BiConsumer<String, JsonNode> handler) {
            onEvent = handler;
            connection = c;
            early.forEach(text -> c.onText(text, handler));
            early.clear();
        }

        @Override
        public void onWebSocketText(String text) {
            CdpConnection c = connection;
            if (c == null) {
                synchronized (this) {
                    if (connection == null) {
                        early.add(text);
                        return;
                    }
                    c = connection;
                }
            }
            c.onText(text, onEvent);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            CdpConnection c = connection;
            if (c != null) {
                c.lost("the browser closed the DevTools connection" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
            }
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            CdpConnection c = connection;
            if (c != null) {
                // The cause is an I/O exception name at best (ClosedChannelException): say what it means.
                LoggerHolder.LOG.debug("DevTools connection error", cause);
                c.lost("the DevTools connection to the browser broke");
            }
        }
    }


    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CdpConnection.class);
    }
}
