package dev.kosmirecorder.testing;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small capture full of the secrets export must hide (a logged-in token in Authorization, cookies both ways, an
 * opaque token in {@code connection_init}, a token in a query string) and of the edge cases HAR must carry
 * (microsecond times, a binary frame, a connection that failed after the upgrade, an exchange with no answer).
 * The fixtures in {@code fixtures/} are anonymous and hold no cookies, so the secrets test adds this one.
 */
public final class SecretCapture {
    public static final String TOKEN = SyntheticKosmiRoom.token("9d2f0c1e-2222-4b3c-8d4e-5f6a7b8c9d0e",
            "aa11bb22-cc33-4d44-8e55-ff6677889900", SyntheticKosmiRoom.STARTED_AT.getEpochSecond());
    public static final String SESSION_COOKIE = "s3ss10n-c00k13-v4lu3";
    public static final String SET_COOKIE_VALUE = "fr3sh-c00k13-fr0m-s3rv3r";
    public static final String OPAQUE_TOKEN = "0paqu3-r3fr3sh-t0k3n-v4lu3";
    public static final String API_KEY = "4p1-k3y-s3cr3t";

    private SecretCapture() {
    }

    public static Capture capture() {
        Instant start = Instant.parse("2026-11-02T09:30:00.000250Z");
        Session session = new Session(null, SessionKind.RECORDING, "Logged-in session with cookies", "https://app.kosmi.io/room/@secret",
                SessionStatus.INTERRUPTED, start, start.plusSeconds(5), 2, Map.of("synthetic", "true"));
        HttpExchange login = HttpExchange.builder().id(1).requestId("77.1").method("POST").url("https://engine.kosmi.io/")
                .requestHeaders(Headers.of("Authorization", "Bearer " + TOKEN, "Cookie", "sid=" + SESSION_COOKIE + "; theme=dark",
                        "Content-Type", "application/json", "X-Api-Key", API_KEY))
                .requestBody(Payload.ofText("{\"operationName\":\"RefreshToken\",\"variables\":{\"refreshToken\":\"" + OPAQUE_TOKEN + "\"}}"))
                .status(200)
                .responseHeaders(Headers.of("Content-Type", "application/json", "Set-Cookie",
                        "sid=" + SET_COOKIE_VALUE + "; Path=/; HttpOnly; Secure\nlang=en; Max-Age=3600"))
                .responseBody(Payload.ofText("{\"data\":{\"refreshToken\":{\"token\":\"" + TOKEN + "\"}}}"))
                .startMicros(1_001).endMicros(2_345_678L).build();
        HttpExchange pending = HttpExchange.builder().id(2).requestId("77.2").method("GET")
                .url("https://engine.kosmi.io/status?token=" + OPAQUE_TOKEN + "&x=1").startMicros(4_000_000).build();
        WsConnection ws = WsConnection.builder().id(3).requestId("77.3").url("wss://engine.kosmi.io/gql-ws?token=" + TOKEN)
                .requestHeaders(Headers.of("Origin", "https://app.kosmi.io", "Cookie", "sid=" + SESSION_COOKIE,
                        "Sec-WebSocket-Protocol", "graphql-ws"))
                .status(101).statusText("Switching Protocols")
                .responseHeaders(Headers.of("Sec-WebSocket-Protocol", "graphql-ws", "Set-Cookie", "ws=" + SET_COOKIE_VALUE))
                .subprotocol("graphql-ws").openedMicros(2_500_000).closedMicros(4_900_001L).closeCode(1006)
                .error("net::ERR_CONNECTION_RESET").build();
        List<Frame> frames = List.of(
                Frame.text(3, 1, Direction.SENT, "{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + TOKEN
                        + "\",\"refresh\":\"" + OPAQUE_TOKEN + "\",\"v\":\"4364\"}}", 2_600_001),
                Frame.text(3, 2, Direction.RECEIVED, "{\"type\":\"connection_ack\",\"payload\":{}}", 2_700_123),
                Frame.of(3, 3, Direction.RECEIVED, Opcode.BINARY, Payload.of(new byte[] {0, 1, 2, (byte) 0xff}), 2_800_999),
                Frame.text(3, 4, Direction.SENT, "not json at all, token " + TOKEN, 2_900_000));
        return Capture.annotated(session, List.of(login, pending), List.of(ws), frames);
    }
}
