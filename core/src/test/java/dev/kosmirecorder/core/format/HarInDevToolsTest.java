package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.HeadlessChromium;
import dev.kosmirecorder.testing.SecretCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 3: a HAR written by {@code export} loads in Chrome DevTools' own HAR importer, run inside headless
 * Chromium (the {@code models/har} module of the DevTools front end that Chromium bundles, the code behind the
 * Network panel's "Import HAR file"), and every WebSocket message arrives with its direction, time, opcode and data.
 */
@Timeout(120)
class HarInDevToolsTest {
    private static final String IMPORT = "(async () => { const har = await import('./models/har/har.js');"
            + " const root = new har.HARFormat.HARRoot(JSON.parse(%s));"
            + " return har.Importer.Importer.requestsFromHARLog(root.log).map(r => ({url: r.url(), type: r.resourceType().name(),"
            + " status: r.statusCode, frames: r.frames().map(f => ({type: f.type, micros: Math.round(f.time * 1e6), opcode: f.opCode,"
            + " data: f.text}))})); })()";

    @Test
    void everyExportLoadsInDevToolsHarImporterWithItsMessages() throws Exception {
        List<Capture> captures = new ArrayList<>();
        for (Path file : FixtureFiles.all()) {
            captures.add(FixtureCodec.read(file));
        }
        captures.add(SecretCapture.capture());

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            HeadlessChromium.Page page = chromium.newPage();
            page.call("Page.navigate", Json.MAPPER.createObjectNode().put("url", "devtools://devtools/bundled/devtools_app.html"));
            page.waitFor("document.readyState === 'complete'", Duration.ofSeconds(30));
            for (Capture capture : captures) {
                // What export writes by default: the redacted capture.
                Capture exported = Redactor.redact(capture);
                String har = new String(HarCodec.writeBytes(exported), StandardCharsets.UTF_8);
                JsonNode loaded = page.evaluate(String.format(IMPORT, Json.compact(Json.MAPPER.getNodeFactory().textNode(har))));
                // Compared as text: the two trees hold the same numbers in different Java types.
                assertThat(Json.canonical(loaded)).as(capture.session().name()).isEqualTo(Json.canonical(expected(exported)));
            }
        }
    }

    /** What DevTools should show: entries by start time, WebSocket messages with their epoch time to the microsecond. */
    private static ArrayNode expected(Capture c) {
        record Entry(long start, int kind, ObjectNode json) {
        }
        List<Entry> entries = new ArrayList<>();
        for (HttpExchange e : c.exchanges()) {
            ObjectNode o = Json.MAPPER.createObjectNode().put("url", e.url()).put("type", "fetch").put("status", e.status());
            o.putArray("frames");
            entries.add(new Entry(e.startMicros(), 0, o));
        }
        for (WsConnection w : c.connections()) {
            ObjectNode o = Json.MAPPER.createObjectNode().put("url", w.url()).put("type", "websocket").put("status", w.status());
            ArrayNode frames = o.putArray("frames");
            List<Frame> own = c.framesOf(w.id());
            for (Frame f : own) {
                frames.addObject().put("type", f.direction() == Direction.SENT ? "send" : "receive").put("micros", epochMicros(c, f.timeMicros()))
                        .put("opcode", f.opcode().code()).put("data", f.opcode() == Opcode.TEXT ? f.payload().text() : f.payload().base64());
            }
            if (w.error() != null && !w.rejected()) {
                long at = w.closedMicros() != null ? w.closedMicros() : own.isEmpty() ? w.openedMicros() : own.get(own.size() - 1).timeMicros();
                frames.addObject().put("type", "error").put("micros", epochMicros(c, at)).put("opcode", -1).put("data", w.error());
            }
            entries.add(new Entry(w.openedMicros(), 1, o));
        }
        entries.sort(Comparator.comparingLong(Entry::start).thenComparingInt(Entry::kind));
        ArrayNode all = Json.MAPPER.createArrayNode();
        entries.forEach(e -> all.add(e.json()));
        return all;
    }

    private static long epochMicros(Capture c, long sessionMicros) {
        Instant at = c.session().wallTime(sessionMicros);
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }
}
