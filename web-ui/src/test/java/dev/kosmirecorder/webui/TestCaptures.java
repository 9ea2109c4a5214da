package dev.kosmirecorder.webui;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Captures the web UI's tests need beyond the built-in fixtures, from factories with fixed timestamps. */
final class TestCaptures {
    /** Markup and script in every captured field a page shows; none of it may run or become an element. */
    static final String[] HOSTILE = {
            "<svg onload=\"window.__injected=1\"><img src=x onerror=\"window.__injected=2\">",
            "\"><iframe srcdoc=\"<script>parent.__injected=3</script>\"></iframe>",
            "</pre></td></tr></table><script>window.__injected=4</script><object data=x></object>",
            "javascript:window.__injected=5",
            "{{constructor.constructor('window.__injected=6')()}}<style>body{display:none}</style>",
    };
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private TestCaptures() {
    }

    /** A session whose name, target, headers, bodies, refusal reason and frames are all hostile markup. */
    static Capture hostile() {
        Session session = new Session(null, SessionKind.IMPORT, HOSTILE[0], HOSTILE[3], SessionStatus.COMPLETE, START,
                START.plusSeconds(5), 0, Map.of("note", HOSTILE[1]));
        HttpExchange exchange = HttpExchange.builder().id(1).method("POST").url("https://engine.kosmi.io/?q=" + HOSTILE[1])
                .requestHeaders(Headers.of("X-Evil", HOSTILE[2]))
                .requestBody(Payload.ofText(HOSTILE[4]))
                .status(200).responseHeaders(Headers.of("Content-Type", HOSTILE[0]))
                .responseBody(Payload.ofText("{\"data\":{\"x\":\"" + HOSTILE[2].replace("\"", "\\\"") + "\"}}"))
                .startMicros(1_000).endMicros(2_000L).build();
        WsConnection refused = WsConnection.builder().id(1).url("wss://engine.kosmi.io/gql-ws#" + HOSTILE[0])
                .requestHeaders(Headers.of("Origin", HOSTILE[1], "Sec-WebSocket-Protocol", HOSTILE[2]))
                .status(403).statusText(HOSTILE[0]).rejected(true).error(HOSTILE[2])
                .responseBody(Payload.ofText(HOSTILE[1])).openedMicros(3_000).build();
        WsConnection open = WsConnection.builder().id(2).url("wss://engine.kosmi.io/gql-ws").status(101)
                .statusText("Switching Protocols").subprotocol("graphql-ws").openedMicros(4_000).build();
        List<Frame> frames = List.of(
                Frame.text(2, 1, Direction.SENT, "{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"operationName\":\"" + "Evil<script>x</script>"
                        + "\",\"query\":\"subscription Evil { x }\"}}", 5_000),
                Frame.text(2, 2, Direction.RECEIVED, HOSTILE[2], 6_000),
                Frame.text(2, 3, Direction.RECEIVED, "{\"type\":\"data\",\"id\":\"1\",\"payload\":{\"data\":{\"body\":\""
                        + HOSTILE[0].replace("\"", "\\\"") + "\"}}}", 7_000),
                Frame.of(2, 4, Direction.RECEIVED, Opcode.BINARY, Payload.of("<script>window.__injected=7</script>\u0000\u00ff"
                        .getBytes(StandardCharsets.ISO_8859_1)), 8_000));
        return Capture.annotated(session, List.of(exchange), List.of(refused, open), frames);
    }

    /**
     * {@code count} frames a quarter second apart (frame n at n × 250 ms), alternating between connections 1 and 2
     * and between sent and received, each {@code {"type":"data","id":"n","payload":{"data":{"n":n}}}}: more than
     * one page of the frame table.
     */
    static Capture manyFrames(int count) {
        Session session = new Session(null, SessionKind.IMPORT, "many frames", "wss://engine.kosmi.io/gql-ws", SessionStatus.COMPLETE,
                START, START.plusMillis(count * 250L + 250), 0, Map.of());
        List<WsConnection> connections = List.of(
                WsConnection.builder().id(1).url("wss://engine.kosmi.io/gql-ws").status(101).subprotocol("graphql-ws").openedMicros(0).build(),
                WsConnection.builder().id(2).url("wss://engine.kosmi.io/gql-ws?second").status(101).subprotocol("graphql-ws").openedMicros(0).build());
        List<Frame> frames = new java.util.ArrayList<>();
        for (int n = 1; n <= count; n++) {
            frames.add(Frame.text(n % 2 == 1 ? 1 : 2, n, n % 2 == 1 ? Direction.SENT : Direction.RECEIVED,
                    "{\"type\":\"data\",\"id\":\"" + n + "\",\"payload\":{\"data\":{\"n\":" + n + "}}}", n * 250_000L));
        }
        return Capture.annotated(session, List.of(), connections, frames);
    }

    /**
     * A client's attempt as the mock's audit would hold it: no Origin, no subprotocol, another user agent in
     * {@code connection_init}'s base64 {@code ua}, refused with 403.
     */
    static Capture clientWithoutOrigin() {
        Session session = new Session(null, SessionKind.MOCK, "my client's attempt", "ws://127.0.0.1:8787/gql-ws",
                SessionStatus.COMPLETE, START, START.plusSeconds(1), 0, Map.of());
        WsConnection attempt = WsConnection.builder().id(1).url("ws://127.0.0.1:8787/gql-ws")
                .requestHeaders(Headers.of("Host", "127.0.0.1:8787", "Upgrade", "websocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw==", "Sec-WebSocket-Version", "13",
                        "User-Agent", "okhttp/5.0.0"))
                .status(403).statusText("Forbidden").rejected(true)
                .error("strict mode: the handshake has no Origin header; send Origin: https://app.kosmi.io")
                .openedMicros(1_000).closedMicros(2_000L).build();
        String ua = Base64.getEncoder().encodeToString("okhttp/5.0.0".getBytes(StandardCharsets.UTF_8));
        Frame init = Frame.text(1, 1, Direction.SENT, "{\"type\":\"connection_init\",\"payload\":{\"ua\":\"" + ua + "\"}}", 1_500);
        return Capture.annotated(session, List.of(), List.of(attempt), List.of(init));
    }
}
