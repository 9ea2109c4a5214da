package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureCodecTest {

    private static String room() {
        return FixtureCodec.write(SyntheticKosmiRoom.kosmiRoom());
    }

    @Test
    void jsonPayloadsAreWrittenAsJsonValuesNotEscapedStrings() {
        assertThat(room()).contains("\"payload\": {\n            \"type\": \"connection_init\"");
        assertThat(room()).doesNotContain("\"{\\\"type\\\"");
    }

    @Test
    void payloadsThatAreNotExactJsonStayStringsAndRoundTrip() throws Exception {
        List<String> texts = List.of("{\"a\": 1}", "{\"a\":1.50}", "{\"a\":1e5}", "\"just a string\"", "[1,2]", "not json {",
                "{\"dup\":1,\"dup\":2}", "{\"u\":\"\\u00e9\"}", "", "42");
        Capture capture = captureWithFrames(texts);
        Capture back = FixtureCodec.read(FixtureCodec.write(capture), "test");
        assertThat(back.frames()).extracting(Frame::text).containsExactlyElementsOf(texts);
        assertThat(FixtureCodec.write(back)).isEqualTo(FixtureCodec.write(capture));
    }

    @Test
    void binaryFramesAndTimesRoundTripToTheMicrosecond() throws Exception {
        Capture capture = captureWithFrames(List.of());
        Frame binary = Frame.of(1, 1, Direction.RECEIVED, Opcode.BINARY, Payload.of(new byte[] {0, (byte) 0xff, 10, 13}), 1_234_567);
        Capture withBinary = new Capture(capture.session(), List.of(), capture.connections(), List.of(binary));
        String written = FixtureCodec.write(withBinary);
        assertThat(written).contains("\"t\": 1234.567").contains("\"payload\": \"AP8KDQ==\"");
        Capture back = FixtureCodec.read(written, "test");
        assertThat(back.frames()).containsExactly(binary);
    }

    @Test
    void newerFormatVersionIsRefusedWithAMessageToUpgrade() {
        String newer = room().replace("\"formatVersion\": 1", "\"formatVersion\": 3");
        assertThatThrownBy(() -> FixtureCodec.read(newer, "room.json"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("room.json at /formatVersion: cannot read fixture format version 3: this kosmi-recorder reads versions "
                        + "up to 1; please update kosmi-recorder");
    }

    @Test
    void errorsNameTheFileThePointerAndWhatWasExpected() {
        String badDirection = room().replaceFirst("\"dir\": \"sent\"", "\"dir\": \"sideways\"");
        assertThatThrownBy(() -> FixtureCodec.read(badDirection, "room.json"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("room.json at /connections/0/frames/0/dir: unknown direction 'sideways' (expected sent or received)");

        String badTime = room().replaceFirst("\"t\": 455.000", "\"t\": \"soon\"");
        assertThatThrownBy(() -> FixtureCodec.read(badTime, "room.json"))
                .hasMessage("room.json at /connections/0/frames/0/t: expected a time in milliseconds, found the string \"soon\"");

        String unknownField = room().replaceFirst("\"seq\": 1,", "\"seq\": 1, \"sequence\": 1,");
        assertThatThrownBy(() -> FixtureCodec.read(unknownField, "room.json"))
                .hasMessageStartingWith("room.json at /connections/0/frames/0/sequence: unknown field 'sequence'");

        assertThatThrownBy(() -> FixtureCodec.read("{\"formatVersion\": 1, \"session\": ", "cut.json"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("cut.json: not valid JSON (line 1, column ");

        assertThatThrownBy(() -> FixtureCodec.read("[]", "array.json"))
                .hasMessage("array.json: expected an object, found an array");
    }

    @Test
    void framesOfUnknownConnectionsOrRepeatedSeqsAreRefused() {
        String repeatedSeq = room().replaceFirst("\"seq\": 2,", "\"seq\": 1,");
        assertThatThrownBy(() -> FixtureCodec.read(repeatedSeq, "room.json"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("frame seq 1 is used twice");
    }

    @Test
    void serverFramesGetTheOperationNameOfTheirStart() throws Exception {
        Capture room = FixtureCodec.read(room(), "room.json");
        assertThat(room.frames()).filteredOn(f -> f.direction() == Direction.RECEIVED && "data".equals(f.message().type())
                        && "4".equals(f.message().id()))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.message().operationName()).isEqualTo("NewMessageSubscription"));
    }

    static Capture captureWithFrames(List<String> texts) {
        Capture room = SyntheticKosmiRoom.kosmiRoom();
        WsConnection connection = room.connections().get(0);
        List<Frame> frames = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            frames.add(Frame.text(connection.id(), i + 1, Direction.SENT, texts.get(i), i * 1000L));
        }
        return new Capture(room.session(), List.of(), List.of(connection), frames);
    }
}
