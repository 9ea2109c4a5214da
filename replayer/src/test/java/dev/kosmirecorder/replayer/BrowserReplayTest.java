package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.JdbcCaptureStore;
import dev.kosmirecorder.core.store.StoreLocation;
import dev.kosmirecorder.testing.HeadlessChromium;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 2: real headless Chromium runs the project's test page, served from another origin, against a strict
 * mock told to treat that origin as app.kosmi.io: token from {@code POST /} (CORS), {@code new WebSocket(url,
 * 'graphql-ws')}, the conversation, and the page reports success.
 */
@Timeout(120)
class BrowserReplayTest {
    HttpServer pages;

    @BeforeEach
    void servePage() throws Exception {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("/browser/replay-page.html")) {
            page = in.readAllBytes();
        }
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/replay-page.html", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        pages.start();
    }

    @AfterEach
    void stopPage() {
        pages.stop(0);
    }

    @Test
    void aBrowserPageFetchesATokenAndRunsTheConversationOverGraphqlWs() throws Exception {
        String pageOrigin = "http://127.0.0.1:" + pages.getAddress().getPort();
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("browser-" + UUID.randomUUID()));
             KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0.05).strict(true)
                     .origin(pageOrigin).auditStore(store).start();
             HeadlessChromium chromium = HeadlessChromium.launch()) {
            HeadlessChromium.Page page = chromium.newPage()
                    .navigate(pageOrigin + "/replay-page.html?mock=" + mock.url());
            page.waitFor("window.__result !== undefined", Duration.ofSeconds(60));
            JsonNode result = page.evaluate("window.__result");
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("protocol").asText()).isEqualTo("graphql-ws");
            assertThat(result.path("bodies").get(0).asText()).isEqualTo("Hi everyone \ud83d\udc4b");
            assertThat(result.path("closeCode").asInt()).isEqualTo(1000);

            mock.flushAudit();
            WsConnection attempt = store.connections(mock.auditSessionId().orElseThrow()).get(0);
            assertThat(attempt.requestHeaders().get("Origin")).contains(pageOrigin);
            assertThat(attempt.requestHeaders().get("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).contains("Chrome"));
            assertThat(store.exchanges(mock.auditSessionId().orElseThrow())).singleElement()
                    .satisfies(e -> assertThat(e.requestBody().text()).contains("AnonLogin"));
        }
    }
}
