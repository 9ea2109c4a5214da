package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.HeadlessChromium;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The diff page in real headless Chromium: reached from the sessions list, and field names shown as text. */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TRAP = "window.__alerts = 0; window.alert = function () { window.__alerts++; };";

    private CaptureStore store;
    private WebUi ui;
    private HeadlessChromium chromium;
    private HeadlessChromium.Page page;
    private String roomId;
    private String nextId;

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-diff-browser-" + UUID.randomUUID()));
        roomId = store.save(DiffCaptures.room());
        nextId = store.save(DiffCaptures.nextRelease());
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
    void twoTickedSessionsOpenTheirComparisonWithEveryChangeNamed() {
        page.navigate(ui.url());
        page.waitFor("document.querySelectorAll('input.diff-pick').length === 2", WAIT);
        assertThat(page.evaluate("document.getElementById('diff-selected').disabled").asBoolean()).isTrue();
        page.evaluate("document.querySelector('input.diff-pick[value=\"" + roomId + "\"]').click()");
        page.evaluate("document.querySelector('input.diff-pick[value=\"" + nextId + "\"]').click()");
        assertThat(page.evaluate("document.getElementById('diff-selected').disabled").asBoolean()).isFalse();
        page.evaluate("document.getElementById('diff-selected').click()");

        page.waitFor("location.pathname === '/diff' && document.querySelectorAll('#changes tbody tr[data-path]').length > 0", WAIT);
        assertThat(page.evaluate("new URLSearchParams(location.search).get('a')").asText()).isEqualTo(roomId);
        assertThat(page.evaluate("[...document.querySelectorAll('#changes tbody tr')].map(r => r.dataset.kind + ' ' + r.cells[2].textContent).join('\\n')").asText())
                .isEqualTo("added operations.JoinRoom.result.data.joinRoom[\"" + DiffCaptures.HOSTILE_FIELD + "\"]\n"
                        + "added handshake.response.x-kosmi-release\n"
                        + "value-changed connection.init.v");
        assertThat(page.evaluate("document.querySelector('#changes tr[data-kind=\"value-changed\"]').cells[3].textContent").asText()).isEqualTo("\"4364\"");
        assertThat(page.evaluate("document.querySelector('#changes tr[data-kind=\"value-changed\"]').cells[4].textContent").asText()).isEqualTo("\"4365\"");
        assertThat(page.evaluate("document.getElementById('verdict').textContent").asText()).isEqualTo("3 changes.");
        assertThat(page.evaluate("document.querySelector('#traffic tr[data-name=\"JoinRoom\"]').cells[1].textContent").asText()).isEqualTo("3");
        assertNothingInjected();
    }

    @Test
    void fieldNamesThatAreHtmlAreShownLiterally() {
        page.navigate(ui.url() + "diff?a=" + roomId + "&b=" + nextId);
        page.waitFor("document.querySelectorAll('#changes tbody tr[data-path]').length === 3", WAIT);

        assertThat(page.evaluate("document.querySelector('#changes tbody tr').cells[2].textContent").asText())
                .contains(DiffCaptures.HOSTILE_FIELD);
        assertNothingInjected();
    }

    @Test
    void ignoredPathsAndASessionWithItselfReadAsNoChanges() {
        page.navigate(ui.url() + "diff?a=" + roomId + "&b=" + roomId);
        page.waitFor("!document.getElementById('result').hidden", WAIT);
        assertThat(page.evaluate("document.getElementById('verdict').textContent").asText()).isEqualTo("No changes.");

        page.navigate(ui.url() + "diff?a=" + roomId + "&b=" + nextId);
        page.waitFor("document.querySelectorAll('#changes tbody tr[data-path]').length === 3", WAIT);
        page.evaluate("document.getElementById('ignore').value = 'operations handshake'");
        page.evaluate("document.getElementById('run-diff').click()");
        page.waitFor("document.querySelectorAll('#changes tbody tr[data-path]').length === 1", WAIT);
        assertThat(page.evaluate("document.getElementById('verdict').textContent").asText())
                .isEqualTo("1 change. 2 more left out by the ignored paths.");
        assertThat(page.evaluate("location.search").asText()).contains("ignore=operations", "ignore=handshake");
    }

    private void assertNothingInjected() {
        assertThat(page.evaluate("window.__alerts").asInt()).as("alert() calls").isZero();
        assertThat(page.evaluate("document.querySelectorAll('img, iframe, object, embed, style, svg').length").asInt()).isZero();
        assertThat(page.evaluate("[...document.scripts].every(s => new URL(s.src).pathname.startsWith('/assets/'))").asBoolean()).isTrue();
    }
}
