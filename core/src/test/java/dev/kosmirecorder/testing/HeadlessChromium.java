package dev.kosmirecorder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A real headless Chromium for browser tests: launched with the project's flags, a fresh profile and TMPDIR in
 * one temp folder, DevTools on a free port; driven over CDP flat sessions with the JDK's WebSocket client.
 * {@link #close()} closes the browser, kills what is left of its process tree (by pid) and deletes the folder.
 *
 * <p>This is test code shared by the modules' browser tests. The recorder has its own production launcher.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path home;
    private final int port;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Page> pages = new ArrayList<>();
    private boolean closed;

    private HeadlessChromium(Process process, Path home, int port, WebSocket socket) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.socket = socket;
    }

    /** The Chromium binary: {@code KOSMI_CHROME}, else Debian's real binary, else {@code chromium} on the PATH. */
    public static Path binary() {
        String configured = System.getenv("KOSMI_CHROME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("no Chromium found: install it (apt-get install -y chromium) or set KOSMI_CHROME; "
                + ".ci/run installs it");
    }

    public static HeadlessChromium launch() {
        Path home;
        try {
            home = Files.createTempDirectory("kosmi-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            Path profile = Files.createDirectories(home.resolve("profile"));
            Path tmp = Files.createDirectories(home.resolve("tmp"));
            List<String> command = new ArrayList<>();
            command.add(binary().toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.add("--remote-debugging-port=0");
            command.add("--remote-debugging-address=127.0.0.1");
            command.add("about:blank");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("chromium.log").toFile());
            pb.environment().put("TMPDIR", tmp.toString());
            process = pb.start();
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Chromium exited with " + process.exitValue() + " at start: "
                            + Files.readString(home.resolve("chromium.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium did not open DevTools within " + START_TIMEOUT.toSeconds() + " s");
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            List<String> lines = Files.readAllLines(activePort);
            int port = Integer.parseInt(lines.get(0).strip());
            String path = lines.get(1).strip();
            Listener listener = new Listener();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, home, port, ws);
            listener.owner = chromium;
            return chromium;
        } catch (Exception e) {
            if (process != null) {
                killTree(process);
            }
            deleteRecursively(home);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot launch Chromium: " + e.getMessage(), e);
        }
    }

    public int devToolsPort() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The folder that holds the profile, TMPDIR and Chromium's log; deleted by {@link #close()}. */
    public Path home() {
        return home;
    }

    /** Opens a new tab at {@code about:blank}, attached as a flat session. */
    public synchronized Page newPage() {
        JsonNode target = send(null, "Target.createTarget", Json.MAPPER.createObjectNode().put("url", "about:blank"));
        String targetId = target.path("targetId").asText();
        JsonNode attached = send(null, "Target.attachToTarget", Json.MAPPER.createObjectNode().put("targetId", targetId).put("flatten", true));
        Page page = new Page(this, targetId, attached.path("sessionId").asText());
        page.call("Page.enable", null);
        page.call("Runtime.enable", null);
        pages.add(page);
        return page;
    }

    JsonNode send(String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        message.set("params", params == null ? Json.MAPPER.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(Json.compact(message), true).join();
        }
        try {
            JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode message = Json.MAPPER.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
                if (answer != null) {
                    answer.complete(message);
                }
            }
        } catch (IOException e) {
            // A CDP message we cannot parse answers nothing we wait for.
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CompletableFuture.runAsync(() -> send(null, "Browser.close", null)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The browser may already be gone; it is killed below either way.
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killTree(process);
        socket.abort();
        deleteRecursively(home);
    }

    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: it was sent SIGKILL
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Chromium may still be writing as it dies; the next pass or the OS cleans up.
                }
            });
        } catch (IOException e) {
            // folder already gone
        }
    }

    /** One tab, driven through its flat CDP session. */
    public static final class Page {
        private final HeadlessChromium browser;
        private final String targetId;
        private final String sessionId;

        Page(HeadlessChromium browser, String targetId, String sessionId) {
            this.browser = browser;
            this.targetId = targetId;
            this.sessionId = sessionId;
        }

        public JsonNode call(String method, ObjectNode params) {
            return browser.send(sessionId, method, params);
        }

        /** Navigates and waits until the document has loaded. */
        public Page navigate(String url) {
            call("Page.navigate", Json.MAPPER.createObjectNode().put("url", url));
            waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(30));
            return this;
        }

        /** Evaluates JavaScript (awaiting promises) and returns its JSON value; a thrown exception fails the call. */
        public JsonNode evaluate(String expression) {
            JsonNode result = call("Runtime.evaluate", Json.MAPPER.createObjectNode()
                    .put("expression", expression).put("awaitPromise", true).put("returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails").toString());
            }
            return result.path("result").path("value");
        }

        /** Polls a JavaScript condition until it is true; fails with the expression when it never becomes true. */
        public void waitFor(String condition, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode value;
                try {
                    value = evaluate("!!(" + condition + ")");
                } catch (IllegalStateException e) {
                    value = null; // the page may be between documents
                }
                if (value != null && value.asBoolean()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + condition);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for: " + condition);
                }
            }
        }

        /** A PNG of the viewport at the given size. */
        public byte[] screenshot(int width, int height) {
            call("Emulation.setDeviceMetricsOverride", Json.MAPPER.createObjectNode()
                    .put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
            JsonNode shot = call("Page.captureScreenshot", Json.MAPPER.createObjectNode().put("format", "png"));
            return Base64.getDecoder().decode(shot.path("data").asText());
        }

        public void close() {
            browser.send(null, "Target.closeTarget", Json.MAPPER.createObjectNode().put("targetId", targetId));
        }
    }

    /** Reassembles CDP messages that arrive in parts (large results such as screenshots). */
    private static final class Listener implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    o.onMessage(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
