package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that send a {@code POST /} body one byte at a time hold no pool thread: while 1,000 of them drip, health,
 * a normal POST and a WebSocket client are each answered within a second. Loopback only, and bounded in time.
 */
@Timeout(120)
class SlowBodiesTest {
    private static final int SLOW_CLIENTS = 1_000;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ANSWER_WITHIN).build();

    @Test
    void healthAndOtherClientsAreServedWhileAThousandBodiesDrip() throws Exception {
        List<SocketChannel> slow = new ArrayList<>();
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0).start()) {
            try {
                byte[] head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + mock.port() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
                long firstOpened = System.nanoTime();
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", mock.port()));
                    c.write(ByteBuffer.wrap(head));
                    slow.add(c);
                }
                // Rounds until the mock's 10 s body deadline nears: every slow client sends one more byte, then each kind
                // of normal client must get its answer in time.
                int rounds = 0;
                while (Duration.ofNanos(System.nanoTime() - firstOpened).compareTo(Duration.ofSeconds(8)) < 0 || rounds < 3) {
                    rounds++;
                    for (SocketChannel c : slow) {
                        drip(c, firstOpened);
                    }
                    assertAnsweredInTime("health", () -> {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(mock.url("/__admin/health")).timeout(ANSWER_WITHIN).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).isEqualTo(200);
                    });
                    assertAnsweredInTime("POST /", () -> {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(mock.url()).timeout(ANSWER_WITHIN)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Http.ANON_LOGIN)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.body()).contains("anonLogin");
                    });
                    assertAnsweredInTime("WebSocket", () -> {
                        try (JdkSocket ws = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
                            ws.send("{\"type\":\"connection_init\",\"payload\":{}}");
                            assertThat(ws.nextText()).contains("connection_ack");
                        }
                    });
                }
                assertThat(rounds).isGreaterThanOrEqualTo(3);
            } finally {
                for (SocketChannel c : slow) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWith408() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).start();
             Socket socket = new Socket("127.0.0.1", mock.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"op")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("did not arrive within 10 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    /** One more byte; past the mock's body deadline the mock may rightly have closed the connection with 408. */
    private static void drip(SocketChannel c, long firstOpened) throws IOException {
        try {
            c.write(ByteBuffer.wrap(new byte[] {' '}));
        } catch (IOException e) {
            if (Duration.ofNanos(System.nanoTime() - firstOpened).compareTo(Duration.ofSeconds(10)) < 0) {
                throw e;
            }
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void assertAnsweredInTime(String what, Check check) throws Exception {
        long start = System.nanoTime();
        try {
            check.run();
        } catch (IOException e) {
            throw new AssertionError(what + " was not answered within " + ANSWER_WITHIN.toMillis() + " ms: " + e, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(what + " answered in time").isLessThan(ANSWER_WITHIN);
    }
}
