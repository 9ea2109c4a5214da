package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;
import dev.kosmirecorder.testing.FixtureFiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9 acceptance: two {@code serve --strict} instances of one capture, given one {@code --secret}, behind a real
 * HAProxy balancing round-robin. Each client's token POST and WebSocket go through HAProxy one after the other, so
 * round-robin sends them to different instances: the token one instance issued is accepted by the other, every
 * replayed conversation equals the recording, and both audits land in one PostgreSQL store with nothing lost.
 */
@Timeout(300)
class MockFleetTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    private static final int CLIENTS = 6;

    @TempDir
    Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void tokensFromOneInstanceAreGoodOnTheOtherAndBothAuditsLandInPostgres() throws Exception {
        Capture room = BuiltInFixtures.kosmiRoom();
        String db = PostgresCluster.shared().newDatabase().url();
        CommandProcess imported = CommandProcess.run(dir, Map.of(), "import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", db);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();

        Map<String, String> env = Map.of("KOSMI_MOCK_SECRET", "one secret for the whole fleet");
        int portA = serve(env, id, db, "a");
        int portB = serve(env, id, db, "b");
        int front = haproxy(portA, portB);

        HttpClient http = HttpClient.newHttpClient();
        for (int client = 0; client < CLIENTS; client++) {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front + "/"))
                    .header("Content-Type", "application/json").header("Origin", "https://app.kosmi.io")
                    .POST(HttpRequest.BodyPublishers.ofString(tokenRequest(room).requestBody().text())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            Matcher jwt = JWT.matcher(token.body());
            assertThat(jwt.find()).as(token.body()).isTrue();
            assertThat(token.headers().firstValue("X-Served-By")).isPresent();
            playConversation(http, front, room, jwt.group());
        }

        for (CommandProcess serve : serves) {
            serve.stop();
        }
        try (CaptureStore store = JdbcCaptureStore.open(db)) {
            List<SessionSummary> audits = store.sessions().stream().filter(s -> s.session().kind() == SessionKind.MOCK).toList();
            assertThat(audits).extracting(s -> s.session().attributes().get("mock.instance")).containsExactlyInAnyOrder("a", "b");
            // Round-robin alternates, and each client asks twice: every token POST went to one instance and every
            // WebSocket to the other, so each conversation ran on a token the other instance signed.
            assertThat(audits).anySatisfy(a -> assertThat(a.exchanges()).isEqualTo(CLIENTS))
                    .anySatisfy(a -> assertThat(a.connections()).isEqualTo(CLIENTS));
            assertThat(audits).allSatisfy(a -> assertThat(a.exchanges() + a.connections()).isEqualTo(CLIENTS));
            assertThat(audits).allSatisfy(a -> assertThat(a.session().framesLost()).isZero());
            long clientFrames = room.framesOf(room.connections().get(0).id()).stream().filter(f -> f.direction() == Direction.SENT).count();
            assertThat(audits.stream().mapToLong(SessionSummary::framesSent).sum()).isEqualTo(CLIENTS * clientFrames);
        }
    }

    private final List<CommandProcess> serves = new ArrayList<>();

    private int serve(Map<String, String> env, String session, String db, String instance) throws Exception {
        CommandProcess serve = CommandProcess.start(dir, env, "serve", "--strict", "--session", session, "--db", db, "--port", "0",
                "--no-ui", "--speed", "0", "--instance", instance);
        started.add(serve);
        serves.add(serve);
        serve.awaitOut("Press Ctrl-C to stop");
        Matcher m = LISTENING.matcher(serve.out());
        assertThat(m.find()).as(serve.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private int haproxy(int portA, int portB) throws Exception {
        int front;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            front = s.getLocalPort();
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n",
                "global",
                "  maxconn 256",
                "defaults",
                "  mode http",
                "  option http-server-close",
                "  timeout connect 5s",
                "  timeout client 60s",
                "  timeout server 60s",
                "  timeout tunnel 60s",
                "frontend mocks",
                "  bind 127.0.0.1:" + front,
                "  default_backend fleet",
                "backend fleet",
                "  balance roundrobin",
                "  http-response set-header X-Served-By %[srv_name]",
                "  server a 127.0.0.1:" + portA,
                "  server b 127.0.0.1:" + portB,
                ""));
        Path binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? Path.of("/usr/sbin/haproxy") : Path.of("haproxy");
        Process haproxy = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        started.add(() -> {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        });
        int port = front;
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            assertThat(haproxy.isAlive()).as(() -> read(dir.resolve("haproxy.log"))).isTrue();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            }
        });
        return front;
    }

    /**
     * The recording's client side with the fresh token, each client frame sent once the server frames the recording
     * shows before it have arrived; the server frames must equal the recording's, per operation id, in order.
     */
    private static void playConversation(HttpClient http, int port, Capture room, String token) throws Exception {
        List<Frame> frames = room.framesOf(room.connections().get(0).id());
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().header("Origin", "https://app.kosmi.io").subprotocols("graphql-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/gql-ws"), new Collector(received)).get(20, TimeUnit.SECONDS);
        Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
        Map<String, List<JsonNode>> actual = new LinkedHashMap<>();
        int expectedCount = 0;
        int receivedCount = 0;
        for (Frame f : frames) {
            ObjectNode m = (ObjectNode) Json.MAPPER.readTree(f.text());
            if (f.direction() == Direction.RECEIVED) {
                if (!m.path("type").asText().equals("ka")) {
                    expected.computeIfAbsent(m.path("id").asText(""), k -> new ArrayList<>()).add(m);
                    expectedCount++;
                }
                continue;
            }
            while (receivedCount < expectedCount) {
                receivedCount += take(received, actual);
            }
            if (m.path("type").asText().equals("connection_init")) {
                ((ObjectNode) m.with("payload")).put("token", token);
            }
            socket.sendText(Json.compact(m), true).get(10, TimeUnit.SECONDS);
        }
        while (receivedCount < expectedCount) {
            receivedCount += take(received, actual);
        }
        socket.abort();
        assertThat(actual).isEqualTo(expected);
    }

    private static int take(LinkedBlockingQueue<String> received, Map<String, List<JsonNode>> actual) throws Exception {
        String text = received.poll(20, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("timed out waiting for a server frame; so far: " + actual);
        }
        JsonNode m = Json.MAPPER.readTree(text);
        if (m.path("type").asText().equals("ka")) {
            return 0;
        }
        actual.computeIfAbsent(m.path("id").asText(""), k -> new ArrayList<>()).add(m);
        return 1;
    }

    private static HttpExchange tokenRequest(Capture room) {
        return room.exchanges().stream().filter(e -> e.method().equals("POST")).findFirst().orElseThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }

    /** Whole text messages into a queue; the JDK calls a listener for one message part at a time. */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> received;
        private final StringBuilder parts = new StringBuilder();

        Collector(LinkedBlockingQueue<String> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                received.add(parts.toString());
                parts.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
