package dev.kosmirecorder.replayer.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code failOnUnknownOperations}: a test whose client started an operation the capture does not know fails with an
 * AssertionError naming it and the closest recorded one; a test whose client kept to the recording passes. The
 * test classes below run in JUnit's test kit, so their failure is what this test asserts.
 */
@Timeout(60)
class FailOnUnknownOperationsTest {
    /** Set while the test kit runs BotWithATypo, so no other run (say, mvn -Dtest='...**') counts its failures. */
    static final String INSIDE_TEST_KIT = "kosmi.test-kit";

    @Test
    void failsATestWhoseClientStartedAnUnknownOperationNamingTheClosestRecordedOne() {
        Events tests;
        System.setProperty(INSIDE_TEST_KIT, "true");
        try {
            tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BotWithATypo.class)).execute().testEvents();
        } finally {
            System.clearProperty(INSIDE_TEST_KIT);
        }
        tests.assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(failureOf(tests, "sendsAMisspelledMutation"))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The client started an operation that the capture does not know:\n"
                        + "  SendMesage — closest recorded operation: SendMessage\n    #")
                .hasMessageContaining("SendMesage (start id \"7\", connection ")
                .hasMessageEndingWith("Recorded over WebSocket: ExtendedCurrentUserQuery, JoinRoom, RoomChatQuery, NewMessageSubscription, "
                        + "MemberJoins, MemberLeaves, SendMessage; over POST /: AnonLogin.");
        assertThat(failureOf(tests, "postsAnUnknownQuery"))
                .hasMessageStartingWith("The client started an operation that the capture does not know:\n"
                        + "  AnonLogn — closest recorded operation: AnonLogin\n    #");
    }

    private static Throwable failureOf(Events tests, String method) {
        return tests.failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method))
                .findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    /** Run only by the test kit above. */
    @EnabledIfSystemProperty(named = INSIDE_TEST_KIT, matches = "true")
    @WithKosmiMock(speed = 0, failOnUnknownOperations = true)
    static class BotWithATypo {
        @Test
        void sendsAMisspelledMutation(KosmiMockInfo mock) throws Exception {
            try (WsClient client = new WsClient(mock.wsUrl(), "graphql-ws").init()) {
                client.start("start", "7", "{\"operationName\":\"SendMesage\",\"query\":\"mutation SendMesage($body: String!) "
                        + "{ sendMesage(body: $body) { ok } }\",\"variables\":{\"body\":\"hi\"}}");
                client.awaitMatching("no recorded operation matches");
            }
        }

        @Test
        void postsAnUnknownQuery(KosmiMockInfo mock) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mock.httpUrl())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operationName\":\"AnonLogn\",\"query\":\"mutation AnonLogn { x }\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("no recorded exchange matches");
        }

        @Test
        void keepsToTheRecording(KosmiMockInfo mock) throws Exception {
            try (WsClient client = new WsClient(mock.wsUrl(), "graphql-ws").init()) {
                client.start("start", "1", WsClient.sendMessage("hi"));
                client.awaitMatching("\"1\"");
            }
            assertThat(mock.url("/")).isEqualTo(URI.create("http://127.0.0.1:" + mock.port() + "/"));
        }
    }
}
