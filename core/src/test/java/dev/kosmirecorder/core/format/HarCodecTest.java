package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.SecretCapture;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class HarCodecTest {

    static Stream<Capture> captures() throws Exception {
        List<Capture> all = new ArrayList<>();
        for (Path file : FixtureFiles.all()) {
            all.add(FixtureCodec.read(file));
        }
        all.add(SecretCapture.capture());
        return all.stream();
    }

    private static Capture importOf(byte[] har) throws Exception {
        return HarCodec.read(new ByteArrayInputStream(har), "test.har");
    }

    private static Capture importOf(String har) throws Exception {
        return importOf(har.getBytes(StandardCharsets.UTF_8));
    }

    private static Capture golden(String name) throws Exception {
        try (InputStream in = HarCodecTest.class.getResourceAsStream("/har/" + name)) {
            return HarCodec.read(in, name);
        }
    }

    // ---------------------------------------------------------------- acceptance 1: round trip

    @ParameterizedTest
    @MethodSource("captures")
    void everyCaptureSurvivesHarExportAndImportExactly(Capture original) throws Exception {
        Capture imported = importOf(HarCodec.writeBytes(original));

        assertThat(imported.session().kind()).isEqualTo(SessionKind.IMPORT);
        Capture expected = original.withSession(original.session().withKind(SessionKind.IMPORT));
        assertThat(FixtureCodec.write(imported)).isEqualTo(FixtureCodec.write(expected));
        assertThat(imported).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void withoutOurNotesFramesHandshakesAndTimesStillSurvive(Capture original) throws Exception {
        JsonNode har = Json.MAPPER.readTree(HarCodec.writeBytes(original));
        ((ObjectNode) har.get("log")).remove("_kosmi");
        har.get("log").get("entries").forEach(e -> ((ObjectNode) e).remove("_kosmi"));

        Capture imported = importOf(Json.compact(har));

        Instant start = original.session().startedAt();
        assertThat(imported.session().startedAt()).isBeforeOrEqualTo(start.plusNanos(
                1000L * original.exchanges().stream().mapToLong(HttpExchange::startMicros).min().orElse(0)));
        long shift = java.time.Duration.between(start, imported.session().startedAt()).toNanos() / 1000;
        assertThat(imported.frames()).hasSameSizeAs(original.frames());
        for (int i = 0; i < original.frames().size(); i++) {
            Frame o = original.frames().get(i);
            Frame r = imported.frames().get(i);
            assertThat(List.of(r.direction(), r.opcode(), r.payload(), r.timeMicros() + shift, r.message()))
                    .as("frame %d", i).isEqualTo(List.of(o.direction(), o.opcode(), o.payload(), o.timeMicros(), o.message()));
        }
        assertThat(imported.connections()).hasSameSizeAs(original.connections());
        for (int i = 0; i < original.connections().size(); i++) {
            WsConnection o = original.connections().get(i);
            WsConnection r = imported.connections().get(i);
            assertThat(List.of(r.url(), r.requestHeaders(), r.status(), r.statusText(), r.responseHeaders(), r.subprotocol(),
                    r.responseBody(), r.openedMicros() + shift, r.rejected(), String.valueOf(r.error())))
                    .isEqualTo(List.of(o.url(), o.requestHeaders(), o.status(), o.statusText(), o.responseHeaders(), o.subprotocol(),
                            o.responseBody(), o.openedMicros(), o.rejected(), String.valueOf(o.error())));
        }
        assertThat(imported.exchanges()).hasSameSizeAs(original.exchanges());
        for (int i = 0; i < original.exchanges().size(); i++) {
            HttpExchange o = original.exchanges().get(i);
            HttpExchange r = imported.exchanges().get(i);
            assertThat(List.of(r.method(), r.url(), r.requestHeaders(), r.requestBody(), r.status(), r.responseHeaders(),
                    r.responseBody(), r.startMicros() + shift))
                    .isEqualTo(List.of(o.method(), o.url(), o.requestHeaders(), o.requestBody(), o.status(), o.responseHeaders(),
                            o.responseBody(), o.startMicros()));
        }
    }

    @Test
    void timesAreWrittenToTheMicrosecond() throws Exception {
        JsonNode har = Json.MAPPER.readTree(HarCodec.writeBytes(SecretCapture.capture()));
        JsonNode ws = har.at("/log/entries/1");
        assertThat(ws.get("_resourceType").asText()).isEqualTo("websocket");
        assertThat(ws.get("startedDateTime").asText()).isEqualTo("2026-11-02T09:30:02.500250Z");
        assertThat(ws.at("/_webSocketMessages/0/time").decimalValue()).isEqualByComparingTo("1793611802.600251");
        assertThat(ws.at("/_webSocketMessages/2/opcode").asInt()).isEqualTo(2);
        assertThat(ws.at("/_webSocketMessages/2/data").asText()).isEqualTo("AAEC/w==");
        assertThat(ws.at("/_webSocketMessages/4/type").asText()).isEqualTo("error");
        assertThat(ws.at("/_webSocketMessages/4/opcode").asInt()).isEqualTo(-1);
        assertThat(ws.at("/response/status").asInt()).isEqualTo(101);
    }

    @Test
    void refusedHandshakeIsAnEntryWithItsRealStatus() throws Exception {
        JsonNode har = Json.MAPPER.readTree(HarCodec.writeBytes(BuiltInFixtures.handshake403()));
        JsonNode ws = har.at("/log/entries/1");
        assertThat(ws.get("_resourceType").asText()).isEqualTo("websocket");
        assertThat(ws.at("/response/status").asInt()).isEqualTo(403);
        assertThat(ws.at("/response/_error").asText()).contains("Unexpected response code: 403");
        assertThat(ws.get("_webSocketMessages")).isEmpty();
        assertThat(har.at("/log/entries/0/request/postData/text").asText()).contains("AnonLogin");
    }

    // ---------------------------------------------------------------- acceptance 3: schema check

    @ParameterizedTest
    @MethodSource("captures")
    void exportsPassTheHar12SchemaCheck(Capture capture) throws Exception {
        JsonNode har = Json.MAPPER.readTree(HarCodec.writeBytes(capture));
        assertThat(HarSchema.violations(har)).isEmpty();
        assertThat(HarSchema.violations(Json.MAPPER.readTree(HarCodec.writeBytes(Redactor.redact(capture))))).isEmpty();
    }

    @Test
    void schemaCheckCatchesWhatChromeWouldChokeOn() throws Exception {
        ObjectNode har = (ObjectNode) Json.MAPPER.readTree(HarCodec.writeBytes(BuiltInFixtures.kosmiRoom()));
        ObjectNode ws = (ObjectNode) har.at("/log/entries/1");
        ws.remove("cache");
        ws.put("time", 1);
        ws.put("extra", true);
        ((ObjectNode) ws.at("/_webSocketMessages/0")).put("opcode", -1);

        assertThat(HarSchema.violations(har)).containsExactly(
                "/log/entries/1: missing required field 'cache'",
                "/log/entries/1/extra: not a HAR 1.2 field, and custom fields must start with '_'",
                "/log/entries/1/cache: expected an object, found nothing",
                "/log/entries/1/time: 1 is not the sum of the known timings, 26180",
                "/log/entries/1/_webSocketMessages/0/opcode: error messages and only they carry opcode -1, found -1 for send");
    }

    // ---------------------------------------------------------------- acceptance 2: other writers' shapes

    @Test
    void importsChromesHar() throws Exception {
        Capture c = golden("chrome.har");

        assertThat(c.session().kind()).isEqualTo(SessionKind.IMPORT);
        assertThat(c.session().startedAt()).isEqualTo("2026-11-01T18:00:00Z");
        assertThat(c.session().target()).isEqualTo("https://app.kosmi.io/room/@golden");
        assertThat(c.session().attributes()).containsEntry("har.creator", "WebInspector 537.36");
        assertThat(c.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.requestBody().text()).contains("AnonLogin");
            assertThat(e.responseBody().text()).contains("not-a-real-token");
            assertThat(e.startMicros()).isEqualTo(120_000);
            assertThat(e.endMicros()).isEqualTo(310_537);
        });
        assertThat(c.connections()).hasSize(2);
        WsConnection open = c.connections().get(0);
        assertThat(open.status()).isEqualTo(101);
        assertThat(open.subprotocol()).isEqualTo("graphql-ws");
        assertThat(open.rejected()).isFalse();
        assertThat(open.error()).isEqualTo("net::ERR_CONNECTION_RESET");
        assertThat(open.requestHeaders().get("origin")).contains("https://app.kosmi.io");
        assertThat(c.framesOf(open.id())).extracting(Frame::seq, Frame::direction, Frame::opcode, Frame::timeMicros).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, Direction.SENT, Opcode.TEXT, 455_123L),
                org.assertj.core.groups.Tuple.tuple(2L, Direction.RECEIVED, Opcode.TEXT, 512_001L),
                org.assertj.core.groups.Tuple.tuple(3L, Direction.RECEIVED, Opcode.TEXT, 513_000L),
                org.assertj.core.groups.Tuple.tuple(4L, Direction.SENT, Opcode.TEXT, 530_456L),
                org.assertj.core.groups.Tuple.tuple(5L, Direction.RECEIVED, Opcode.TEXT, 601_250L),
                org.assertj.core.groups.Tuple.tuple(6L, Direction.RECEIVED, Opcode.BINARY, 700_000L));
        assertThat(c.frames().get(4).message().operationName()).isEqualTo("JoinRoom");
        assertThat(c.frames().get(5).payload().bytes()).containsExactly(0, 1, 2, 3, 0xff);
        assertThat(open.closedMicros()).isEqualTo(3_250_000L);
        WsConnection refused = c.connections().get(1);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.rejected()).isTrue();
        assertThat(refused.error()).contains("403");
        assertThat(c.framesOf(refused.id())).isEmpty();
    }

    @Test
    void importsMitmproxysHar() throws Exception {
        Capture c = golden("mitmproxy.har");

        assertThat(c.session().startedAt()).isEqualTo("2026-11-01T18:00:00.120Z");
        assertThat(c.session().attributes()).containsEntry("har.creator", "mitmproxy exporthar 0.1");
        assertThat(c.exchanges()).singleElement().satisfies(e -> assertThat(e.endMicros()).isEqualTo(190_500L));
        WsConnection ws = c.connections().get(0);
        assertThat(ws.url()).isEqualTo("https://engine.kosmi.io/gql-ws");
        assertThat(ws.subprotocol()).isEqualTo("graphql-ws");
        assertThat(c.frames()).extracting(Frame::direction, Frame::opcode, Frame::timeMicros).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Direction.SENT, Opcode.TEXT, 335_123L),
                org.assertj.core.groups.Tuple.tuple(Direction.RECEIVED, Opcode.TEXT, 392_000L),
                org.assertj.core.groups.Tuple.tuple(Direction.RECEIVED, Opcode.BINARY, 880_000L),
                org.assertj.core.groups.Tuple.tuple(Direction.SENT, Opcode.TEXT, 2_130_000L));
        assertThat(c.frames().get(2).payload().bytes()).asString(StandardCharsets.UTF_8).isEqualTo("kosmi");
        assertThat(c.frames().get(3).message().type()).isEqualTo("connection_terminate");
    }

    @Test
    void importsPlaywrightsHarWithMillisecondMessageTimes() throws Exception {
        Capture c = golden("playwright.har");

        assertThat(c.session().startedAt()).isEqualTo("2026-11-01T18:00:00Z");
        assertThat(c.session().target()).isEqualTo("Kosmi");
        assertThat(c.frames()).extracting(Frame::timeMicros).containsExactly(455_123L, 512_500L, 513_000L);
        assertThat(c.frames()).extracting(f -> f.message().type()).containsExactly("connection_init", "connection_ack", "ka");
        assertThat(c.connections().get(0).closedMicros()).isEqualTo(513_000L);
    }

    @Test
    void readsHeadersWrittenAsNameValuePairs() throws Exception {
        Capture c = importOf("""
                {"log": {"version": "1.2", "creator": {"name": "x", "version": "1"}, "entries": [
                  {"startedDateTime": "2026-11-01T18:00:00Z", "time": 5,
                   "request": {"method": "GET", "url": "ws://localhost/gql-ws", "headers": [["Origin", "https://app.kosmi.io"], ["Sec-WebSocket-Protocol", "graphql-ws"]]},
                   "response": {"status": 101, "headers": [["Sec-WebSocket-Protocol", "graphql-ws"]]},
                   "_webSocketMessages": [{"type": "send", "time": 1793556000.001, "opcode": 1, "data": "{}"}]}]}}
                """);
        WsConnection ws = c.connections().get(0);
        assertThat(ws.requestHeaders().get("origin")).contains("https://app.kosmi.io");
        assertThat(ws.subprotocol()).isEqualTo("graphql-ws");
        assertThat(c.frames()).singleElement().extracting(Frame::timeMicros).isEqualTo(1_000L);
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void malformedFilesNameTheEntryAndField() {
        String head = "{\"log\": {\"version\": \"1.2\", \"entries\": [{\"startedDateTime\": \"2026-11-01T18:00:00Z\", "
                + "\"request\": {\"method\": \"GET\", \"url\": \"wss://x/\"}, \"response\": {\"status\": 101}, \"_webSocketMessages\": [";
        assertThat(error(head + "{\"type\": \"send\", \"opcode\": 1, \"data\": \"x\"}]}]}}"))
                .isEqualTo("test.har at /log/entries/0/_webSocketMessages/0/time: missing required field 'time'");
        assertThat(error(head + "{\"type\": \"send\", \"time\": \"soon\", \"opcode\": 1, \"data\": \"x\"}]}]}}"))
                .isEqualTo("test.har at /log/entries/0/_webSocketMessages/0/time: expected an epoch time in seconds or milliseconds, "
                        + "found the string \"soon\"");
        assertThat(error(head + "{\"type\": \"ping\", \"time\": 1, \"opcode\": 1, \"data\": \"x\"}]}]}}"))
                .isEqualTo("test.har at /log/entries/0/_webSocketMessages/0/type: unknown message type 'ping'; expected send, receive or error");
        assertThat(error(head + "{\"type\": \"receive\", \"time\": 1, \"opcode\": 2, \"data\": \"***\"}]}]}}"))
                .startsWith("test.har at /log/entries/0/_webSocketMessages/0/data: not valid base64");
        assertThat(error(head + "{\"type\": \"receive\", \"time\": 1, \"opcode\": 9, \"data\": \"\"}]}]}}"))
                .isEqualTo("test.har at /log/entries/0/_webSocketMessages/0/opcode: unsupported opcode 9 (expected 1 for text or 2 for "
                        + "binary), or -1 for an error message");
        assertThat(error("{\"log\": {\"entries\": [{\"request\": {\"url\": \"https://x/\"}}]}}"))
                .isEqualTo("test.har at /log/entries/0/response: missing required field 'response'");
        assertThat(error("{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"https://x/\"}, \"response\": {\"status\": 200},"
                + " \"startedDateTime\": \"yesterday\"}]}}"))
                .startsWith("test.har at /log/entries/0/startedDateTime: expected an ISO-8601 instant");
        assertThat(error("{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"https://x/\", \"headers\": [[\"a\"]]}, \"response\": {\"status\": 200}, "
                + "\"startedDateTime\": \"2026-11-01T18:00:00Z\"}]}}"))
                .isEqualTo("test.har at /log/entries/0/request/headers/0: expected a header as [name, value] with two strings");
        assertThat(error("{\"formatVersion\": 1}")).isEqualTo("test.har at /log: missing required field 'log': this is not a HAR file");
        assertThat(error("{\"log\": {\"entries\": [")).startsWith("test.har: not valid JSON (line 1, column 22)");
        assertThat(error("")).isEqualTo("test.har: the document is empty; expected a HAR object with a 'log'");
    }

    private static String error(String har) {
        Throwable t = catchThrowable(() -> importOf(har));
        assertThat(t).isInstanceOf(CaptureFormatException.class);
        return t.getMessage();
    }

    @Test
    void onlyCaptureFormatExceptionEscapesOnDamagedInput() throws Exception {
        byte[] good = HarCodec.writeBytes(SecretCapture.capture());
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            if (i % 3 == 0) {
                bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
            } else {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    String noise = "{}[]\",:0-9aZ \u0000";
                    bad[random.nextInt(bad.length)] = (byte) noise.charAt(random.nextInt(noise.length()));
                }
            }
            byte[] input = bad;
            Throwable t = catchThrowable(() -> importOf(input));
            if (t != null) {
                assertThat(t).as("mutation %d", i).isInstanceOf(CaptureFormatException.class);
            }
        }
    }

    @Test
    void capturefilesSniffsAndReadsHar(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("room.har");
        java.nio.file.Files.write(file, HarCodec.writeBytes(BuiltInFixtures.kosmiRoom()));
        assertThat(CaptureFiles.sniff(file)).isEqualTo(CaptureFiles.Format.HAR);
        assertThat(CaptureFiles.read(file).frames()).hasSameSizeAs(BuiltInFixtures.kosmiRoom().frames());
        assertThatThrownBy(() -> HarCodec.read(dir.resolve("missing.har"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
