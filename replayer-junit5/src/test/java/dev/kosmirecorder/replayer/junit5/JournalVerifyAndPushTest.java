package dev.kosmirecorder.replayer.junit5;

import static dev.kosmirecorder.replayer.junit5.Sent.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.PushException;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The extension's journal, verification and push, with a JDK WebSocket client as a bot would use. */
@Timeout(60)
class JournalVerifyAndPushTest {
    @RegisterExtension
    static KosmiMockExtension kosmi = KosmiMockExtension.builder().speed(0).build();

    @ParameterizedTest
    @CsvSource({"graphql-ws, start, data", "graphql-transport-ws, subscribe, next"})
    void readsWhatTheClientSentAndPushesInItsDialect(String subprotocol, String start, String result, KosmiMockInfo mock)
            throws Exception {
        try (WsClient client = new WsClient(mock.wsUrl(), subprotocol).init()) {
            client.start(start, "sub-1", WsClient.NEW_MESSAGES);
            client.start(start, "m-1", WsClient.sendMessage("hi"));
            client.awaitMatching("\"m-1\"");

            List<JournalEntry> sends = mock.sent("SendMessage");
            assertThat(sends).hasSize(1);
            assertThat(sends.get(0).type()).isEqualTo(start);
            assertThat(sends.get(0).id()).isEqualTo("m-1");
            assertThat(sends.get(0).variables().path("body").asText()).isEqualTo("hi");
            mock.verify(sent("SendMessage").withVariable("body", "hi").withVariable("roomId", "lobby"));
            mock.verify(1, sent("SendMessage"));

            assertThat(mock.push("NewMessageSubscription", "{\"data\":{\"newMessage\":{\"id\":\"p-1\",\"body\":\"hello bot\"}}}"))
                    .isEqualTo(1);
            JsonNode pushed = client.awaitMatching("p-1");
            assertThat(pushed.path("type").asText()).isEqualTo(result);
            assertThat(pushed.path("id").asText()).isEqualTo("sub-1");
            assertThat(pushed.path("payload").path("data").path("newMessage").path("body").asText()).isEqualTo("hello bot");

            assertThat(mock.pushRecorded("NewMessageSubscription", 2)).isEqualTo(1);
            assertThat(client.awaitMatching("m-0007").path("id").asText()).isEqualTo("sub-1");
        }
    }

    @Test
    void aFailedVerificationShowsWhatWasSentAndTheClosestMatch(KosmiMockInfo mock) throws Exception {
        try (WsClient client = new WsClient(mock.wsUrl(), "graphql-ws").init()) {
            client.start("start", "m-1", WsClient.sendMessage("hello"));
            client.awaitMatching("\"m-1\"");
            long seq = mock.sent("SendMessage").get(0).seq();

            assertThatThrownBy(() -> mock.verify(sent("SendMessage").withVariable("body", "hi")))
                    .isExactlyInstanceOf(AssertionError.class)
                    .hasMessage("Expected SendMessage with variables.body = \"hi\" to be sent at least once, but it was sent never.\n"
                            + "Sent: SendMessage.\n"
                            + "Closest match: #" + seq + " SendMessage (start id \"m-1\", connection " + mock.sent("SendMessage").get(0).connection()
                            + "): " + mock.sent("SendMessage").get(0).payload() + "\n"
                            + "  variables.body was \"hello\", expected \"hi\"");
            assertThatThrownBy(() -> mock.verify(sent("SendMesage")))
                    .hasMessageContaining("Closest match: #" + seq + " SendMessage")
                    .hasMessageContaining("operation was SendMessage, expected SendMesage");
            assertThatThrownBy(() -> mock.verify(0, sent("SendMessage")))
                    .hasMessageStartingWith("Expected SendMessage not to be sent, but it was sent once.\nMatching:\n  #" + seq);
        }
    }

    @Test
    void aVerificationWithNothingSentSaysSo(KosmiMockInfo mock) {
        assertThatThrownBy(() -> mock.verify(sent("SendMessage")))
                .hasMessage("Expected SendMessage to be sent at least once, but it was sent never.\n"
                        + "Nothing was sent that names an operation; the journal holds nothing.");
    }

    @RepeatedTest(2)
    void theJournalIsEmptiedBeforeEachTest(KosmiMockInfo mock) throws Exception {
        assertThat(mock.journal()).isEmpty();
        try (WsClient client = new WsClient(mock.wsUrl(), "graphql-ws").init()) {
            client.start("start", "m-1", WsClient.sendMessage("once"));
            client.awaitMatching("\"m-1\"");
        }
        assertThat(mock.journal()).extracting(JournalEntry::type).containsExactly("connection_init", "start");
    }

    @Test
    void pushingAnUnknownOperationNamesTheRecordedOnes(KosmiMockInfo mock) {
        assertThatThrownBy(() -> mock.push("NewMessages", "{\"data\":{}}")).isInstanceOf(PushException.class)
                .hasMessage("the recording has no operation NewMessages; it has: ExtendedCurrentUserQuery, JoinRoom, RoomChatQuery, "
                        + "NewMessageSubscription, MemberJoins, MemberLeaves, SendMessage");
        assertThatThrownBy(() -> mock.push("NewMessageSubscription", "{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the result to push is not JSON");
    }
}
