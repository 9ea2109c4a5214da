package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Memory is bounded in bytes per client: its outbox and the length of its ids; a client over a bound is closed with 1008. */
@Timeout(120)
class MemoryBoundsTest {
    private static final long OUTBOX_BYTES = 256 * 1024;

    /** What the mock reported about each ended connection. */
    private final BlockingQueue<MockListener.ConnectionReport> ended = new LinkedBlockingQueue<>();
    private final MockListener listener = new MockListener() {
        @Override
        public void connectionEnded(ConnectionReport report) {
            ended.add(report);
        }
    };

    @Test
    void anIdOverTheBoundIsClosedWith1008() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0)
                .bounds(OUTBOX_BYTES, 100, 1 << 20).start()) {
            JdkSocket s = JdkSocket.connect(mock.wsUrl(), "graphql-ws");
            s.send("{\"type\":\"connection_init\",\"payload\":{}}");
            s.send("{\"type\":\"start\",\"id\":\"" + "x".repeat(101) + "\",\"payload\":{\"query\":\"subscription A { a }\"}}");
            assertThat(s.awaitEnd()).isEqualTo(new TestSocket.Closed(1008, "id longer than 100 characters"));
        }
    }

    @Test
    void aClientThatNeverReadsAndSendsLargeIdsIsClosedWith1008WithinItsOutboxBound() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0)
                .bounds(OUTBOX_BYTES, 1024, 1 << 20).listener(listener).start();
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(mock.wsUrl().getHost(), mock.wsUrl().getPort()));
            assertThat(RawHandshake.upgrade(socket, mock.wsUrl(), Map.of("Sec-WebSocket-Protocol", "graphql-ws")))
                    .startsWith("HTTP/1.1 101");
            OutputStream out = socket.getOutputStream();
            writeText(out, "{\"type\":\"connection_init\",\"payload\":{}}");
            // Each start names no recorded operation: the mock answers each with an error carrying the 1,000-character
            // id, and the client reads none of them.
            long sent = 0;
            try {
                for (int i = 0; i < 20_000 && ended.isEmpty(); i++) {
                    String id = String.format("%04d", i) + "i".repeat(996);
                    writeText(out, "{\"type\":\"start\",\"id\":\"" + id + "\",\"payload\":{\"query\":\"subscription Nobody { x }\"}}");
                    sent += id.length();
                }
            } catch (IOException e) {
                // The mock closed the connection: expected once it is over its bound.
            }
            // The client reads nothing: the mock gives up on it at its outbox bound, not when its own memory runs out.
            MockListener.ConnectionReport report = ended.poll(20, TimeUnit.SECONDS);
            assertThat(report).isNotNull();
            assertThat(report.closeCode()).isEqualTo(1008);
            assertThat(report.closeReason()).contains("client does not read");
            assertThat(sent).as("id bytes sent before the mock closed").isGreaterThan(OUTBOX_BYTES);
        }
    }

    /** One masked text frame of any length, as a client sends it. */
    static void writeText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = {7, 1, 3, 5};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }
}
