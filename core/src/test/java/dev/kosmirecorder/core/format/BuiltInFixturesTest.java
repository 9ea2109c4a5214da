package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in fixtures hold what the foundation issue asks of them, so a regeneration cannot quietly lose it. */
class BuiltInFixturesTest {
    private final Capture room = BuiltInFixtures.kosmiRoom();

    @Test
    void roomSaysItIsSyntheticAndHasAnAnonLoginWithARealShapedJwt() {
        assertThat(room.session().attributes()).containsEntry("synthetic", "true");
        HttpExchange login = room.exchanges().get(0);
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.url()).isEqualTo("https://engine.kosmi.io/");
        assertThat(login.requestBody().text()).contains("\"operationName\":\"AnonLogin\"",
                "mutation AnonLogin { anonLogin { token user { id displayName } } }");
        Jwt jwt = Jwt.findIn(login.responseBody().text()).orElseThrow();
        assertThat(jwt.algorithm()).contains("HS512");
        assertThat(jwt.claims().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("aud", "exp", "iat", "iss", "jti", "nbf", "sub", "typ");
        assertThat(jwt.claim("aud")).contains("kosmi");
        assertThat(jwt.claim("typ")).contains("access");
        assertThat(jwt.claims().get("exp").asLong() - jwt.claims().get("iat").asLong()).isEqualTo(31_449_600L);
    }

    @Test
    void handshakeIsChromesAndTheAnswerIsCowboyBehindCaddy() {
        WsConnection ws = room.connections().get(0);
        assertThat(ws.requestHeaders().get("Origin")).contains("https://app.kosmi.io");
        assertThat(ws.requestHeaders().get("Sec-WebSocket-Protocol")).contains("graphql-ws");
        assertThat(ws.requestHeaders().get("Sec-WebSocket-Extensions")).isPresent();
        assertThat(ws.requestHeaders().get("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).contains("Chrome/"));
        assertThat(ws.status()).isEqualTo(101);
        assertThat(ws.responseHeaders().get("Server")).contains("Cowboy");
        assertThat(ws.responseHeaders().get("Via")).contains("1.1 Caddy");
    }

    @Test
    void conversationFollowsTheLegacyProtocolWithTheReferenceClientsIds() {
        Frame init = room.frames().get(0);
        assertThat(init.message().type()).isEqualTo("connection_init");
        String ua = room.connections().get(0).requestHeaders().get("User-Agent").orElseThrow();
        assertThat(init.text()).contains("\"token\":\"eyJ", "\"ua\":\"" + Base64.getEncoder().encodeToString(ua.getBytes()) + "\"",
                "\"v\":\"4364\"", "\"r\":\"\"");
        assertThat(room.frames().get(1).message().type()).isEqualTo("connection_ack");
        assertThat(room.frames()).filteredOn(f -> "ka".equals(f.message().type())).hasSizeGreaterThanOrEqualTo(2);

        List<Frame> starts = room.frames().stream().filter(f -> "start".equals(f.message().type())).toList();
        assertThat(starts).extracting(f -> f.message().operationName()).containsExactly("ExtendedCurrentUserQuery", "JoinRoom",
                "RoomChatQuery", "NewMessageSubscription", "MemberJoins", "MemberLeaves", "SendMessage");
        assertThat(starts).extracting(f -> f.message().id()).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(starts.get(1).text()).contains("\"variables\":{\"id\":\"@");

        List<Frame> last = room.frames().subList(room.frames().size() - 3, room.frames().size());
        assertThat(last).extracting(f -> f.message().type()).containsExactly("stop", "complete", "connection_terminate");
    }

    @Test
    void chatArchiveAndMessagePushesCoverTheHardCases() {
        Frame archive = room.frames().stream().filter(f -> "RoomChatQuery".equals(f.message().operationName())
                && "data".equals(f.message().type())).findFirst().orElseThrow();
        assertThat(archive.text().split("\"body\"", -1)).hasSizeGreaterThan(5);

        List<Frame> pushes = room.frames().stream().filter(f -> f.direction() == Direction.RECEIVED
                && "NewMessageSubscription".equals(f.message().operationName()) && "data".equals(f.message().type())).toList();
        assertThat(pushes).hasSizeGreaterThanOrEqualTo(12);
        assertThat(pushes.get(pushes.size() - 1).timeMicros() - pushes.get(0).timeMicros()).isGreaterThanOrEqualTo(20_000_000L);
        String all = String.join("\n", pushes.stream().map(Frame::text).toList());
        assertThat(all).contains("🎉", "日本語", "<script>document.title='pwned'</script>", "Hello from kosmi-recorder");
        assertThat(pushes).anySatisfy(f -> assertThat(f.text().length()).isGreaterThan(3000));

        var pushedOps = new LinkedHashSet<String>();
        room.frames().stream().filter(f -> "data".equals(f.message().type())).forEach(f -> pushedOps.add(f.message().operationName()));
        assertThat(pushedOps).contains("MemberJoins", "MemberLeaves", "SendMessage");
        Frame sendAnswer = room.frames().stream().filter(f -> "SendMessage".equals(f.message().operationName())
                && "data".equals(f.message().type())).findFirst().orElseThrow();
        assertThat(sendAnswer.text()).contains("{\"sendMessage\":{\"ok\":true}}");
    }

    @Test
    void handshake403IsARefusedUpgradeAsChromeRecordsIt() {
        Capture refused = BuiltInFixtures.handshake403();
        WsConnection ws = refused.connections().get(0);
        assertThat(ws.rejected()).isTrue();
        assertThat(ws.status()).isEqualTo(403);
        assertThat(ws.error()).isEqualTo("Error during WebSocket handshake: Unexpected response code: 403");
        assertThat(ws.requestHeaders().get("Origin")).contains("http://localhost:5173");
        assertThat(refused.frames()).isEmpty();
        assertThat(refused.session().attributes()).containsKey("chrome.refusedHandshake");
    }
}
