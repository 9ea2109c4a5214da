package dev.kosmirecorder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the shared browser page plays: the client's frames with the page's ids and token, each after what it waited for. */
class ClientScriptTest {
    private final ObjectNode script = ClientScript.of(SyntheticKosmiRoom.kosmiRoom());

    private List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        script.path("steps").forEach(steps::add);
        return steps;
    }

    private static JsonNode json(Map<String, Integer> counts) {
        return Json.MAPPER.valueToTree(counts);
    }

    private static JsonNode sent(JsonNode step) throws Exception {
        return Json.MAPPER.readTree(step.path("send").asText());
    }

    @Test
    void repeatsTheRecordedTokenPostAndTheHandshakesPathAndSubprotocol() {
        assertThat(script.path("token").path("body").asText()).contains("\"operationName\":\"AnonLogin\"");
        assertThat(script.path("token").path("contentType").asText()).isEqualTo("application/json");
        assertThat(script.path("path").asText()).isEqualTo("/gql-ws");
        assertThat(script.path("subprotocol").asText()).isEqualTo("graphql-ws");
    }

    @Test
    void sendsEveryClientFrameOfTheRecordingInOrderWithThePagesIdsAndItsOwnToken() throws Exception {
        long recordedSent = SyntheticKosmiRoom.kosmiRoom().frames().stream().filter(f -> f.direction() == Direction.SENT).count();
        assertThat(steps()).hasSize((int) recordedSent);
        List<String> types = new ArrayList<>();
        for (JsonNode step : steps()) {
            JsonNode message = sent(step);
            types.add(message.path("type").asText() + (message.has("id") ? " " + message.path("id").asText() : ""));
        }
        assertThat(types).containsExactly("connection_init", "start page-1", "start page-2", "start page-3", "start page-4",
                "start page-5", "start page-6", "start page-7", "stop page-4", "connection_terminate");
        JsonNode init = sent(steps().get(0));
        assertThat(init.path("payload").path("token").asText()).isEqualTo(ClientScript.TOKEN_MARKER);
        assertThat(Jwt.COMPACT.matcher(Json.compact(script)).find()).as("no recorded token is left").isFalse();
        assertThat(init.path("payload").path("ua").asText()).isNotEmpty();
    }

    @Test
    void eachFrameWaitsForTheServerFramesBeforeItButNotForKeepAlives() {
        List<JsonNode> steps = steps();
        assertThat(steps.get(0).path("after").isEmpty()).isTrue();
        assertThat(steps.get(1).path("after")).isEqualTo(json(Map.of("connection_ack", 1)));
        // The stop waits for the whole subscription so far and for the SendMessage answer.
        JsonNode beforeStop = steps.get(8).path("after");
        assertThat(beforeStop.path("data:page-4").asInt()).isEqualTo(13);
        assertThat(beforeStop.path("complete:page-7").asInt()).isEqualTo(1);
        assertThat(beforeStop.has("ka")).isFalse();
        assertThat(steps.get(9).path("after").path("complete:page-4").asInt()).isEqualTo(1);
    }

    @Test
    void aHistoryBurstIsPacedPageByPage() throws Exception {
        JsonNode steps = ClientScript.of(SyntheticKosmiRoom.historyBurst(3, 5)).path("steps");
        assertThat(steps).hasSize(5);
        JsonNode third = steps.get(3);
        assertThat(sent(third).path("payload").path("variables").path("page").asInt()).isEqualTo(3);
        assertThat(third.path("after")).isEqualTo(json(Map.of("connection_ack", 1,
                "data:page-1", 5, "complete:page-1", 1, "data:page-2", 5, "complete:page-2", 1)));
    }
}
