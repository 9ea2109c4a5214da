package dev.kosmirecorder.recorder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.recorder.NetworkBrowser;
import dev.kosmirecorder.recorder.NetworkEvent;
import dev.kosmirecorder.recorder.NetworkListener;
import dev.kosmirecorder.recorder.RecorderException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link NetworkBrowser}: the DevTools Protocol in flat-session mode over {@link CdpConnection}.
 * It opens its own tab, auto-attaches (flatten, wait for the debugger on start) to everything the tab spawns and,
 * at the browser level, to service and shared workers; each new target gets {@code Network.enable} before
 * {@code Runtime.runIfWaitingForDebugger} lets it run, so no early request or socket is missed
 * (see docs/CDP.md: without this, sockets opened in workers are not seen at all).
 */
public final class CdpBrowser implements NetworkBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(CdpBrowser.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Request bodies up to this size come inline with requestWillBeSent. */
    private static final int MAX_INLINE_POST_DATA = 16 * 1024 * 1024;
    private static final Set<String> NETWORK_TARGETS = Set.of("page", "iframe", "worker", "shared_worker", "service_worker");

    private final URI endpoint;
    private final boolean ownsBrowser;
    /**
     * Commands asked for while handling events (setting up new targets, fetching bodies) are sent from here, never
     * from the event thread, in the order they were asked for.
     */
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdp-commands");
        t.setDaemon(true);
        return t;
    });
    private volatile CdpConnection cdp;
    private volatile NetworkListener listener;
    private volatile String pageTargetId;
    private volatile String pageSession;
    private volatile String product = "unknown";
    private volatile boolean closing;
    /** Targets whose Network domain is on; a target attached twice (page level and browser level) reports once. */
    private final Set<String> networkTargets = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private CdpBrowser(URI endpoint, boolean ownsBrowser) {
        this.endpoint = endpoint;
        this.ownsBrowser = ownsBrowser;
    }

    /**
     * A driver for the browser at {@code endpoint} ({@code ws://…/devtools/browser/…}). With {@code ownsBrowser},
     * {@link #close()} closes the whole browser (one this recorder launched); without, only the tab it opened.
     */
    public static CdpBrowser connect(URI endpoint, boolean ownsBrowser) {
        CdpBrowser browser = new CdpBrowser(endpoint, ownsBrowser);
        browser.cdp = CdpConnection.open(endpoint, browser::onMessage);
        return browser;
    }

    @Override
    public void start(NetworkListener networkListener) {
        if (listener != null) {
            throw new IllegalStateException("start() already called");
        }
        listener = networkListener;
        cdp.closed().thenAccept(reason -> {
            if (!closing) {
                networkListener.onDisconnected(reason);
            }
        });
        product = cdp.call(null, "Browser.getVersion", null, COMMAND_TIMEOUT).path("product").asText("unknown");
        // Service and shared workers are not children of the tab: attach to them at the browser level.
        ArrayNode filter = Json.MAPPER.createArrayNode();
        filter.addObject().put("type", "service_worker").put("exclude", false);
        filter.addObject().put("type", "shared_worker").put("exclude", false);
        filter.addObject().put("exclude", true);
        ObjectNode browserLevel = autoAttach();
        browserLevel.set("filter", filter);
        cdp.send(null, "Target.setAutoAttach", browserLevel).exceptionally(e -> {
            LOG.warn("this browser does not attach to service and shared workers: {}", CdpConnection.rootMessage(e));
            return null;
        });
        pageTargetId = cdp.call(null, "Target.createTarget", Json.MAPPER.createObjectNode().put("url", "about:blank"), COMMAND_TIMEOUT)
                .path("targetId").asText();
        pageSession = cdp.call(null, "Target.attachToTarget",
                Json.MAPPER.createObjectNode().put("targetId", pageTargetId).put("flatten", true), COMMAND_TIMEOUT)
                .path("sessionId").asText();
        cdp.call(pageSession, "Network.enable", networkEnable(), COMMAND_TIMEOUT);
        cdp.call(pageSession, "Target.setAutoAttach", autoAttach(), COMMAND_TIMEOUT);
        cdp.call(pageSession, "Page.enable", null, COMMAND_TIMEOUT);
    }

    @Override
    public void navigate(String url) {
        requireStarted();
        JsonNode result = cdp.call(pageSession, "Page.navigate", Json.MAPPER.createObjectNode().put("url", url), COMMAND_TIMEOUT);
        String error = result.path("errorText").asText("");
        if (!error.isEmpty()) {
            throw new RecorderException("the browser could not open " + url + " (" + error + "); check the URL and that the site is reachable");
        }
    }

    @Override
    public CompletableFuture<Payload> responseBody(String targetSession, String requestId) {
        return offEventThread(targetSession, "Network.getResponseBody", requestId).thenApply(r -> body(r, "body"));
    }

    @Override
    public CompletableFuture<Payload> requestPostData(String targetSession, String requestId) {
        return offEventThread(targetSession, "Network.getRequestPostData", requestId).thenApply(r -> body(r, "postData"));
    }

    private CompletableFuture<JsonNode> offEventThread(String targetSession, String method, String requestId) {
        try {
            return CompletableFuture.supplyAsync(() -> cdp.send(targetSession, method,
                    Json.MAPPER.createObjectNode().put("requestId", requestId)), commands).thenCompose(answer -> answer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new RecorderException(method + " not sent: the recorder is closing"));
        }
    }

    private static Payload body(JsonNode result, String field) {
        String text = result.path(field).asText("");
        return result.path("base64Encoded").asBoolean(false) ? Payload.ofBase64(text) : Payload.ofText(text);
    }

    @Override
    public CompletableFuture<Void> settle() {
        return cdp.afterEvents();
    }

    @Override
    public CompletableFuture<String> evaluate(String expression) {
        requireStarted();
        ObjectNode params = Json.MAPPER.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
        return cdp.send(pageSession, "Runtime.evaluate", params).thenApply(r -> {
            if (r.has("exceptionDetails")) {
                throw new RecorderException("the page could not evaluate " + expression + ": "
                        + r.path("exceptionDetails").path("exception").path("description").asText(r.path("exceptionDetails").path("text").asText()));
            }
            JsonNode value = r.path("result").path("value");
            return value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : Json.compact(value);
        });
    }

    @Override
    public String product() {
        return product;
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
        try {
            if (!cdp.closed().isDone()) {
                if (ownsBrowser) {
                    cdp.send(null, "Browser.close", null).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } else if (pageTargetId != null) {
                    cdp.send(null, "Target.closeTarget", Json.MAPPER.createObjectNode().put("targetId", pageTargetId))
                            .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The browser is already gone or closing; the launcher kills whatever is left of a browser it started.
            LOG.debug("closing the browser: {}", CdpConnection.rootMessage(e));
        } finally {
            commands.shutdownNow();
            cdp.close();
        }
    }

    @Override
    public String toString() {
        return "CdpBrowser{" + endpoint + ", " + product + (ownsBrowser ? ", launched" : ", attached") + "}";
    }

    // ---------------------------------------------------------------- event thread

    private void onMessage(String sessionId, JsonNode message) {
        NetworkListener l = listener;
        if (l == null) {
            return;
        }
        String method = message.path("method").asText("");
        JsonNode params = message.path("params");
        if (method.startsWith("Network.")) {
            l.onEvent(new NetworkEvent(sessionId, method, params));
        } else if (method.equals("Target.attachedToTarget")) {
            attached(params);
        } else if (method.equals("Target.detachedFromTarget") && params.path("sessionId").asText().equals(pageSession)
                || method.equals("Inspector.detached") && sessionId.equals(pageSession)
                || method.equals("Inspector.targetCrashed") && sessionId.equals(pageSession)) {
            if (!closing) {
                l.onPageClosed();
            }
        }
    }

    /** A new target waits for the debugger: enable Network first, then let it run (off the event thread). */
    private void attached(JsonNode params) {
        String child = params.path("sessionId").asText();
        String type = params.path("targetInfo").path("type").asText();
        String targetId = params.path("targetInfo").path("targetId").asText(child);
        boolean waiting = params.path("waitingForDebugger").asBoolean(false);
        // A service worker is attached both as the page's related target and by the browser-level auto-attach.
        boolean record = NETWORK_TARGETS.contains(type) && networkTargets.add(targetId);
        try {
            commands.execute(() -> {
                if (record) {
                    cdp.send(child, "Network.enable", networkEnable());
                    // Targets spawn targets (a worker starts a worker): attach to those too.
                    cdp.send(child, "Target.setAutoAttach", autoAttach());
                }
                if (waiting) {
                    cdp.send(child, "Runtime.runIfWaitingForDebugger", null);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: the target is not recorded.
        }
    }

    private static ObjectNode autoAttach() {
        return Json.MAPPER.createObjectNode().put("autoAttach", true).put("waitForDebuggerOnStart", true).put("flatten", true);
    }

    private static ObjectNode networkEnable() {
        return Json.MAPPER.createObjectNode().put("maxPostDataSize", MAX_INLINE_POST_DATA);
    }

    private void requireStarted() {
        if (pageSession == null) {
            throw new IllegalStateException("call start() first");
        }
    }
}
