package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A value longer than schema version 1 allowed (a URL of 8,000 characters) neither ends the audit nor is lost. */
@Timeout(60)
class LongValuesAuditTest {
    private static final Capture ROOM = BuiltInFixtures.kosmiRoom();

    @Test
    void anEightThousandCharacterUrlIsAuditedWholeAndTheAuditGoesOn() throws Exception {
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("long-" + UUID.randomUUID()));
             KosmiMock mock = KosmiMock.builder().capture(ROOM).speed(0).auditStore(store).start()) {
            // 8,000 characters of query: with the few headers below, the request still fits Jetty's 8 KiB header limit.
            String query = "q=" + "a".repeat(7_998);
            assertThat(post(mock.port(), "/?" + query, Http.ANON_LOGIN)).startsWith("HTTP/1.1 200");
            Http.post(mock.url(), Http.ANON_LOGIN);
            int played;
            try (JettySocket socket = JettySocket.connect(mock.wsUrl(), KosmiMock.KOSMI_ORIGIN, "graphql-ws")) {
                played = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS).play(socket);
            }
            mock.flushAudit();

            String audit = mock.auditSessionId().orElseThrow();
            Capture stored = store.load(audit);
            assertThat(stored.exchanges()).hasSize(2);
            HttpExchange longOne = stored.exchanges().get(0);
            assertThat(longOne.url()).endsWith("/?" + query).hasSizeGreaterThan(8_000);
            assertThat(stored.exchanges().get(1).url()).doesNotContain("?");
            assertThat(stored.connections()).hasSize(1);
            assertThat(stored.frames()).as("frames after the long URL are audited").hasSizeGreaterThanOrEqualTo(played);
            assertThat(stored.session().framesLost()).isZero();
        }
    }

    /** One request over a plain socket, with no more headers than it needs. */
    private static String post(int port, String target, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + content.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
