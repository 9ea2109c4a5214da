package dev.kosmirecorder.replayer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Small HTTP helpers for the mock's {@code POST /}. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String ANON_LOGIN = "{\"operationName\":\"AnonLogin\",\"query\":\"mutation AnonLogin { anonLogin { token user { id displayName } } }\",\"variables\":{}}";

    private Http() {
    }

    static HttpResponse<String> post(URI url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token from the mock's AnonLogin answer. */
    static String anonToken(KosmiMock mock) throws IOException, InterruptedException {
        return FixtureConversation.parse(post(mock.url(), ANON_LOGIN).body()).path("data").path("anonLogin").path("token").asText();
    }
}
