package dev.kosmirecorder.replayer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket upgrade written by hand on a plain socket, so a test controls every header (no Origin at all, an
 * odd subprotocol) and reads a refusal's status, headers and body exactly as sent.
 */
record RawHandshake(int status, Map<String, String> headers, String body) {

    static RawHandshake attempt(URI ws, Map<String, String> extraHeaders) throws IOException {
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            String head = upgrade(socket, ws, extraHeaders);
            InputStream in = socket.getInputStream();
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = "";
            if (headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            }
            return new RawHandshake(status, headers, body);
        }
    }

    /**
     * Upgrades with {@code graphql-ws}, sends {@code text} as one masked frame, reads until the server's close frame
     * and then aborts the TCP connection (RST) instead of answering the close: a client that hangs up at once.
     * Returns the close code the server sent.
     */
    static int sendThenAbortOnClose(URI ws, String text) throws IOException {
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            String head = upgrade(socket, ws, Map.of("Sec-WebSocket-Protocol", "graphql-ws"));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head);
            }
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            if (payload.length > 125) {
                throw new IllegalArgumentException("a short frame only: " + payload.length + " bytes");
            }
            byte[] mask = {1, 2, 3, 4};
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | payload.length);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
            while (true) {
                int opcode = in.read() & 0x0f;
                int length = in.read() & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    throw new IOException("unexpectedly large server frame");
                }
                byte[] body = in.readNBytes(length);
                if (opcode == 0x8) {
                    socket.setSoLinger(true, 0);
                    return body.length >= 2 ? ((body[0] & 0xff) << 8) | (body[1] & 0xff) : 1005;
                }
            }
        }
    }

    /** Writes the upgrade request with {@code extraHeaders} and returns the response head. */
    static String upgrade(Socket socket, URI ws, Map<String, String> extraHeaders) throws IOException {
        socket.setSoTimeout(15_000);
        StringBuilder request = new StringBuilder("GET " + ws.getPath() + " HTTP/1.1\r\n")
                .append("Host: ").append(ws.getHost()).append(':').append(ws.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readHead(socket.getInputStream());
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head ended: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8).strip();
    }
}
