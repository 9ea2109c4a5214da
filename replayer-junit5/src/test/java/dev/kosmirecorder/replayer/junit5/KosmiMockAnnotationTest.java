package dev.kosmirecorder.replayer.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @WithKosmiMock} on the class: the mock runs with the annotation's options and its URLs are injected. */
@WithKosmiMock(speed = 0, strict = true, faults = "reject-upgrade")
@Timeout(60)
class KosmiMockAnnotationTest {

    @Test
    void startsTheMockWithTheAnnotationsOptions(KosmiMockInfo mock) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(mock.httpUrl())
                .header("Content-Type", "application/json").header("Origin", "http://localhost:3000")
                .POST(HttpRequest.BodyPublishers.ofString("{\"operationName\":\"AnonLogin\",\"query\":\"mutation AnonLogin { anonLogin { token } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.body()).contains("\"token\":\"eyJ");
        // strict: CORS answers with the recorded origin, not the caller's.
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.kosmi.io");
        // the reject-upgrade fault: every WebSocket handshake gets 403.
        assertThatThrownBy(() -> http.newWebSocketBuilder().subprotocols("graphql-ws").header("Origin", "https://app.kosmi.io")
                .buildAsync(mock.wsUrl(), new WebSocket.Listener() { }).join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
    }
}
