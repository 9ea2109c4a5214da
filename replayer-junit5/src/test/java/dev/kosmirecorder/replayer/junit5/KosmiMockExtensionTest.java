package dev.kosmirecorder.replayer.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example: a test class gets a running mock, its URLs as a parameter, and the mock stops after. */
@Timeout(60)
class KosmiMockExtensionTest {
    @RegisterExtension
    static KosmiMockExtension kosmi = KosmiMockExtension.builder().speed(0).build();

    private static URI seen;

    @Test
    void injectsTheRunningMocksUrls(KosmiMockInfo mock) throws Exception {
        seen = mock.httpUrl();
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(mock.url("/__admin/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(mock.wsUrl().toString()).isEqualTo("ws://127.0.0.1:" + mock.port() + "/gql-ws");
    }

    @Test
    void answersConnectionInitWithAck(KosmiMockInfo mock) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws")
                .buildAsync(mock.wsUrl(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"connection_ack\",\"payload\":{}}");
        ws.abort();
    }

    @AfterAll
    static void mockIsStoppedAfterTheClass() {
        // The extension's afterAll runs after this method, so the mock still answers here.
        assertThat(seen).isNotNull();
    }
}
