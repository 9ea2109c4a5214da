package example;

import static dev.kosmirecorder.replayer.junit5.Sent.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.junit5.KosmiMockExtension;
import dev.kosmirecorder.replayer.junit5.KosmiMockInfo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bot's test as a user writes it: the JDK's WebSocket client against the mock, journal and push. */
@Timeout(60)
class BotTest {
    @RegisterExtension
    static KosmiMockExtension kosmi = KosmiMockExtension.builder().speed(0).failOnUnknownOperations(true).build();

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SUBSCRIBE = "{\"type\":\"start\",\"id\":\"messages\",\"payload\":{\"operationName\":\"NewMessageSubscription\","
            + "\"query\":\"subscription NewMessageSubscription($roomId: String!, $channelId: String!) "
            + "{ newMessage(roomId: $roomId, channelId: $channelId) { id body } }\",\"variables\":{\"roomId\":\"lobby\",\"channelId\":\"general\"}}}";
    static final String SEND = "{\"type\":\"start\",\"id\":\"send-1\",\"payload\":{\"operationName\":\"SendMessage\","
            + "\"query\":\"mutation SendMessage($body: String!, $roomId: String!) { sendMessage(body: $body, roomId: $roomId) { ok } }\","
            + "\"variables\":{\"body\":\"hi from the bot\",\"roomId\":\"lobby\"}}}";

    @Test
    void runsOnTheProjectsOwnJUnit() {
        assertEquals(System.getProperty("expected.junit.version"), Test.class.getPackage().getImplementationVersion());
    }

    @Test
    void getsRecordedPushesAndIsVerifiedAndDriven(KosmiMockInfo mock) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HTTP.newWebSocketBuilder().subprotocols("graphql-ws").buildAsync(mock.wsUrl(), new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true).join();
            awaitFrame(received, "connection_ack");
            ws.sendText(SUBSCRIBE, true).join();
            assertTrue(awaitFrame(received, "\"id\":\"messages\"").contains("Hi everyone"), "the first recorded push");

            ws.sendText(SEND, true).join();
            awaitFrame(received, "{\"type\":\"complete\",\"id\":\"send-1\"}");

            HttpResponse<String> journal = HTTP.send(HttpRequest.newBuilder(mock.url("/__admin/journal?operation=SendMessage")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, journal.statusCode());
            assertTrue(journal.body().contains("\"id\":\"send-1\"") && journal.body().contains("\"body\":\"hi from the bot\""), journal.body());

            List<JournalEntry> sends = mock.sent("SendMessage");
            assertEquals(1, sends.size());
            assertEquals("hi from the bot", sends.get(0).variables().get("body").asText());
            mock.verify(sent("SendMessage").withVariable("body", "hi from the bot"));
            AssertionError wrong = assertThrows(AssertionError.class, () -> mock.verify(sent("SendMessage").withVariable("body", "bye")));
            assertTrue(wrong.getMessage().contains("variables.body was \"hi from the bot\", expected \"bye\""), wrong.getMessage());

            assertEquals(1, mock.push("NewMessageSubscription", "{\"data\":{\"newMessage\":{\"id\":\"t-1\",\"body\":\"pushed by the test\"}}}"));
            assertEquals("{\"type\":\"data\",\"id\":\"messages\",\"payload\":{\"data\":{\"newMessage\":{\"id\":\"t-1\",\"body\":\"pushed by the test\"}}}}",
                    awaitFrame(received, "t-1"));

            HttpResponse<String> pushed = HTTP.send(HttpRequest.newBuilder(mock.url("/__admin/push"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"NewMessageSubscription\",\"recorded\":3}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"delivered\":1}", pushed.body());
            assertNotNull(awaitFrame(received, "m-0008"));
        } finally {
            ws.abort();
        }
    }

    @Test
    void theJournalStartsEmpty(KosmiMockInfo mock) {
        assertEquals(List.of(), mock.journal());
    }

    private static String awaitFrame(BlockingQueue<String> received, String containing) throws InterruptedException {
        while (true) {
            String next = received.poll(20, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("Timed out waiting for a frame containing " + containing);
            }
            if (next.contains(containing)) {
                return next;
            }
        }
    }
}
