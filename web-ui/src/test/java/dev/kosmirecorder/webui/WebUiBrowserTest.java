package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.format.Redactor;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The pages in real headless Chromium, against a UI over an in-memory store holding the built-in fixtures. */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Runs before any page script: counts alert() calls, so a test can prove that none happened. */
    private static final String TRAP = "window.__alerts = 0; window.alert = function () { window.__alerts++; };";

    private CaptureStore store;
    private WebUi ui;
    private HeadlessChromium chromium;
    private HeadlessChromium.Page page;
    private String roomId;
    private Capture room;
    /** 120 frames: more than two pages of the frame table. */
    private String manyId;

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-browser-" + UUID.randomUUID()));
        store.save(BuiltInFixtures.handshake403());
        room = BuiltInFixtures.kosmiRoom();
        roomId = store.save(room);
        manyId = store.save(TestCaptures.manyFrames(120));
        ui = WebUi.start(store, 0);
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    void stop() {
        chromium.close();
        ui.close();
        store.close();
    }

    @BeforeEach
    void openPage() {
        page = chromium.newPage();
        page.call("Page.addScriptToEvaluateOnNewDocument", Json.MAPPER.createObjectNode().put("source", TRAP));
    }

    @AfterEach
    void closePage() {
        page.close();
    }

    @Test
    void opensTheFixtureFiltersByOperationAndShowsAPrettyPrintedFrame() {
        page.navigate(ui.url());
        String link = "document.querySelector('a.session-link[href=\"/sessions/" + roomId + "\"]')";
        page.waitFor(link, WAIT);
        assertThat(text(link)).isEqualTo(room.session().name());
        assertThat(page.evaluate("document.querySelectorAll('#sessions tbody tr').length").asInt()).isEqualTo(store.sessions().size());
        page.evaluate(link + ".click()");
        page.waitFor("location.pathname === '/sessions/" + roomId + "' && document.querySelectorAll('#frames tbody tr').length > 0", WAIT);

        page.evaluate("document.querySelector('#filters [name=operation]').value = 'NewMessageSubscription'");
        page.evaluate("document.getElementById('apply-filters').click()");
        page.waitFor("[...document.querySelectorAll('#frames tbody tr')].length > 0 && [...document.querySelectorAll('#frames tbody tr')]"
                + ".every(r => r.querySelector('td.operation').textContent === 'NewMessageSubscription')", WAIT);
        long expected = room.frames().stream().filter(f -> "NewMessageSubscription".equals(f.message().operationName())).count();
        assertThat(page.evaluate("document.querySelectorAll('#frames tbody tr').length").asLong()).isEqualTo(Math.min(expected, 50));

        page.evaluate("document.querySelectorAll('#frames tbody tr')[1].click()");
        page.waitFor("!document.getElementById('frame-view').hidden && document.getElementById('frame-payload').textContent.length > 0", WAIT);
        String payload = text("document.getElementById('frame-payload')");
        long seq = page.evaluate("Number(document.getElementById('frame-detail').dataset.seq)").asLong();
        Frame frame = room.frames().stream().filter(f -> f.seq() == seq).findFirst().orElseThrow();
        assertThat(payload).isEqualTo(Json.prettyOrSelf(frame.text())).contains("\n  \"type\": \"");
    }

    @Test
    void showsTheFixturesChatInjectionAsTextAndRunsNothing() {
        String injection = "<img src=x onerror=alert(1)><script>document.title='pwned'</script>";
        page.navigate(ui.url() + "sessions/" + roomId);
        page.waitFor("document.querySelectorAll('#frames tbody tr').length > 0", WAIT);
        page.evaluate("document.querySelector('#filters [name=text]').value = 'onerror'");
        page.evaluate("document.getElementById('apply-filters').click()");
        page.waitFor("document.querySelectorAll('#frames tbody tr').length === 1", WAIT);
        page.evaluate("document.querySelector('#frames tbody tr').click()");
        page.waitFor("document.getElementById('frame-payload').textContent.includes('onerror')", WAIT);

        assertThat(text("document.getElementById('frame-payload')")).contains(injection);
        assertThat(text("document.querySelector('#frames tbody tr td.preview')")).contains("<img src=x onerror=alert(1)>");
        assertNothingInjected();
        assertThat(page.evaluate("document.title").asText()).isNotEqualTo("pwned").startsWith("kosmi-recorder");
    }

    @Test
    void showsHostileCaptureTextLiterallyOnEveryPage() {
        String id = store.save(TestCaptures.hostile());
        page.navigate(ui.url());
        page.waitFor("document.querySelector('a.session-link[href=\"/sessions/" + id + "\"]')", WAIT);
        assertThat(text("document.querySelector('a.session-link[href=\"/sessions/" + id + "\"]')")).isEqualTo(TestCaptures.HOSTILE[0]);
        assertNothingInjected();

        page.navigate(ui.url() + "sessions/" + id);
        page.waitFor("document.querySelectorAll('#frames tbody tr').length === 4 && document.querySelector('#connections .refusal')", WAIT);
        assertThat(text("document.getElementById('session-name')")).isEqualTo(TestCaptures.HOSTILE[0]);
        assertThat(text("document.querySelector('#connections .refusal')")).isEqualTo("Refused: " + TestCaptures.HOSTILE[2]);
        String body = text("document.body");
        for (String hostile : TestCaptures.HOSTILE) {
            assertThat(body).contains(hostile);
        }
        page.evaluate("document.querySelectorAll('details.exchange').forEach(d => d.open = true)");
        for (int row = 0; row < 4; row++) {
            page.evaluate("document.querySelectorAll('#frames tbody tr')[" + row + "].click()");
            page.waitFor("document.getElementById('frame-detail').dataset.seq === '" + (row + 1) + "'", WAIT);
        }
        assertThat(text("document.getElementById('frame-hex')")).contains("3c 73 63 72 69 70 74 3e").contains("<script>window");
        assertNothingInjected();
        assertThat(page.evaluate("window.__injected === undefined").asBoolean()).isTrue();
    }

    @Test
    void masksTokensUntilRevealed() {
        HttpExchange login = room.exchanges().get(0);
        String token = dev.kosmirecorder.core.jwt.Jwt.findIn(login.responseBody().text()).orElseThrow().raw();
        page.navigate(ui.url() + "sessions/" + roomId);
        page.waitFor("document.querySelectorAll('details.exchange').length > 0 && document.querySelectorAll('span.secret').length > 0"
                + " && document.querySelectorAll('#frames tbody tr').length > 0", WAIT);
        page.evaluate("document.querySelectorAll('details.exchange').forEach(d => d.open = true)");
        assertThat(text("document.body")).doesNotContain(token).contains("[token hidden]");
        assertThat(text("document.getElementById('exchanges')")).contains("\"sub\"").contains("expires");
        page.evaluate("document.querySelector('#frames tbody tr[data-seq=\"1\"]').click()");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '1'", WAIT);
        assertThat(text("document.getElementById('frame-payload')")).contains("connection_init").contains("[token hidden]").doesNotContain(token);
        assertThat(text("document.getElementById('frame-jwts')")).contains("JWT expires").contains("\"sub\"");

        assertThat(page.evaluate("fetch('/api/sessions/" + roomId + "/exchanges').then(r => r.text())").asText())
                .as("the API masks by itself before Reveal").doesNotContain(token).contains(Redactor.MARKER);

        // Reveal reloads the page, whose API calls then ask for the values as stored.
        page.evaluate("document.getElementById('reveal-tokens').click()");
        page.waitFor("document.body.textContent.includes('" + token + "') && document.querySelectorAll('#frames tbody tr').length > 0", WAIT);
        page.evaluate("document.querySelector('#frames tbody tr[data-seq=\"1\"]').click()");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '1'", WAIT);
        assertThat(text("document.getElementById('frame-payload')")).contains(token);

        page.evaluate("document.getElementById('reveal-tokens').click()");
        page.waitFor("document.getElementById('reveal-tokens').textContent === 'Reveal tokens'"
                + " && document.querySelectorAll('span.secret').length > 0", WAIT);
        assertThat(text("document.body")).doesNotContain(token);
    }

    @Test
    void comparesTheBrowserHandshakeWithAClientsAndHighlightsWhatIsMissing() {
        String clientId = store.save(TestCaptures.clientWithoutOrigin());
        page.navigate(ui.url() + "compare?a=" + roomId + ":1&b=" + clientId + ":1");
        page.waitFor("!document.getElementById('result').hidden", WAIT);

        String origin = "document.querySelector('#request-headers tr[data-name=\"Origin\"]')";
        assertThat(page.evaluate(origin + ".dataset.state").asText()).isEqualTo("missing-b");
        assertThat(page.evaluate(origin + ".className").asText()).isEqualTo("missing");
        assertThat(page.evaluate("getComputedStyle(" + origin + ".cells[1]).backgroundColor").asText()).isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(text(origin + ".cells[2]")).isEqualTo("(missing)");
        String protocol = "document.querySelector('#request-headers tr[data-name=\"Sec-WebSocket-Protocol\"]')";
        assertThat(page.evaluate(protocol + ".className").asText()).isEqualTo("missing");
        assertThat(page.evaluate("document.querySelector('#summary tr[data-name=\"Subprotocol\"]').className").asText()).isEqualTo("missing");
        assertThat(page.evaluate("document.querySelector('#request-headers tr[data-name=\"User-Agent\"]').className").asText()).isEqualTo("differs");
        assertThat(page.evaluate("document.querySelector('#request-headers tr[data-name=\"Sec-WebSocket-Key\"]').className").asText()).isEqualTo("varies");

        String ua = "document.querySelector('#connection-init tr[data-name=\"ua (decoded)\"]')";
        assertThat(page.evaluate(ua + ".className").asText()).isEqualTo("differs");
        assertThat(text(ua + ".cells[1]")).contains("Chrome/156");
        assertThat(text(ua + ".cells[2]")).isEqualTo("okhttp/5.0.0");
        assertThat(page.evaluate("document.querySelector('#connection-init tr[data-name=\"token\"]').className").asText()).isEqualTo("missing");
        assertThat(text("document.getElementById('summary')")).contains("strict mode: the handshake has no Origin header");
    }

    @Test
    void liveViewShowsFramesAppendedWhileThePageIsOpen() {
        watchARecording();
    }

    @Test
    void liveViewFallsBackToPollingWithoutServerSentEvents() {
        page.call("Page.addScriptToEvaluateOnNewDocument", Json.MAPPER.createObjectNode().put("source", "delete window.EventSource;"));
        watchARecording();
    }

    /** Opens a recording's page, appends frames with the recorder's writer, and waits for them and the end to show. */
    private void watchARecording() {
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "live one", "https://app.kosmi.io/room/@live",
                Instant.now()));
        try {
            writer.connection(WsConnection.builder().id(writer.nextConnectionId()).url("wss://engine.kosmi.io/gql-ws").status(101).build());
            writer.frame(Frame.text(1, writer.nextSeq(), Direction.SENT, "{\"type\":\"connection_init\",\"payload\":{}}", 1_000));
            writer.flush();
            page.navigate(ui.url() + "sessions/" + writer.sessionId());
            page.waitFor("document.querySelectorAll('#frames tbody tr').length === 1 && !document.getElementById('live-status').hidden", WAIT);

            for (int i = 0; i < 5; i++) {
                writer.frame(Frame.text(1, writer.nextSeq(), Direction.RECEIVED, "{\"type\":\"data\",\"id\":\"1\",\"payload\":{\"n\":" + i + "}}",
                        2_000 + i));
            }
            writer.flush();
            page.waitFor("document.querySelectorAll('#frames tbody tr').length === 6", WAIT);
            assertThat(text("document.querySelector('#frames tbody tr:last-child td.preview')")).contains("\"n\":4");
        } finally {
            writer.finish(SessionStatus.COMPLETE);
        }
        page.waitFor("document.getElementById('live-status').textContent.includes('ended')", WAIT);
        assertThat(page.evaluate("document.querySelectorAll('#frames tbody tr').length").asInt()).isEqualTo(6);
    }

    @Test
    void deleteAsksFirst() {
        String id = store.save(BuiltInFixtures.handshake403());
        page.navigate(ui.url() + "sessions/" + id);
        page.waitFor("document.getElementById('session-name').textContent !== 'Session'", WAIT);
        page.evaluate("document.getElementById('delete').click()");
        assertThat(page.evaluate("document.getElementById('delete-confirm').hidden").asBoolean()).isFalse();
        assertThat(store.session(id)).isPresent();
        page.evaluate("document.getElementById('delete-yes').click()");
        page.waitFor("location.pathname === '/' && document.querySelectorAll('#sessions tbody tr').length > 0", WAIT);
        assertThat(store.session(id)).isEmpty();
        assertThat(page.evaluate("document.querySelector('a.session-link[href=\"/sessions/" + id + "\"]') === null").asBoolean()).isTrue();
    }

    /** Writes the README's screenshot of the session page with a frame open (SPEC §8, acceptance 7). */
    @Test
    void writesTheSessionPageScreenshotForTheReadme() throws Exception {
        String projectDir = System.getProperty("kosmi.project.dir");
        assertThat(projectDir).as("system property kosmi.project.dir (set by the build)").isNotBlank();
        // The timeline, the frame list and the open frame side by side in one picture: a chat message selected.
        page.call("Emulation.setDeviceMetricsOverride", Json.MAPPER.createObjectNode()
                .put("width", 1280).put("height", 1180).put("deviceScaleFactor", 1).put("mobile", false));
        page.navigate(ui.url() + "sessions/" + roomId);
        page.waitFor("document.querySelectorAll('#frames tbody tr').length > 0 && document.querySelector('svg.timeline')", WAIT);
        long chat = room.frames().stream().filter(f -> "NewMessageSubscription".equals(f.message().operationName())
                && "data".equals(f.message().type())).skip(1).findFirst().orElseThrow().seq();
        page.evaluate("document.querySelector('#frames tr[data-seq=\"" + chat + "\"]').click()");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '" + chat + "'", WAIT);
        page.evaluate("document.getElementById('timeline').parentElement.scrollIntoView()");
        byte[] png = page.screenshot(1280, 1180);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Path file = Path.of(projectDir, "docs", "session-page.png");
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        assertThat(file).exists();
    }

    private String text(String elementExpression) {
        return page.evaluate(elementExpression + ".textContent").asText();
    }

    private void assertNothingInjected() {
        assertThat(page.evaluate("window.__alerts").asInt()).as("alert() calls").isZero();
        assertThat(page.evaluate("document.querySelectorAll('img, iframe, object, embed, style').length").asInt()).isZero();
        assertThat(page.evaluate("document.querySelectorAll('svg:not(.timeline)').length").asInt()).isZero();
        assertThat(page.evaluate("[...document.scripts].every(s => new URL(s.src).pathname.startsWith('/assets/'))").asBoolean()).isTrue();
        assertThat(page.evaluate("document.title").asText()).isNotEqualTo("pwned");
    }
}
