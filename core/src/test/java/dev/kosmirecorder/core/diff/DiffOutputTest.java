package dev.kosmirecorder.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import org.junit.jupiter.api.Test;

class DiffOutputTest {
    private static final Capture ROOM = SyntheticKosmiRoom.kosmiRoom();
    private static final Capture BUMPED = Variants.connections(
            Variants.frames(ROOM, null, t -> t.replace("\"v\":\"4364\"", "\"v\":\"4365\"").replace("SendMessage", "SendMessage2")),
            c -> c.toBuilder().responseHeaders(c.responseHeaders().with("X-Kosmi-Release", "2026.12")).build());

    private static DiffReport report(Capture a, Capture b) {
        return CaptureDiff.compare(DiffInput.of("ours.json", a), DiffInput.of("new.har", b), DiffOptions.DEFAULT);
    }

    @Test
    void textReadsLikeAChangelogGroupedBySection() {
        String text = DiffText.of(report(ROOM, BUMPED));

        assertThat(text).startsWith("A: ours.json (" + ROOM.frames().size() + " frames)\nB: new.har (")
                .contains("3 changes from A to B:\n\nOperations\n  ~ renamed operations.SendMessage to SendMessage2\n"
                        + "\nHandshake headers\n  + added handshake.response.x-kosmi-release (2026.12)\n"
                        + "\nConnection and connection_init\n  ~ connection.init.v: \"4364\" -> \"4365\"\n")
                .contains("Traffic (for context, not counted as changes)")
                .containsPattern("RoomChatQuery +3 +3 ");
    }

    @Test
    void identicalCapturesSaySo() {
        assertThat(DiffText.of(report(ROOM, ROOM))).contains("No changes: ");
    }

    @Test
    void jsonNamesEveryChangeWithSectionKindPathBeforeAndAfter() {
        JsonNode json = DiffJson.of(report(ROOM, BUMPED));

        assertThat(json.get("diffFormat").asInt()).isEqualTo(1);
        assertThat(json.get("identical").asBoolean()).isFalse();
        assertThat(json.get("changeCount").asInt()).isEqualTo(3);
        assertThat(json.at("/a/label").asText()).isEqualTo("ours.json");
        JsonNode v = json.get("changes").get(2);
        assertThat(v.get("section").asText()).isEqualTo("connection");
        assertThat(v.get("kind").asText()).isEqualTo("value-changed");
        assertThat(v.get("path").asText()).isEqualTo("connection.init.v");
        assertThat(v.get("before").asText()).isEqualTo("\"4364\"");
        assertThat(v.get("after").asText()).isEqualTo("\"4365\"");
        JsonNode first = json.get("operations").get(0);
        assertThat(first.get("name").asText()).isEqualTo("ExtendedCurrentUserQuery");
        assertThat(first.at("/a/sent").asLong()).isEqualTo(1);
        assertThat(first.at("/a/received").asLong()).isEqualTo(2);
        assertThat(first.at("/a/medianGapMillis").isNumber()).isTrue();
    }

    @Test
    void controlCharactersInCapturedNamesAreEscapedInText() {
        Capture evil = Variants.frames(ROOM, "JoinRoom", t -> t.replace("\"joinRoom\":{\"ok\":true}", "\"joinRoom\":{\"ok\":true,\"\\u001b[31mred\":1}"));

        String text = DiffText.of(report(ROOM, evil));

        assertThat(text).doesNotContain("\u001b").contains("data.joinRoom[\"\\u001b[31mred\"] (number)");
    }
}
