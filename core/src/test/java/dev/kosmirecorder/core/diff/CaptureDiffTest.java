package dev.kosmirecorder.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureDiffTest {
    private static final Capture ROOM = SyntheticKosmiRoom.kosmiRoom();

    private static DiffReport diff(Capture a, Capture b, String... ignore) {
        return CaptureDiff.compare(DiffInput.of("A", a), DiffInput.of("B", b), new DiffOptions(List.of(ignore)));
    }

    @Test
    void captureComparedWithItselfHasNoChanges() throws Exception {
        Capture fixture = CaptureFiles.read(FixtureFiles.dir().resolve("kosmi-room.json"));

        DiffReport report = diff(fixture, fixture);

        assertThat(report.changes()).isEmpty();
        assertThat(report.identical()).isTrue();
        assertThat(report.a().operations()).containsKeys("JoinRoom", "NewMessageSubscription", "RoomChatQuery");
    }

    @Test
    void reRecordingThatDiffersOnlyInIdsTimesAndTokensHasNoChanges() {
        Capture again = Variants.reRecorded(ROOM);
        assertThat(again.frames().get(0).text()).isNotEqualTo(ROOM.frames().get(0).text());

        assertThat(diff(ROOM, again).changes()).isEmpty();
        assertThat(diff(again, ROOM).changes()).isEmpty();
    }

    @Test
    void resultFieldsAddedRemovedAndChangingTypeAreNamed() {
        Capture b = Variants.frames(ROOM, "ExtendedCurrentUserQuery", t -> t
                .replace("\"connectionId\":\"c-7a1e\"", "\"connectionId\":\"c-7a1e\",\"locale\":\"en\"")
                .replace(",\"avatarUrl\":null", ""));
        b = Variants.frames(b, "NewMessageSubscription", t -> t.replaceAll("\"time\":(\\d+)", "\"time\":\"$1\""));

        assertThat(diff(ROOM, b).changes()).extracting(Change::kind, Change::path, Change::before, Change::after).containsExactly(
                tuple(ChangeKind.ADDED, "operations.ExtendedCurrentUserQuery.result.data.currentUser.locale", null, "string"),
                tuple(ChangeKind.REMOVED, "operations.ExtendedCurrentUserQuery.result.data.currentUser.user.avatarUrl", "null", null),
                tuple(ChangeKind.TYPE_CHANGED, "operations.NewMessageSubscription.result.data.newMessage.time", "number", "string"));
    }

    @Test
    void variablesFieldAddedIsNamed() {
        Capture b = Variants.frames(ROOM, "JoinRoom", t -> t.replace("\"variables\":{\"id\":\"@kosmi-recorder-demo\"}",
                "\"variables\":{\"id\":\"@kosmi-recorder-demo\",\"disconnectOtherConnections\":false}"));

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "added operations.JoinRoom.variables.disconnectOtherConnections (boolean)");
    }

    @Test
    void renamedOperationIsNamedWithItsNewName() {
        Capture b = Variants.frames(ROOM, "SendMessage", t -> t.replace("SendMessage", "SendMessage2"));

        assertThat(diff(ROOM, b).changes()).extracting(Change::kind, Change::path, Change::after).containsExactly(
                tuple(ChangeKind.RENAMED, "operations.SendMessage", "SendMessage2"));
    }

    @Test
    void operationsUnlikeEachOtherAreAddedAndRemovedNotRenamed() {
        Capture b = Variants.frames(ROOM, "JoinRoom", t -> t.replace("JoinRoom", "EnterSpace")
                .replace("\"id\":\"@kosmi-recorder-demo\"", "\"spaceSlug\":\"@kosmi-recorder-demo\"")
                .replace("\"joinRoom\":{\"ok\":true}", "\"enterSpace\":{\"space\":{\"slug\":\"x\"}}"));

        assertThat(diff(ROOM, b).changes()).extracting(Change::kind, Change::path).containsExactly(
                tuple(ChangeKind.REMOVED, "operations.JoinRoom"),
                tuple(ChangeKind.ADDED, "operations.EnterSpace"));
    }

    @Test
    void handshakeHeaderAddedIsNamed() {
        Capture b = Variants.connections(ROOM, c -> c.toBuilder().responseHeaders(c.responseHeaders().with("X-Kosmi-Release", "2026.12")).build());

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "added handshake.response.x-kosmi-release (2026.12)");
    }

    @Test
    void clientVersionBumpIsNamedAndCanBeIgnored() {
        Capture b = Variants.frames(ROOM, null, t -> t.replace("\"v\":\"4364\"", "\"v\":\"4365\""));

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "connection.init.v: \"4364\" -> \"4365\"");
        DiffReport ignoring = diff(ROOM, b, "connection.init.v");
        assertThat(ignoring.identical()).isTrue();
        assertThat(ignoring.ignored()).isEqualTo(1);
    }

    @Test
    void userAgentInConnectionInitIsComparedDecoded() {
        String ua = java.util.Base64.getEncoder().encodeToString("Mozilla/5.0 Chrome/157.0.0.0".getBytes());
        Capture b = Variants.frames(ROOM, null, t -> t.replaceAll("\"ua\":\"[^\"]*\"", "\"ua\":\"" + ua + "\""));

        assertThat(diff(ROOM, b).changes()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("connection.init.ua");
            assertThat(c.before()).contains(SyntheticKosmiRoom.USER_AGENT);
            assertThat(c.after()).isEqualTo("base64 of \"Mozilla/5.0 Chrome/157.0.0.0\"");
        });
    }

    @Test
    void resultFieldOptionalInOneCaptureIsNamed() {
        // Only the first chat message loses its username: the field is now sometimes missing, not gone.
        Capture b = Variants.frames(ROOM, "RoomChatQuery", t -> t.replaceFirst("\"username\":\"roomhost\",", ""));

        assertThat(diff(ROOM, b).changes()).extracting(Change::kind, Change::path).containsExactly(
                tuple(ChangeKind.BECAME_OPTIONAL, "operations.RoomChatQuery.result.data.chatArchive.results[].user.username"));
        assertThat(diff(b, ROOM).changes()).extracting(Change::kind).containsExactly(ChangeKind.BECAME_REQUIRED);
    }

    @Test
    void fieldMissingFromSomeResultsOfBothCapturesIsNoChange() {
        Capture a = Variants.frames(ROOM, "RoomChatQuery", t -> t.replaceFirst("\"username\":\"roomhost\",", ""));
        Capture b = Variants.reRecorded(a);

        assertThat(diff(a, b).changes()).isEmpty();
    }

    @Test
    void nullableFieldIsATypeChangeNotARemoval() {
        Capture b = Variants.frames(ROOM, "JoinRoom", t -> t.replace("\"joinRoom\":{\"ok\":true}", "\"joinRoom\":{\"ok\":null}"));

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "operations.JoinRoom.result.data.joinRoom.ok: type boolean -> null");
    }

    @Test
    void tokenResponseShapeIsComparedByOperation() {
        Capture b = Variants.exchanges(ROOM, e -> Variants.responseBody(e, t -> t.replace("\"user\":{", "\"expiresIn\":3600,\"user\":{")));

        assertThat(diff(ROOM, b).changes()).extracting(Change::section, Change::path).containsExactly(
                tuple(Section.HTTP, "http.AnonLogin.response.data.anonLogin.expiresIn"));
    }

    @Test
    void subprotocolChangeIsNamed() {
        Capture b = Variants.connections(ROOM, c -> c.toBuilder().subprotocol("graphql-transport-ws").build());

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "connection.subprotocol: graphql-ws -> graphql-transport-ws");
    }

    @Test
    void credentialsInConnectionInitAreNeverPrintedWhateverTheyLookLike() {
        Capture a = Variants.frames(ROOM, null, t -> t.replace("\"r\":\"\"", "\"r\":\"\",\"authKey\":\"hunter2\""));
        Capture b = Variants.frames(ROOM, null, t -> t.replace("\"r\":\"\"", "\"r\":\"\",\"authKey\":7"));

        DiffReport report = diff(a, b);

        assertThat(report.changes()).extracting(Change::describe).containsExactly(
                "connection.init.authKey: (secret string) -> (secret number)");
        assertThat(DiffJson.of(report).toString()).doesNotContain("hunter2");
    }

    @Test
    void messageTypeNoLongerSentIsNamed() {
        Capture b = new Capture(ROOM.session(), ROOM.exchanges(), ROOM.connections(),
                ROOM.frames().stream().filter(f -> !"ka".equals(f.message().type())).toList());

        assertThat(diff(ROOM, b).changes()).extracting(Change::describe).containsExactly(
                "removed messages.received.ka (message type)");
    }

    @Test
    void idKeyedMapsCompareAsOneWildcardField() {
        Capture a = Variants.frames(ROOM, "JoinRoom", t -> t.replace("{\"ok\":true}", "{\"ok\":true,\"members\":{\"3f6c2a9e-1b7d-4c55-9a0e-7d2f4b8c6e11\":{\"role\":\"x\"}}}"));
        Capture b = Variants.frames(ROOM, "JoinRoom", t -> t.replace("{\"ok\":true}", "{\"ok\":true,\"members\":{\"9b1c2a9e-1b7d-4c55-9a0e-7d2f4b8c6e99\":{\"role\":\"y\"},\"1234567890\":{\"role\":\"z\"}}}"));

        assertThat(diff(a, b).changes()).isEmpty();
        assertThat(CaptureDiff.profile(DiffInput.of("A", a)).operations().get("JoinRoom").result().paths())
                .containsKey("data.joinRoom.members.*.role");
    }

    @Test
    void harOfTheSameCaptureComparesAsIdenticalToTheFixture(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path har = dir.resolve("room.har");
        java.nio.file.Files.write(har, dev.kosmirecorder.core.format.HarCodec.writeBytes(ROOM));

        assertThat(diff(ROOM, CaptureFiles.read(har)).changes()).isEmpty();
    }
}
