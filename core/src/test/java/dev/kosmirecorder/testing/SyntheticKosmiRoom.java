package dev.kosmirecorder.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the synthetic, protocol-faithful Kosmi room sessions kept in {@code fixtures/} (built from
 * docs/KOSMI-PROTOCOL.md: no real Kosmi frame has been published). Everything is fixed (times, ids,
 * the signing secret), so the files are reproducible: {@code FixtureFilesTest} checks that they match.
 */
public final class SyntheticKosmiRoom {
    public static final Instant STARTED_AT = Instant.parse("2026-11-01T18:00:00Z");
    public static final String ROOM = "@kosmi-recorder-demo";
    public static final String ROOM_URL = "https://app.kosmi.io/room/" + ROOM;
    public static final String ENGINE = "https://engine.kosmi.io/";
    public static final String GQL_WS = "wss://engine.kosmi.io/gql-ws";
    public static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    /** The fixture's tokens are signed with this made-up secret, so that they are well-formed HS512 JWTs. */
    public static final String SIGNING_SECRET = "kosmi-recorder synthetic fixture secret, not Kosmi's; 64+ bytes for HS512 ....";
    public static final String USER_ID = "3f6c2a9e-1b7d-4c55-9a0e-7d2f4b8c6e11";
    public static final String DISPLAY_NAME = "Anonymous Capybara";

    static final String NEW_MESSAGE_QUERY = "subscription NewMessageSubscription($roomId: String!, $channelId: String!) "
            + "{ newMessage(roomId: $roomId, channelId: $channelId) { id body time user { id displayName username isAnonymous } } }";

    private SyntheticKosmiRoom() {
    }

    // ---------------------------------------------------------------- kosmi-room.json

    public static Capture kosmiRoom() {
        long iat = STARTED_AT.getEpochSecond();
        String token = token(USER_ID, "5b0e8f7a-9c3d-4e21-8f6a-2d1c0b9e7a44", iat);
        Session session = new Session(null, SessionKind.RECORDING, "Synthetic anonymous room " + ROOM, ROOM_URL,
                SessionStatus.COMPLETE, STARTED_AT, STARTED_AT.plusMillis(27_000), 0, Map.of(
                        "synthetic", "true",
                        "description", "Synthetic, protocol-faithful anonymous Kosmi room session built from docs/KOSMI-PROTOCOL.md; "
                                + "no real Kosmi traffic. Tokens are signed with a made-up secret.",
                        "recorder", "kosmi-recorder fixture generator (SyntheticKosmiRoom)"));

        HttpExchange login = anonLogin(1, "3001.12", token, 120_000, 310_500);

        Frames f = new Frames(1);
        String ua = Base64.getEncoder().encodeToString(USER_AGENT.getBytes(StandardCharsets.UTF_8));
        f.sent(455_000, msg("connection_init", null, obj().put("token", token).put("ua", ua).put("v", "4364").put("r", "")));
        f.received(512_000, msg("connection_ack", null, obj()));
        f.received(513_000, ka());

        f.sent(530_000, start("1", "ExtendedCurrentUserQuery",
                "query ExtendedCurrentUserQuery { currentUser { id connectionId user { id displayName username isAnonymous avatarUrl } } }",
                obj()));
        ObjectNode currentUser = obj();
        currentUser.putObject("currentUser").put("id", USER_ID).put("connectionId", "c-7a1e")
                .set("user", user(USER_ID, DISPLAY_NAME, "anon_capybara", true).put("avatarUrl", (String) null));
        f.received(601_250, data("1", currentUser));
        f.received(601_900, msg("complete", "1", null));

        f.sent(610_000, start("2", "JoinRoom",
                "mutation JoinRoom($id: String!, $disconnectOtherConnections: Boolean) "
                        + "{ joinRoom(id: $id, disconnectOtherConnections: $disconnectOtherConnections) { ok } }",
                obj().put("id", ROOM)));
        ObjectNode joined = obj();
        joined.putObject("joinRoom").put("ok", true);
        f.received(689_400, data("2", joined));
        f.received(690_100, msg("complete", "2", null));

        f.sent(700_000, start("3", "RoomChatQuery",
                "query RoomChatQuery($roomId: String!, $channelId: String!, $cursor: String) "
                        + "{ chatArchive(roomId: $roomId, channelId: $channelId, cursor: $cursor) "
                        + "{ forwardCursor backCursor results { id body time user { id displayName username isAnonymous } } } }",
                obj().put("roomId", ROOM).put("channelId", "general").putNull("cursor")));
        ObjectNode archive = obj();
        ObjectNode chat = archive.putObject("chatArchive").putNull("forwardCursor").put("backCursor", "cursor-0001");
        ArrayNode results = chat.putArray("results");
        String[][] history = {
                {"m-0001", "Welcome to the demo room!", "u-host", "Room Host", "roomhost", "false"},
                {"m-0002", "Is the movie starting soon?", "u-kim", "Kim", "kim", "false"},
                {"m-0003", "Five minutes, grabbing popcorn 🍿", "u-host", "Room Host", "roomhost", "false"},
                {"m-0004", "Hallo zusammen, schön hier zu sein!", "u-anon-1", "Anonymous Otter", null, "true"},
                {"m-0005", "Turn the volume down a bit please", "u-kim", "Kim", "kim", "false"},
        };
        for (int i = 0; i < history.length; i++) {
            String[] h = history[i];
            results.add(message(h[0], h[1], iat - 600 + i * 45L, user(h[2], h[3], h[4], Boolean.parseBoolean(h[5]))));
        }
        f.received(802_700, data("3", archive));
        f.received(803_300, msg("complete", "3", null));

        f.sent(810_000, start("4", "NewMessageSubscription", NEW_MESSAGE_QUERY, obj().put("roomId", ROOM).put("channelId", "general")));
        f.sent(815_000, start("5", "MemberJoins",
                "subscription MemberJoins($roomId: String!) { memberJoins(roomId: $roomId) { id role user { id displayName username isAnonymous } } }",
                obj().put("roomId", ROOM)));
        f.sent(820_000, start("6", "MemberLeaves",
                "subscription MemberLeaves($roomId: String!) { memberLeaves(roomId: $roomId) { id user { id displayName username isAnonymous } } }",
                obj().put("roomId", ROOM)));

        // Pushes on the message subscription over 20+ seconds, interleaved with keep-alives and member events.
        String longMessage = longMessage(3000);
        Object[][] pushes = {
                {2_104_300L, "m-0006", "Hi everyone 👋", "u-kim", "Kim", "kim", false},
                {3_870_150L, "m-0007", "Grüße aus Köln — naïve café, déjà vu", "u-anon-1", "Anonymous Otter", null, true},
                {5_220_800L, "m-0008", "日本語のメッセージもどうぞ。", "u-yuki", "Yuki", "yuki", false},
                {6_940_000L, "m-0009", "مرحبا بالجميع", "u-omar", "Omar", "omar", false},
                {9_310_420L, "m-0010", "Emoji test 🎉🔥👍🏽 and a family 👨‍👩‍👧", "u-kim", "Kim", "kim", false},
                {11_450_000L, "m-0011", "<img src=x onerror=alert(1)><script>document.title='pwned'</script>", "u-mallory", "Mallory", "mallory", false},
                {12_980_610L, "m-0012", longMessage, "u-host", "Room Host", "roomhost", false},
                {14_200_000L, "m-0013", "Line one\nLine two\ttabbed \"quoted\" \\ backslash", "u-yuki", "Yuki", "yuki", false},
                {16_730_900L, "m-0014", "", "u-omar", "Omar", "omar", false},
                {18_990_000L, "m-0015", "Zero-width joiner\u200d and RTL mark \u200f here", "u-kim", "Kim", "kim", false},
                {22_640_300L, "m-0017", "ok, starting the movie now 🎬", "u-host", "Room Host", "roomhost", false},
                {24_105_000L, "m-0018", "🍿🍿🍿", "u-yuki", "Yuki", "yuki", false},
        };
        long[] keepAlives = {10_513_000L, 20_513_000L};
        int ka = 0;
        for (Object[] p : pushes) {
            long t = (Long) p[0];
            while (ka < keepAlives.length && keepAlives[ka] < t) {
                f.received(keepAlives[ka++], ka());
            }
            if (t > 7_500_000L && t < 9_400_000L && !f.has("memberJoins")) {
                ObjectNode joins = obj();
                joins.putObject("memberJoins").put("id", "member-9").put("role", "guest")
                        .set("user", user("u-omar", "Omar", "omar", false));
                f.received(7_802_000L, data("5", joins));
                f.mark("memberJoins");
            }
            if (t > 16_000_000L && !f.has("memberLeaves")) {
                ObjectNode leaves = obj();
                leaves.putObject("memberLeaves").put("id", "member-4").set("user", user("u-anon-1", "Anonymous Otter", null, true));
                f.received(16_120_000L, data("6", leaves));
                f.mark("memberLeaves");
            }
            if (t > 20_000_000L && !f.has("sendMessage")) {
                // The user sends a message: the mutation is answered, and its echo arrives on the subscription.
                f.sent(21_000_000L, start("7", "SendMessage",
                        "mutation SendMessage($body: String!, $roomId: String!) { sendMessage(body: $body, roomId: $roomId) { ok } }",
                        obj().put("body", "Hello from kosmi-recorder 🦫").put("roomId", ROOM)));
                ObjectNode sent = obj();
                sent.putObject("sendMessage").put("ok", true);
                f.received(21_088_000L, data("7", sent));
                f.received(21_088_600L, msg("complete", "7", null));
                f.received(21_101_300L, data("4", newMessage("m-0016", "Hello from kosmi-recorder 🦫", iat + 21,
                        user(USER_ID, DISPLAY_NAME, null, true))));
                f.mark("sendMessage");
            }
            f.received(t, data("4", newMessage((String) p[1], (String) p[2], iat + t / 1_000_000L,
                    user((String) p[3], (String) p[4], (String) p[5], (Boolean) p[6]))));
        }
        f.sent(26_000_000L, msg("stop", "4", null));
        f.received(26_061_000L, msg("complete", "4", null));
        f.sent(26_500_000L, msg("connection_terminate", null, null));

        WsConnection connection = WsConnection.builder()
                .id(1).requestId("3001.14").url(GQL_WS)
                .requestHeaders(handshakeRequest("https://app.kosmi.io", "dGhlIHNhbXBsZSBub25jZQ=="))
                .status(101).statusText("Switching Protocols")
                .responseHeaders(Headers.of(
                        "connection", "Upgrade",
                        "date", "Sun, 01 Nov 2026 18:00:00 GMT",
                        "sec-websocket-accept", accept("dGhlIHNhbXBsZSBub25jZQ=="),
                        "sec-websocket-protocol", "graphql-ws",
                        "server", "Cowboy",
                        "upgrade", "websocket",
                        "via", "1.1 Caddy"))
                .subprotocol("graphql-ws")
                .openedMicros(420_000).closedMicros(26_600_000L)
                .build();
        return Capture.annotated(session, List.of(login), List.of(connection), f.frames);
    }

    // ---------------------------------------------------------------- handshake-403.json

    /**
     * A client page served from another origin gets a token (REST does not check Origin) and is then refused at
     * the WebSocket upgrade with 403. Chrome reports only the status of a refused handshake.
     */
    public static Capture handshake403() {
        long iat = STARTED_AT.getEpochSecond() + 3600;
        String token = token("8d3b1f2e-6a4c-4e9b-b7d1-0f5e3c2a9b88", "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", iat);
        Session session = new Session(null, SessionKind.RECORDING, "Handshake refused with 403", "http://localhost:5173/",
                SessionStatus.COMPLETE, STARTED_AT.plusSeconds(3600), STARTED_AT.plusSeconds(3600).plusMillis(1_400), 0, Map.of(
                        "synthetic", "true",
                        "description", "Synthetic session: a page served from http://localhost:5173 obtains a token, then its "
                                + "WebSocket upgrade to engine.kosmi.io is refused with HTTP 403.",
                        "chrome.refusedHandshake", "Chrome reports a refused WebSocket handshake only as the error text "
                                + "'Unexpected response code: 403'; it hides the response's headers and body, so they are not in "
                                + "this capture. 'kosmi-recorder probe' repeats the handshake to see them."));
        HttpExchange login = anonLogin(1, "4100.7", token, 95_000, 288_000).toBuilder()
                .requestHeaders(loginHeaders("http://localhost:5173", "http://localhost:5173/"))
                .build();
        WsConnection refused = WsConnection.builder()
                .id(1).requestId("4100.9").url(GQL_WS)
                .requestHeaders(handshakeRequest("http://localhost:5173", "x3JJHMbDL1EzLkh9GBhXDw=="))
                .status(403).rejected(true)
                .error("Error during WebSocket handshake: Unexpected response code: 403")
                .openedMicros(402_000).closedMicros(455_500L)
                .build();
        return Capture.annotated(session, List.of(login), List.of(refused), List.of());
    }

    // ---------------------------------------------------------------- a burst, for tests (not a fixture file)

    /**
     * A room whose history is fetched page by page: the token POST, {@code connection_init}, then {@code pages}
     * {@code RoomChatHistory} queries (variables {@code {page: N}}), each answered by {@code messagesEach}
     * {@code data} frames and a {@code complete} 10 µs apart, then {@code connection_terminate}. Replayed at speed 0,
     * it is a long burst of server frames that a client paces by waiting for each page's {@code complete} (so the
     * mock never holds more than one page for a slow client).
     */
    public static Capture historyBurst(int pages, int messagesEach) {
        return history(pages, messagesEach, i -> 10);
    }

    /**
     * One {@code RoomChatHistory} page of {@code messages} data frames, message {@code i} (from 1) recorded
     * {@code gapMicros.applyAsLong(i)} after the frame before it: known gaps, for measuring replay timing.
     */
    public static Capture historyWithGaps(int messages, java.util.function.IntToLongFunction gapMicros) {
        return history(1, messages, gapMicros);
    }

    private static Capture history(int pages, int messagesEach, java.util.function.IntToLongFunction gapMicros) {
        long iat = STARTED_AT.getEpochSecond();
        String token = token(USER_ID, "0b5e7c1a-3d2f-4a6b-9c8d-7e6f5a4b3c2d", iat);
        Session session = new Session(null, SessionKind.RECORDING, "Synthetic history burst", ROOM_URL, SessionStatus.COMPLETE,
                STARTED_AT, STARTED_AT.plusSeconds(60), 0, Map.of("synthetic", "true"));
        Frames f = new Frames(1);
        long t = 455_000;
        f.sent(t, msg("connection_init", null, obj().put("token", token)));
        f.received(t += 10, msg("connection_ack", null, obj()));
        String query = "query RoomChatHistory($roomId: String!, $page: Int!) { chatHistory(roomId: $roomId, page: $page) { id body } }";
        for (int page = 1; page <= pages; page++) {
            String id = Integer.toString(page);
            f.sent(t += 10, start(id, "RoomChatHistory", query, obj().put("roomId", ROOM).put("page", page)));
            for (int i = 1; i <= messagesEach; i++) {
                ObjectNode history = obj();
                history.putObject("chatHistory").put("id", "h-" + page + "-" + i).put("body", "message " + i + " of page " + page);
                f.received(t += gapMicros.applyAsLong(i), data(id, history));
            }
            f.received(t += 10, msg("complete", id, null));
        }
        f.sent(t += 10, msg("connection_terminate", null, null));
        WsConnection connection = WsConnection.builder().id(1).url(GQL_WS)
                .requestHeaders(handshakeRequest("https://app.kosmi.io", "dGhlIHNhbXBsZSBub25jZQ==")).status(101)
                .statusText("Switching Protocols").subprotocol("graphql-ws").openedMicros(420_000).closedMicros(t + 10).build();
        return Capture.annotated(session, List.of(anonLogin(1, "", token, 120_000, 310_500)), List.of(connection), f.frames);
    }

    // ---------------------------------------------------------------- building blocks

    private static HttpExchange anonLogin(int id, String requestId, String token, long start, long end) {
        String query = "mutation AnonLogin { anonLogin { token user { id displayName } } }";
        ObjectNode request = obj().put("operationName", "AnonLogin").put("query", query);
        request.putObject("variables");
        ObjectNode response = obj();
        response.putObject("data").putObject("anonLogin").put("token", token)
                .putObject("user").put("id", USER_ID).put("displayName", DISPLAY_NAME);
        String responseBody = Json.compact(response);
        return HttpExchange.builder()
                .id(id).requestId(requestId).method("POST").url(ENGINE)
                .requestHeaders(loginHeaders("https://app.kosmi.io", "https://app.kosmi.io/"))
                .requestBody(Payload.ofText(Json.compact(request)))
                .status(200)
                .responseHeaders(Headers.of(
                        "access-control-allow-credentials", "true",
                        "access-control-allow-origin", "https://app.kosmi.io",
                        "cache-control", "max-age=0, private, must-revalidate",
                        "content-length", Integer.toString(responseBody.getBytes(StandardCharsets.UTF_8).length),
                        "content-type", "application/json; charset=utf-8",
                        "date", "Sun, 01 Nov 2026 18:00:00 GMT",
                        "server", "Cowboy",
                        "vary", "Origin",
                        "via", "1.1 Caddy"))
                .responseBody(Payload.ofText(responseBody))
                .startMicros(start).endMicros(end)
                .build();
    }

    private static Headers loginHeaders(String origin, String referer) {
        return Headers.of(
                "Accept", "*/*",
                "Accept-Encoding", "gzip, deflate, br, zstd",
                "Accept-Language", "en-US,en;q=0.9",
                "Connection", "keep-alive",
                "Content-Type", "application/json",
                "Host", "engine.kosmi.io",
                "Origin", origin,
                "Referer", referer,
                "Sec-Fetch-Dest", "empty",
                "Sec-Fetch-Mode", "cors",
                "Sec-Fetch-Site", "same-site",
                "User-Agent", USER_AGENT);
    }

    /** A handshake in the order and case Chrome 156 reports it (see recorder's test resource cdp/chromium-156-events.jsonl and docs/CDP.md). */
    private static Headers handshakeRequest(String origin, String key) {
        return Headers.of(
                "Upgrade", "websocket",
                "Origin", origin,
                "Cache-Control", "no-cache",
                "Accept-Language", "en-US,en;q=0.9",
                "Pragma", "no-cache",
                "Connection", "Upgrade",
                "Sec-WebSocket-Key", key,
                "Accept-Encoding", "gzip, deflate, br, zstd",
                "User-Agent", USER_AGENT,
                "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Protocol", "graphql-ws",
                "Host", "engine.kosmi.io",
                "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
    }

    /** An HS512 JWT with the claim shape Kosmi uses (docs/KOSMI-PROTOCOL.md), signed with {@link #SIGNING_SECRET}. */
    public static String token(String sub, String jti, long iat) {
        ObjectNode header = obj().put("alg", "HS512").put("typ", "JWT");
        Map<String, Object> claims = new TreeMap<>(Map.of("aud", "kosmi", "exp", iat + 31_449_600L, "iat", iat, "iss", "kosmi",
                "jti", jti, "nbf", iat - 1, "sub", sub, "typ", "access"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(Json.compact(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.compact(Json.MAPPER.valueToTree(claims)).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String longMessage(int length) {
        String words = "This is a deliberately long chat message to test how captures, the mock and the UI cope with big payloads. ";
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(words);
        }
        return sb.substring(0, length);
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }

    private static ObjectNode user(String id, String displayName, String username, boolean anonymous) {
        ObjectNode u = obj().put("id", id).put("displayName", displayName);
        if (username == null) {
            u.putNull("username");
        } else {
            u.put("username", username);
        }
        return u.put("isAnonymous", anonymous);
    }

    private static ObjectNode message(String id, String body, long time, ObjectNode user) {
        ObjectNode m = obj().put("id", id).put("body", body).put("time", time);
        m.set("user", user);
        return m;
    }

    private static ObjectNode newMessage(String id, String body, long time, ObjectNode user) {
        ObjectNode data = obj();
        data.set("newMessage", message(id, body, time, user));
        return data;
    }

    private static ObjectNode msg(String type, String id, ObjectNode payload) {
        ObjectNode m = obj().put("type", type);
        if (id != null) {
            m.put("id", id);
        }
        if (payload != null) {
            m.set("payload", payload);
        }
        return m;
    }

    private static ObjectNode ka() {
        return msg("ka", null, null);
    }

    private static ObjectNode start(String id, String operationName, String query, ObjectNode variables) {
        ObjectNode payload = obj().put("operationName", operationName).put("query", query);
        payload.set("variables", variables);
        return msg("start", id, payload);
    }

    private static ObjectNode data(String id, ObjectNode data) {
        ObjectNode payload = obj();
        payload.set("data", data);
        return msg("data", id, payload);
    }

    /** Collects one connection's frames with session-wide seqs in time order. */
    private static final class Frames {
        final int connectionId;
        final List<Frame> frames = new ArrayList<>();
        final java.util.Set<String> marks = new java.util.HashSet<>();

        Frames(int connectionId) {
            this.connectionId = connectionId;
        }

        void sent(long micros, ObjectNode message) {
            add(Direction.SENT, micros, message);
        }

        void received(long micros, ObjectNode message) {
            add(Direction.RECEIVED, micros, message);
        }

        private void add(Direction direction, long micros, ObjectNode message) {
            if (!frames.isEmpty() && frames.get(frames.size() - 1).timeMicros() > micros) {
                throw new IllegalStateException("frames must be added in time order: " + micros);
            }
            frames.add(Frame.text(connectionId, frames.size() + 1, direction, Json.compact(message), micros));
        }

        boolean has(String mark) {
            return marks.contains(mark);
        }

        void mark(String mark) {
            marks.add(mark);
        }
    }
}
