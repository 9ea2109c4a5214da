package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.protocol.Dialect;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /__admin/journal} and {@code /__admin/push} over HTTP, with clients of both dialects (SPEC §6). */
@Timeout(60)
class JournalAndPushTest {
    static final String SEND_MESSAGE = "{\"operationName\":\"SendMessage\",\"query\":\"mutation SendMessage($body: String!, $roomId: String!) "
            + "{ sendMessage(body: $body, roomId: $roomId) { ok } }\",\"variables\":{\"body\":\"hi from the test\",\"roomId\":\"lobby\"}}";
    static final String NEW_MESSAGES = "{\"operationName\":\"NewMessageSubscription\",\"query\":\"subscription NewMessageSubscription("
            + "$roomId: String!, $channelId: String!) { newMessage(roomId: $roomId, channelId: $channelId) { id body } }\","
            + "\"variables\":{\"roomId\":\"lobby\",\"channelId\":\"general\"}}";

    KosmiMock mock;

    @BeforeEach
    void start() {
        mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0).start();
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void journalsWhatTheClientSentAndPushesInItsDialect(Dialect dialect) throws Exception {
        try (JdkSocket socket = JdkSocket.connect(mock.wsUrl(), dialect.subprotocol())) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            awaitType(socket, "connection_ack");
            String start = dialect.startType();
            socket.send("{\"type\":\"" + start + "\",\"id\":\"sub-1\",\"payload\":" + NEW_MESSAGES + "}");
            socket.send("{\"type\":\"" + start + "\",\"id\":\"m-1\",\"payload\":" + SEND_MESSAGE + "}");
            awaitId(socket, "m-1");

            JsonNode journal = getJson("/__admin/journal?operation=SendMessage");
            assertThat(journal.path("frames")).hasSize(1);
            JsonNode sent = journal.path("frames").get(0);
            assertThat(sent.path("connection").isIntegralNumber()).isTrue();
            assertThat(sent.path("type").asText()).isEqualTo(start);
            assertThat(sent.path("id").asText()).isEqualTo("m-1");
            assertThat(sent.path("operationName").asText()).isEqualTo("SendMessage");
            assertThat(sent.path("payload").path("variables").path("body").asText()).isEqualTo("hi from the test");
            assertThat(sent.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(journal.path("next").asLong()).isEqualTo(getJson("/__admin/journal").path("frames").get(2).path("seq").asLong());

            HttpResponse<String> pushed = post("/__admin/push",
                    "{\"operation\":\"NewMessageSubscription\",\"payload\":{\"data\":{\"newMessage\":{\"id\":\"pushed-1\",\"body\":\"now\"}}}}");
            assertThat(pushed.statusCode()).isEqualTo(200);
            assertThat(pushed.body()).isEqualTo("{\"delivered\":1}");
            assertThat(awaitText(socket, "pushed-1")).isEqualTo("{\"type\":\"" + dialect.resultType()
                    + "\",\"id\":\"sub-1\",\"payload\":{\"data\":{\"newMessage\":{\"id\":\"pushed-1\",\"body\":\"now\"}}}}");

            assertThat(post("/__admin/push", "{\"operation\":\"NewMessageSubscription\",\"recorded\":1}").body()).isEqualTo("{\"delivered\":1}");
            assertThat(awaitText(socket, "m-0006")).startsWith("{\"type\":\"" + dialect.resultType() + "\",\"id\":\"sub-1\"");
        }
    }

    @Test
    void journalsHttpRequestsWithoutAConnection() throws Exception {
        Http.post(mock.url(), Http.ANON_LOGIN);
        JsonNode entry = getJson("/__admin/journal?type=http").path("frames").get(0);
        assertThat(entry.has("connection") && entry.get("connection").isNull()).isTrue();
        assertThat(entry.path("type").asText()).isEqualTo("http");
        assertThat(entry.path("operationName").asText()).isEqualTo("AnonLogin");
        assertThat(entry.path("payload").path("query").asText()).startsWith("mutation AnonLogin");
        assertThat(mock.admin().journal(JournalFilter.all().type("http"))).singleElement()
                .satisfies(e -> assertThat(e.connection()).isNull());
    }

    @Test
    void pagesWithAfterAndLimitAndEmptiesOnDelete() throws Exception {
        for (int i = 0; i < 3; i++) {
            Http.post(mock.url(), Http.ANON_LOGIN);
        }
        JsonNode first = getJson("/__admin/journal?limit=2");
        assertThat(first.path("frames")).hasSize(2);
        long next = first.path("next").asLong();
        assertThat(next).isEqualTo(first.path("frames").get(1).path("seq").asLong());
        JsonNode rest = getJson("/__admin/journal?after=" + next);
        assertThat(rest.path("frames")).hasSize(1);
        assertThat(rest.path("frames").get(0).path("seq").asLong()).isEqualTo(next + 1);

        HttpResponse<String> deleted = Http.CLIENT.send(HttpRequest.newBuilder(mock.url("/__admin/journal")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        JsonNode empty = getJson("/__admin/journal");
        assertThat(empty.path("frames")).isEmpty();
        assertThat(empty.path("next").asLong()).isEqualTo(next + 1);
        Http.post(mock.url(), Http.ANON_LOGIN);
        assertThat(getJson("/__admin/journal").path("frames").get(0).path("seq").asLong()).isEqualTo(next + 2);
    }

    @Test
    void refusesBadJournalQueriesWithAClearError() throws Exception {
        assertThat(get("/__admin/journal?operationName=X").statusCode()).isEqualTo(400);
        assertThat(get("/__admin/journal?operationName=X").body()).contains("unknown parameter 'operationName'");
        assertThat(get("/__admin/journal?limit=0").body()).isEqualTo("{\"error\":\"limit must be a whole number from 1: 0\"}");
        assertThat(get("/__admin/journal?after=-3").body()).isEqualTo("{\"error\":\"after must be a whole number >= 0: '-3'\"}");
        assertThat(post("/__admin/journal", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void refusesBadPushesWithAClearError() throws Exception {
        HttpResponse<String> notJson = post("/__admin/push", "nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("the body is not a JSON object");
        HttpResponse<String> unknown = post("/__admin/push", "{\"operation\":\"NoSuchThing\",\"recorded\":1}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("the recording has no operation NoSuchThing; it has: ExtendedCurrentUserQuery, JoinRoom, "
                + "RoomChatQuery, NewMessageSubscription");
        HttpResponse<String> outOfRange = post("/__admin/push", "{\"operation\":\"NewMessageSubscription\",\"recorded\":99}");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("recorded must be 1..13").contains("asked for 99");
        assertThat(post("/__admin/push", "{\"operation\":\"NewMessageSubscription\"}").body()).contains("exactly one of");
        assertThat(post("/__admin/push", "{\"operation\":\"NewMessageSubscription\",\"payload\":[1]}").body())
                .contains("payload must be a GraphQL result object");
        assertThat(post("/__admin/push", "{\"operation\":\"NewMessageSubscription\",\"payload\":{\"data\":{}}}").body())
                .isEqualTo("{\"delivered\":0}");
        assertThatThrownBy(() -> mock.admin().pushRecorded("NewMessageSubscription", 0)).isInstanceOf(PushException.class)
                .hasMessageContaining("recorded must be 1..13");
    }

    private static void awaitType(TestSocket socket, String type) {
        while (!FixtureConversation.parse(socket.nextText()).path("type").asText().equals(type)) {
            // skip what comes first (keep-alives, connection-level pushes)
        }
    }

    private static void awaitId(TestSocket socket, String id) {
        while (!FixtureConversation.parse(socket.nextText()).path("id").asText().equals(id)) {
            // skip other operations' frames
        }
    }

    private static String awaitText(TestSocket socket, String containing) {
        while (true) {
            String text = socket.nextText();
            if (text.contains(containing)) {
                return text;
            }
        }
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FixtureConversation.parse(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return Http.CLIENT.send(HttpRequest.newBuilder(mock.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        URI uri = mock.url(path);
        return Http.post(uri, body);
    }
}
