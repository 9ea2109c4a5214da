package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.recorder.TokenFinder;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.FixtureFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global options, usage errors, id prefixes and the terminal output of list and show, through the real command line. */
class CommandLineTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store").toString();
    }

    private String importRoom() {
        CliRunner r = CliRunner.run("import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", db());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void dbIsTheSameBeforeOrAfterTheCommand() {
        CliRunner imported = CliRunner.run("--db", db(), "import", FixtureFiles.dir().resolve("kosmi-room.json").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();
        assertThat(CliRunner.run("--db", db(), "list", "-q").out().strip()).isEqualTo(id);
        assertThat(CliRunner.run("list", "-q", "--db", db()).out().strip()).isEqualTo(id);
        assertThat(CliRunner.run("--db", db(), "probe", "--help").exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve --port 70000", "ui --port 70000", "serve --speed -1", "serve --ui-port abc",
            "record @room --duration 5x", "probe http://127.0.0.1:1/gql-ws", "probe ws://127.0.0.1:1/ --timeout 0",
            "list --limit 0", "show", "list --bogus", "export x --format zip", "show x --frames --direction up"})
    void aUsageErrorIsOneSentenceAndAHintWithExitCodeTwo(String args) {
        List<String> argv = new ArrayList<>(List.of(args.split(" ")));
        argv.addAll(List.of("--db", db()));
        CliRunner r = CliRunner.run(argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String[] lines = r.err().strip().split("\n");
        assertThat(lines).as(r.err()).hasSize(2);
        assertThat(lines[0]).startsWith("kosmi-recorder: ").doesNotContain("is not an int", "Exception");
        assertThat(lines[1]).isEqualTo("Run 'kosmi-recorder " + argv.get(0) + " --help' for the options and examples.");
    }

    @Test
    void humanWordingForNumbersAndDurations() {
        assertThat(CliRunner.run("serve", "--ui-port", "abc").err()).startsWith("kosmi-recorder: --ui-port: 'abc' is not a whole number\n");
        assertThat(CliRunner.run("record", "@room", "--duration", "5x").err())
                .startsWith("kosmi-recorder: --duration: '5x' is not a duration; write it as 90, 90s, 2m, 1h or 500ms\n");
    }

    @Test
    void idPrefixesAndLatestWorkWhereAnIdDoes() {
        String first = importRoom();
        String second = importRoom();
        String prefix = first.substring(0, first.length() - 3);
        CliRunner show = CliRunner.run("show", prefix, "--db", db());
        if (second.startsWith(prefix)) {
            assertThat(show.exitCode()).isEqualTo(1); // astronomically unlikely, but then ambiguous is right
        } else {
            assertThat(show.out()).as(show.err()).startsWith("Session   " + first);
        }
        String latest = CliRunner.run("list", "-q", "--limit", "1", "--db", db()).out().strip();
        assertThat(latest).isIn(first, second);
        assertThat(CliRunner.run("show", "latest", "--db", db()).out()).startsWith("Session   " + latest);
        assertThat(CliRunner.run("export", "latest", "--format", "fixture", "--db", db()).exitCode()).isZero();
        CliRunner unknown = CliRunner.run("show", "zzzzzzzzzzz", "--db", db());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("starts with 'zzzzzzzzzzz'");
    }

    @Test
    void anAmbiguousPrefixNamesTheCandidates() {
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("prefix-" + System.nanoTime()))) {
            Map<Character, List<String>> byFirst = new HashMap<>();
            // 37 ids over 36 first characters: two share their first character whatever the random ids are.
            for (int i = 0; i < 37; i++) {
                String id = store.save(BuiltInFixtures.kosmiRoom());
                byFirst.computeIfAbsent(id.charAt(0), c -> new ArrayList<>()).add(id);
            }
            Map.Entry<Character, List<String>> shared = byFirst.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .findFirst().orElseThrow();
            String prefix = String.valueOf(shared.getKey());
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SessionIds.resolve(store, prefix)))
                    .isInstanceOf(UserException.class)
                    .hasMessageStartingWith("'" + prefix + "' is the start of " + shared.getValue().size() + " session ids (")
                    .hasMessageContaining(shared.getValue().get(0)).hasMessageEndingWith("); type more of the id");
            assertThat(SessionIds.resolve(store, shared.getValue().get(0))).isEqualTo(shared.getValue().get(0));
        }
    }

    @Test
    void showFramesJsonIsOneParsableObjectPerLine() throws Exception {
        String id = importRoom();
        CliRunner all = CliRunner.run("show", id, "--frames", "--json", "--limit", "1000", "--db", db());
        assertThat(all.exitCode()).as(all.err()).isZero();
        List<JsonNode> frames = new ArrayList<>();
        for (String line : all.out().split("\n")) {
            frames.add(Json.MAPPER.readTree(line));
        }
        assertThat(frames).hasSize(38);
        assertThat(frames.get(0).get("type").asText()).isEqualTo("connection_init");
        assertThat(frames.get(0).get("payload").asText()).startsWith("{\"type\":\"connection_init\"");

        CliRunner next = CliRunner.run("show", id, "--frames", "--json", "--type", "data", "--direction", "received",
                "--limit", "3", "--db", db());
        String[] lines = next.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        long lastSeq = -1;
        for (String line : lines) {
            JsonNode f = Json.MAPPER.readTree(line);
            assertThat(f.get("type").asText()).isEqualTo("data");
            assertThat(f.get("dir").asText()).isEqualTo("received");
            assertThat(f.get("seq").asLong()).isGreaterThan(lastSeq);
            lastSeq = f.get("seq").asLong();
        }
        CliRunner after = CliRunner.run("show", id, "--frames", "--json", "--after", "" + lastSeq, "--limit", "1", "--db", db());
        assertThat(Json.MAPPER.readTree(after.out()).get("seq").asLong()).isGreaterThan(lastSeq);

        CliRunner table = CliRunner.run("show", id, "--frames", "--operation", "nosuchoperation", "--db", db());
        assertThat(table.out().strip()).isEqualTo("No frames match in session " + id + ".");
    }

    @Test
    void showWrapsARefusalNoteInsteadOfCuttingIt() {
        CliRunner imported = CliRunner.run("import", FixtureFiles.dir().resolve("handshake-403.json").toString(), "--db", db());
        CliRunner show = CliRunner.run("show", imported.out().strip(), "--db", db());
        assertThat(show.out()).contains("WS 1:     Error during WebSocket handshake: Unexpected response code: 403\n");
    }

    @Test
    void listTakesQuietLimitAndKind() {
        String first = importRoom();
        String second = importRoom();
        List<String> ids = CliRunner.run("list", "-q", "--db", db()).out().lines().toList();
        assertThat(ids).containsExactlyInAnyOrder(first, second);
        assertThat(CliRunner.run("list", "-q", "--limit", "1", "--db", db()).out()).isEqualTo(ids.get(0) + "\n");
        assertThat(CliRunner.run("list", "-q", "--kind", "recording", "--db", db()).out().lines()).hasSize(2); // a fixture keeps its kind
        assertThat(CliRunner.run("list", "--kind", "mock", "--db", db()).out()).startsWith("No mock sessions in ");
        String table = CliRunner.run("list", "--db", db()).out();
        assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Terminal.width()));
        assertThat(table).contains("2026-11-01T18:00:00Z", first, second);
    }

    @Test
    void tokenNeverOffersATokenFromASyntheticSession() {
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("token-" + System.nanoTime()))) {
            var room = BuiltInFixtures.kosmiRoom();
            Instant during = room.session().startedAt();
            assertThat(room.session().attributes()).containsEntry("synthetic", "true");
            store.save(room);
            assertThat(TokenFinder.newestValid(store, during)).isEmpty();

            Map<String, String> attributes = new TreeMap<>(room.session().attributes());
            attributes.remove("synthetic");
            var s = room.session();
            store.save(room.withSession(new dev.kosmirecorder.core.model.Session(s.id(), s.kind(), s.name(), s.target(), s.status(),
                    s.startedAt(), s.endedAt(), s.framesLost(), attributes)));
            assertThat(TokenFinder.newestValid(store, during)).isPresent();
        }
    }
}
