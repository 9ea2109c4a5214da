package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} from the shaded jar, as a user starts it: it prints its URLs, answers health, and shows its audit. */
@Timeout(120)
class ServeCommandIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern UI = Pattern.compile("UI\\s+(http://127\\.0\\.0\\.1:\\d+/)");

    private Process process;
    /** Every line serve printed (stdout and stderr), as it printed them. */
    private final List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path serveTmp;

    @AfterEach
    void stopTheMock() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static Path jar() {
        String project = System.getProperty("kosmi.project.dir");
        Path root = project != null ? Path.of(project) : Path.of("..").toAbsolutePath().normalize();
        return root.resolve("cli/target/kosmi-recorder.jar");
    }

    /** Starts {@code serve} from the jar and returns what it printed up to its "Press Ctrl-C" line. */
    private String startServe(String... args) throws Exception {
        // Its own temporary folder, so the test sees the run's scratch store come and go.
        List<String> command = new ArrayList<>(List.of("java", "-Djava.io.tmpdir=" + serveTmp, "-jar", jar().toString(), "serve"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    printed.add(line);
                    seen.append(line).append('\n');
                    if (line.contains("Press Ctrl-C to stop.")) {
                        banner.complete(seen.toString());
                    }
                }
            } catch (IOException e) {
                banner.completeExceptionally(new UncheckedIOException(e));
            }
            banner.completeExceptionally(new AssertionError("serve ended without printing its URL; it printed:\n" + seen));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        return banner.get(60, TimeUnit.SECONDS);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", pattern, text).isTrue();
        return m.group(1);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servePrintsItsUrlAndAnswersHealthOnTheBuiltInFixture() throws Exception {
        long started = System.nanoTime();
        URI base = URI.create(group(LISTENING, startServe("--port", "0", "--no-ui")));
        HttpResponse<String> health = get(base.resolve("/__admin/health"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"", "Synthetic anonymous room");
        assertThat(base.getPort()).isPositive();
        // A figure for the report, not an assertion: this machine is shared.
        System.out.println("serve: start to /__admin/health 200 in " + millis + " ms");
    }

    @Test
    void servePrintsALinePerConnectionRefusalUnmatchedOperationAndPostAndASummaryOnSigterm() throws Exception {
        URI base = URI.create(group(LISTENING, startServe("--port", "0", "--no-ui")));
        http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString(
                "{\"query\":\"query Nobody { x }\",\"operationName\":\"Nobody\"}")).build(), HttpResponse.BodyHandlers.ofString());

        java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().subprotocols("graphql-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/gql-ws"), new WebSocket.Listener() {
                    private final StringBuilder part = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        part.append(data);
                        if (last) {
                            texts.add(part.toString());
                            part.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true).get(10, TimeUnit.SECONDS);
        String text;
        do {
            text = texts.poll(20, TimeUnit.SECONDS);
            assertThat(text).as("the ack").isNotNull();
        } while (!text.contains("connection_ack"));
        ws.sendText("{\"type\":\"start\",\"id\":\"9\",\"payload\":{\"query\":\"subscription Nobody { x }\"}}", true)
                .get(10, TimeUnit.SECONDS);
        do {
            text = texts.poll(20, TimeUnit.SECONDS);
            assertThat(text).as("the error for the unknown operation").isNotNull();
        } while (!text.contains("\"error\""));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(printed)
                .anyMatch(l -> l.matches("127\\.0\\.0\\.1:\\d+ POST / .*Nobody.* 200"))
                .anyMatch(l -> l.matches("127\\.0\\.0\\.1:\\d+ WS #\\d+ unmatched operation .*Nobody.*"))
                .anyMatch(l -> l.matches("127\\.0\\.0\\.1:\\d+ WS /gql-ws 101 graphql-ws · ack · \\d+↓ 2↑ · close 1000 done")));

        try (var inTmp = Files.list(serveTmp)) {
            assertThat(inTmp).as("the audit's scratch store while serve runs")
                    .anyMatch(p -> p.getFileName().toString().startsWith("kosmi-serve-"));
        }

        // SIGTERM through the handle: Process.destroy() would also close our end of serve's output.
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(serveTmp).as("the scratch store is deleted when serve ends").isEmptyDirectory();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(printed).anyMatch(l -> l.matches(
                "serve stopped: 1 client, \\d+↓ 2↑ frames, audit session \\S+ discarded with the run.s temporary store .*0 lost\\)")));
    }

    @Test
    void quietServePrintsNoConnectionLines() throws Exception {
        URI base = URI.create(group(LISTENING, startServe("--port", "0", "--no-ui", "--quiet", "--strict")));
        assertThat(get(base.resolve("/__admin/health")).statusCode()).isEqualTo(200);
        // A refused upgrade (strict, no Origin) would print a line without --quiet.
        assertThat(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/gql-ws"),
                new WebSocket.Listener() { }).handle((w, e) -> e).get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(printed).anyMatch(l -> l.startsWith("serve stopped: 0 clients")));
        assertThat(printed).noneMatch(l -> l.contains(" WS ") || l.contains(" refused"));
    }

    @Test
    void serveShowsTheReplayedCaptureAndTheAuditOfAClientAttemptInItsWebUi() throws Exception {
        String banner = startServe("--port", "0", "--ui-port", "0");
        URI base = URI.create(group(LISTENING, banner));
        URI ui = URI.create(group(UI, banner));

        // A client attempt without Origin or subprotocol: the audit keeps it, accepted or not.
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/gql-ws"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode sessions = Json.MAPPER.readTree(
                    get(ui.resolve("/api/sessions")).body());
            assertThat(sessions.findValuesAsText("kind")).contains("recording", "mock");
            assertThat(sessions.findValues("connections").stream().mapToInt(JsonNode::asInt).sum())
                    .isGreaterThanOrEqualTo(2);
        });
        assertThat(get(ui.resolve("/")).statusCode()).isEqualTo(200);
    }
}
