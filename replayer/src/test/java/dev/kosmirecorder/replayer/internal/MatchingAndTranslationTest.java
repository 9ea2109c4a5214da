package dev.kosmirecorder.replayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.ArrayList;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The matching keys and their order, and the dialect translation, on small hand-made values. */
@Timeout(30)
class MatchingAndTranslationTest {

    static GraphQlRequest request(String json) throws IOException {
        return GraphQlRequest.from(Json.MAPPER.readTree(json));
    }

    static ObjectNode message(String json) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void normalisesQueryTextAndFindsRootFieldsThroughAliasesArgumentsAndFragments() {
        assertThat(GraphQlRequest.normalize("query A {\n  x(id: \"1\") { y }  # comment\n}"))
                .isEqualTo("query A{x(id:\"1\"){y}}");
        assertThat(GraphQlRequest.rootFields("query { me: currentUser(x: {a: 1}) { id } ...F chatArchive(roomId: \"{\") { id } }"))
                .isEqualTo(Set.of("currentUser", "chatArchive"));
        assertThat(GraphQlRequest.rootFields("mutation AnonLogin { anonLogin { token } }")).containsExactly("anonLogin");
    }

    @Test
    void matchesByNameThenQueryThenRootFieldsAndPrefersEqualVariables() throws IOException {
        GraphQlRequest first = request("{\"operationName\":\"Join\",\"query\":\"mutation Join($id: String!) { joinRoom(id: $id) { ok } }\",\"variables\":{\"id\":\"@a\"}}");
        GraphQlRequest second = request("{\"operationName\":\"Join\",\"query\":\"mutation Join($id: String!) { joinRoom(id: $id) { ok } }\",\"variables\":{\"id\":\"@b\"}}");
        GraphQlRequest other = request("{\"query\":\"query { chatArchive { id } }\"}");
        List<GraphQlRequest> recorded = List.of(first, second, other);
        assertThat(OperationMatcher.match(recorded, r -> r, request("{\"operationName\":\"Join\",\"variables\":{\"id\":\"@b\"}}")))
                .containsSame(second);
        assertThat(OperationMatcher.match(recorded, r -> r, request("{\"operationName\":\"Join\",\"variables\":{\"id\":\"@z\"}}")))
                .containsSame(first);
        assertThat(OperationMatcher.match(recorded, r -> r, request("{\"query\":\"query   {\\n chatArchive { id } }\"}")))
                .containsSame(other);
        assertThat(OperationMatcher.match(recorded, r -> r, request("{\"query\":\"query Mine { chatArchive { body } }\"}")))
                .containsSame(other);
        assertThat(OperationMatcher.match(recorded, r -> r, request("{\"query\":\"query { nothing }\"}"))).isEmpty();
    }

    /** The text the mock sends for a recorded message, in a dialect, under a client's id. */
    static String sent(String recorded, Dialect dialect, String clientId) throws IOException {
        RenderedMessage rendered = RenderedMessage.of(message(recorded), dialect);
        return rendered == null ? null : rendered.text(RenderedMessage.quote(clientId));
    }

    @Test
    void translatesResultsErrorsAndKeepAlivesBetweenDialects() throws IOException {
        assertThat(sent("{\"type\":\"data\",\"id\":\"1\",\"payload\":{\"data\":{}}}", Dialect.GRAPHQL_TRANSPORT_WS, "a"))
                .isEqualTo("{\"type\":\"next\",\"id\":\"a\",\"payload\":{\"data\":{}}}");
        assertThat(sent("{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{}}}", Dialect.GRAPHQL_WS, "b"))
                .isEqualTo("{\"type\":\"data\",\"id\":\"b\",\"payload\":{\"data\":{}}}");
        assertThat(sent("{\"type\":\"error\",\"id\":\"1\",\"payload\":{\"message\":\"no\"}}", Dialect.GRAPHQL_TRANSPORT_WS, "c"))
                .isEqualTo("{\"type\":\"error\",\"id\":\"c\",\"payload\":[{\"message\":\"no\"}]}");
        assertThat(sent("{\"type\":\"error\",\"id\":\"1\",\"payload\":[{\"message\":\"no\"}]}", Dialect.GRAPHQL_WS, "d"))
                .isEqualTo("{\"type\":\"error\",\"id\":\"d\",\"payload\":{\"message\":\"no\"}}");
        assertThat(sent("{\"type\":\"ka\"}", Dialect.GRAPHQL_TRANSPORT_WS, null)).isNull();
        assertThat(sent("{\"type\":\"complete\",\"id\":\"1\"}", Dialect.GRAPHQL_WS, "e")).isEqualTo("{\"type\":\"complete\",\"id\":\"e\"}");
        assertThat(sent("{\"type\":\"complete\",\"id\":\"1\"}", Dialect.GRAPHQL_WS, "1")).isEqualTo("{\"type\":\"complete\",\"id\":\"1\"}");
    }

    @Test
    void renderedFramesSayExactlyWhatTheTranslatedTreeWithTheClientsIdSaysForEveryRecordedFrame() throws IOException {
        ReplayScript script = ReplayScript.of(BuiltInFixtures.kosmiRoom());
        List<ScriptedFrame> frames = new ArrayList<>(script.initAnswers());
        script.operations().forEach(op -> {
            frames.addAll(op.answers());
            frames.addAll(op.stopAnswers());
        });
        frames.add(new ScriptedFrame(0, message("{\"payload\":{\"id\":\"inner\"},\"id\":7,\"type\":\"data\",\"z\":[1]}")));
        frames.add(new ScriptedFrame(0, message("{\"id\":\"1\"}")));
        assertThat(frames).hasSizeGreaterThan(20);
        for (ScriptedFrame f : frames) {
            for (Dialect dialect : Dialect.values()) {
                for (String clientId : new String[] {null, "a", "1", "7", "quote\" back\\slash \u00e9 \ud83d\ude00 </script>"}) {
                    // The reference: translate the tree, put the client's id in place of the recorded one, serialise.
                    // The script keeps no tree: the recorded one is the legacy rendering (these recordings are graphql-ws).
                    ObjectNode recorded = message((f.legacy() != null ? f.legacy() : f.transport()).text());
                    ObjectNode tree = DialectTranslator.translate(recorded, dialect);
                    if (tree != null && clientId != null && tree.has("id")) {
                        tree.put("id", clientId);
                    }
                    RenderedMessage rendered = f.rendered(dialect);
                    if (tree == null) {
                        assertThat(rendered).isNull();
                    } else {
                        assertThat(rendered.text(RenderedMessage.quote(clientId))).isEqualTo(Json.compact(tree));
                    }
                }
            }
        }
    }
}
