package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.core.store.StoreException;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dead audit must not take the mock with it: when the store fails or the audit's writer dies of
 * {@link OutOfMemoryError}, {@code /__admin/health} says so (503, the audit "failed" with its cause), and upgrades,
 * replays and {@code POST /} go on as before.
 */
@Timeout(120)
class AuditFailureTest {
    private static final Capture ROOM = BuiltInFixtures.kosmiRoom();

    /** {@code store}, except that writing frames runs {@code failure} first. */
    static CaptureStore failingOnFrames(CaptureStore store, Runnable failure) {
        return (CaptureStore) Proxy.newProxyInstance(CaptureStore.class.getClassLoader(), new Class<?>[] {CaptureStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("appendFrames")) {
                        failure.run();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aStoreFailureIsReportedByHealthAndTheReplayGoesOn() throws Exception {
        try (CaptureStore inner = JdbcCaptureStore.open(StoreLocation.inMemory("fail-" + UUID.randomUUID()));
             KosmiMock mock = KosmiMock.builder().capture(ROOM).speed(0).auditStore(failingOnFrames(inner, () -> {
                 throw new StoreException("Value too long for column PAYLOAD_TEXT");
             })).start()) {
            aWholeConversation(mock.wsUrl());
            awaitAuditFailed(mock.url(), "StoreException: Value too long");
            aWholeConversation(mock.wsUrl());
            assertThat(Http.post(mock.url(), Http.ANON_LOGIN).statusCode()).isEqualTo(200);
            assertThat(mock.stats().auditState()).isEqualTo("failed");
        }
    }

    @Test
    void anAuditWriterDeadOfOutOfMemoryUnderASmallHeapLeavesTheMockServing() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                AuditFailureMain.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the forked mock's URL line").isNotNull();
            } while (!line.startsWith("MOCK "));
            URI base = URI.create(line.substring(5).strip());
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "forked-mock-output");
            drain.setDaemon(true);
            drain.start();
            URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/gql-ws");

            // The first conversation's frames reach the store's writer, which dies; what that client sees is not the point.
            JdkSocket first = JdkSocket.connect(ws, "graphql-ws");
            first.send("{\"type\":\"connection_init\",\"payload\":{}}");
            awaitAuditFailed(base, "OutOfMemoryError");
            first.abort();

            for (int i = 0; i < 3; i++) {
                aWholeConversation(ws);
            }
            assertThat(Http.post(base, Http.ANON_LOGIN).statusCode()).isEqualTo(200);
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void aWholeConversation(URI ws) throws Exception {
        FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS);
        JdkSocket s = JdkSocket.connect(ws, "graphql-ws");
        int expected = conversation.expected.values().stream().mapToInt(List::size).sum()
                + conversation.expectedAfterStop.values().stream().mapToInt(List::size).sum();
        assertThat(conversation.play(s)).isEqualTo(expected);
        s.send("{\"type\":\"connection_terminate\"}");
        assertThat(s.awaitEnd()).isEqualTo(new TestSocket.Closed(1000, "connection_terminate"));
    }

    private static void awaitAuditFailed(URI base, String cause) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = Http.CLIENT.send(HttpRequest.newBuilder(base.resolve("/__admin/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode body = FixtureConversation.parse(health.body());
            assertThat(body.path("status").asText()).isEqualTo("degraded");
            assertThat(body.path("audit").path("state").asText()).isEqualTo("failed");
            assertThat(body.path("audit").path("error").asText()).contains(cause);
        });
    }
}
