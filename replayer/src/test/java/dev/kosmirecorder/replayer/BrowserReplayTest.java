package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.ClientPage;
import dev.kosmirecorder.testing.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 2: real headless Chromium runs the project's test page ({@link ClientPage}, shared with the recorder's
 * tests), served from another origin, against a strict mock told to treat that origin as app.kosmi.io: token from
 * {@code POST /} (CORS), {@code new WebSocket(url, 'graphql-ws')}, the whole recorded conversation with the page's
 * own ids, and the page reports success.
 */
@Timeout(120)
class BrowserReplayTest {

    private static List<Frame> data(Capture capture) {
        return capture.frames().stream().filter(f -> f.direction() == Direction.RECEIVED && "data".equals(f.message().type())).toList();
    }

    @Test
    void aBrowserPageFetchesATokenAndRunsTheWholeConversationOverGraphqlWs() throws Exception {
        Capture room = BuiltInFixtures.kosmiRoom();
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("browser-" + UUID.randomUUID()));
             ClientPage pages = ClientPage.serve(room);
             KosmiMock mock = KosmiMock.builder().capture(room).speed(0.05).strict(true)
                     .origin(pages.origin()).auditStore(store).start();
             HeadlessChromium chromium = HeadlessChromium.launch()) {
            HeadlessChromium.Page page = chromium.newPage().navigate(pages.url(mock.url()));
            page.waitFor("window.__result !== undefined", Duration.ofSeconds(60));
            JsonNode result = page.evaluate("window.__result");
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("protocol").asText()).isEqualTo("graphql-ws");
            assertThat(result.path("closeCode").asInt()).isEqualTo(1000);

            mock.flushAudit();
            Capture audit = store.load(mock.auditSessionId().orElseThrow());
            WsConnection attempt = audit.connections().get(0);
            assertThat(attempt.requestHeaders().get("Origin")).contains(pages.origin());
            assertThat(attempt.requestHeaders().get("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).contains("Chrome"));
            // Chromium offers permessage-deflate; the recorded server accepted no extension, so neither does the mock.
            assertThat(attempt.requestHeaders().get("Sec-WebSocket-Extensions"))
                    .hasValueSatisfying(offer -> assertThat(offer).contains("permessage-deflate"));
            assertThat(attempt.responseHeaders().get("Sec-WebSocket-Accept")).isPresent();
            assertThat(attempt.responseHeaders().get("Sec-WebSocket-Extensions")).isEmpty();
            assertThat(audit.exchanges()).singleElement()
                    .satisfies(e -> assertThat(e.requestBody().text()).contains("AnonLogin"));
            assertThat(audit.frames()).filteredOn(f -> f.direction() == Direction.RECEIVED).hasSize(result.path("received").asInt());
            // Every recorded answer and push reached the page, under the page's ids.
            assertThat(data(audit)).hasSameSizeAs(data(room));
            assertThat(data(audit)).extracting(f -> f.message().operationName()).containsExactlyInAnyOrderElementsOf(
                    data(room).stream().map(f -> f.message().operationName()).toList());
            assertThat(data(audit)).extracting(f -> f.message().id()).allMatch(id -> id.startsWith("page-"));
            assertThat(data(audit)).anyMatch(f -> f.text().contains("Hi everyone \ud83d\udc4b"));
        }
    }
}
