package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
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

/**
 * The session page's frame table in real headless Chromium, driven with real key presses and mouse clicks: the
 * split pane, the arrow keys across pages, jumps to a seq or a time, the timeline, copying a payload, and the
 * comparison page's choice of two different connections. The session has 120 frames, one every 250 ms from
 * 09:00:00 UTC, so the table has three pages of 50.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameTableBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TRAP = "window.__alerts = 0; window.alert = function () { window.__alerts++; };";
    private static final String SELECTED = "document.querySelector('#frames tr.selected')";

    private CaptureStore store;
    private WebUi ui;
    private HeadlessChromium chromium;
    private HeadlessChromium.Page page;
    private String manyId;
    private String roomId;

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-frames-" + UUID.randomUUID()));
        roomId = store.save(BuiltInFixtures.kosmiRoom());
        store.save(TestCaptures.clientWithoutOrigin());
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
        // Key presses and the clipboard need a focused page; a headless tab is focused only when told so.
        page.call("Emulation.setFocusEmulationEnabled", Json.MAPPER.createObjectNode().put("enabled", true));
        page.call("Emulation.setDeviceMetricsOverride", Json.MAPPER.createObjectNode()
                .put("width", 1280).put("height", 900).put("deviceScaleFactor", 1).put("mobile", false));
    }

    @AfterEach
    void closePage() {
        assertThat(page.evaluate("window.__alerts").asInt()).as("alert() calls").isZero();
        page.close();
    }

    @Test
    void showsTheSelectedFrameInAPaneBesideTheListWithWallClockAndDelta() {
        openMany();
        click("document.querySelector('#frames tr[data-seq=\"3\"]')");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '3'", WAIT);

        JsonNode list = rect("document.getElementById('frame-scroll')");
        JsonNode detail = rect("document.getElementById('frame-detail')");
        assertThat(detail.path("left").asDouble()).as("detail starts right of the list").isGreaterThanOrEqualTo(list.path("right").asDouble());
        assertThat(Math.abs(detail.path("top").asDouble() - list.path("top").asDouble())).as("side by side").isLessThan(2);
        assertThat(detail.path("width").asDouble()).isGreaterThan(300);

        assertThat(cell(3, "time")).isEqualTo("0.750");
        assertThat(cell(3, "wall")).isEqualTo("09:00:00.750");
        assertThat(cell(3, "delta")).isEqualTo("+250.0 ms");
        assertThat(cell(1, "delta")).isEqualTo("–");
        assertThat(text("document.getElementById('frame-payload')")).isEqualTo(Json.prettyOrSelf(payload(3)));
        assertThat(text("document.getElementById('frame-meta')")).contains("09:00:00.750").contains("0.750 s since the start");
    }

    @Test
    void arrowKeysMoveTheSelectionAcrossPageBoundaries() {
        openMany();
        click("document.querySelector('#frames tr[data-seq=\"49\"]')");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '49'", WAIT);
        press("ArrowDown", 40);
        page.waitFor(SELECTED + ".dataset.seq === '50' && document.getElementById('frame-detail').dataset.seq === '50'", WAIT);

        press("ArrowDown", 40);
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '51' && document.getElementById('frame-detail').dataset.seq === '51'", WAIT);
        assertThat(text("document.getElementById('page-info')")).isEqualTo("Frames 51–100");
        assertThat(cell(51, "delta")).as("the delta across the page boundary").isEqualTo("+250.0 ms");
        assertThat(page.evaluate("document.activeElement.id").asText()).isEqualTo("frame-scroll");

        press("ArrowUp", 38);
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '50' && document.getElementById('frame-detail').dataset.seq === '50'", WAIT);
        assertThat(text("document.getElementById('page-info')")).isEqualTo("Frames 1–50");
        assertThat(page.evaluate("document.getElementById('prev-page').disabled").asBoolean()).isTrue();
        press("ArrowUp", 38);
        page.waitFor(SELECTED + ".dataset.seq === '49'", WAIT);
    }

    @Test
    void jumpsToASequenceNumberAndPagesBackFromThere() {
        openMany();
        jump("#77");
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '77' && document.getElementById('frame-detail').dataset.seq === '77'", WAIT);
        assertThat(text("document.getElementById('page-info')")).isEqualTo("Frames 77–120 (last page)");
        assertThat(text("document.getElementById('jump-status')")).isEqualTo("Frame #77.");

        click("document.getElementById('prev-page')");
        page.waitFor("document.getElementById('page-info').textContent === 'Frames 27–76'", WAIT);
        click("document.getElementById('prev-page')");
        page.waitFor("document.getElementById('page-info').textContent === 'Frames 1–50'", WAIT);
        assertThat(page.evaluate("document.getElementById('prev-page').disabled").asBoolean()).isTrue();

        page.evaluate("document.querySelector('#filters [name=direction]').value = 'sent'");
        click("document.getElementById('apply-filters')");
        page.waitFor("[...document.querySelectorAll('#frames tbody tr')].every(r => r.classList.contains('sent'))", WAIT);
        jump("78");
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '79'", WAIT);
        assertThat(text("document.getElementById('jump-status')")).isEqualTo("Frame #79, the first matching frame at or after #78.");
        assertThat(cell(81, "delta")).isEqualTo("+500.0 ms");
    }

    @Test
    void jumpsToATimeSinceTheStartOrOnTheWallClockAndExplainsWhatItCannotRead() {
        openMany();
        jump("12.5s");
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '50'", WAIT);
        jump("09:00:20");
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '80'", WAIT);
        assertThat(text("document.getElementById('jump-status')")).startsWith("Frame #80, the first at or after 20.000 s (09:00:20.000)");
        jump("2m");
        page.waitFor("document.getElementById('jump-status').classList.contains('error')", WAIT);
        assertThat(text("document.getElementById('jump-status')")).isEqualTo("No frame at or after 120.000 s (09:02:00.000).");

        String hostile = "<img src=x onerror=alert(1)>";
        jump(hostile);
        page.waitFor("document.getElementById('jump-status').textContent.startsWith('Cannot go to')", WAIT);
        assertThat(text("document.getElementById('jump-status')")).contains(hostile);
        assertThat(page.evaluate("document.querySelectorAll('img').length").asInt()).isZero();
    }

    @Test
    void clickingATimelineBarShowsItsFrames() {
        openMany();
        page.waitFor("document.querySelector('svg.timeline g.bucket[data-t=\"10\"]')", WAIT);
        click("document.querySelector('svg.timeline g.bucket[data-t=\"10\"] rect.hit')");
        page.waitFor(SELECTED + " && " + SELECTED + ".dataset.seq === '40'", WAIT);
        assertThat(cell(40, "time")).isEqualTo("10.000");
    }

    @Test
    void copiesThePayloadWithTheClipboardApiAndWithoutIt() {
        ObjectNode grant = Json.MAPPER.createObjectNode().put("origin", ui.url().replaceAll("/$", ""));
        grant.putArray("permissions").add("clipboardReadWrite").add("clipboardSanitizedWrite");
        page.call("Browser.grantPermissions", grant);
        openMany();
        click("document.querySelector('#frames tr[data-seq=\"5\"]')");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '5'", WAIT);
        click("document.getElementById('copy-payload')");
        page.waitFor("document.getElementById('copy-status').textContent.startsWith('Copied')", WAIT);
        assertThat(page.evaluate("navigator.clipboard.readText()").asText()).isEqualTo(payload(5));

        // Without the asynchronous clipboard (an older browser, or plain http on another name): the copy command.
        page.evaluate("window.__clipboard = navigator.clipboard; Object.defineProperty(navigator, 'clipboard', {value: undefined})");
        click("document.querySelector('#frames tr[data-seq=\"6\"]')");
        page.waitFor("document.getElementById('frame-detail').dataset.seq === '6'", WAIT);
        click("document.getElementById('copy-payload')");
        page.waitFor("document.getElementById('copy-status').textContent.startsWith('Copied')", WAIT);
        assertThat(page.evaluate("window.__clipboard.readText()").asText()).isEqualTo(payload(6));
        assertThat(page.evaluate("document.querySelectorAll('textarea').length").asInt()).as("the helper is removed").isZero();
    }

    @Test
    void compareOpensOnTwoDifferentConnections() {
        page.navigate(ui.url() + "compare?a=" + roomId + ":1");
        page.waitFor("document.getElementById('b-connection').options.length > 0", WAIT);
        assertThat(ref("a")).isEqualTo(roomId + ":1");
        assertThat(ref("b")).isNotEqualTo(ref("a")).doesNotEndWith(":");

        page.navigate(ui.url() + "compare");
        page.waitFor("document.getElementById('b-connection').options.length > 0", WAIT);
        assertThat(ref("b")).isNotEqualTo(ref("a"));
        assertThat(ref("a")).doesNotEndWith(":");
    }

    private void openMany() {
        page.navigate(ui.url() + "sessions/" + manyId);
        page.waitFor("document.querySelectorAll('#frames tbody tr').length === 50 && document.querySelector('svg.timeline')", WAIT);
    }

    private static String payload(int n) {
        return "{\"type\":\"data\",\"id\":\"" + n + "\",\"payload\":{\"data\":{\"n\":" + n + "}}}";
    }

    private String ref(String side) {
        return page.evaluate("document.getElementById('" + side + "-session').value + ':' + document.getElementById('" + side
                + "-connection').value").asText();
    }

    private void jump(String to) {
        page.evaluate("document.getElementById('jump-to').value = " + Json.MAPPER.getNodeFactory().textNode(to));
        click("document.getElementById('jump-go')");
    }

    private String cell(int seq, String column) {
        page.waitFor("document.querySelector('#frames tr[data-seq=\"" + seq + "\"]')", WAIT);
        return text("document.querySelector('#frames tr[data-seq=\"" + seq + "\"] td." + column + "')");
    }

    private String text(String elementExpression) {
        return page.evaluate(elementExpression + ".textContent").asText();
    }

    private JsonNode rect(String elementExpression) {
        return page.evaluate("(() => { const r = " + elementExpression + ".getBoundingClientRect(); "
                + "return {left: r.left, right: r.right, top: r.top, width: r.width}; })()");
    }

    /** A real key press, as the user's keyboard sends it to the focused element. */
    private void press(String key, int keyCode) {
        for (String type : new String[] {"keyDown", "keyUp"}) {
            page.call("Input.dispatchKeyEvent", Json.MAPPER.createObjectNode().put("type", type).put("key", key).put("code", key)
                    .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
        }
    }

    /** A real mouse click in the middle of the element (which carries a user activation, as the clipboard wants). */
    private void click(String elementExpression) {
        JsonNode at = page.evaluate("(() => { const e = " + elementExpression + "; e.scrollIntoView({block: 'center'}); "
                + "const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            page.call("Input.dispatchMouseEvent", Json.MAPPER.createObjectNode().put("type", type).put("x", at.path("x").asDouble())
                    .put("y", at.path("y").asDouble()).put("button", "left").put("clickCount", 1));
        }
    }
}
