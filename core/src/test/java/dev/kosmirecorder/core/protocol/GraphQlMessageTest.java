package dev.kosmirecorder.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphQlMessageTest {

    @Test
    void readsTypeIdAndOperationNameOfBothDialects() {
        assertThat(GraphQlMessage.parse("{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"operationName\":\"JoinRoom\",\"query\":\"mutation X { a }\"}}"))
                .isEqualTo(new GraphQlMessage("start", "1", "JoinRoom"));
        assertThat(GraphQlMessage.parse("{\"id\":\"a\",\"type\":\"subscribe\",\"payload\":{\"query\":\"  # note\\n subscription OnNewMessage($r: String!) { x }\"}}"))
                .isEqualTo(new GraphQlMessage("subscribe", "a", "OnNewMessage"));
        assertThat(GraphQlMessage.parse("{\"type\":\"ka\"}")).isEqualTo(new GraphQlMessage("ka", null, null));
        assertThat(GraphQlMessage.parse("{\"type\":\"next\",\"id\":7,\"payload\":{\"data\":{\"query\":\"not a field we read\"}}}"))
                .isEqualTo(new GraphQlMessage("next", "7", null));
        assertThat(GraphQlMessage.parse("{\"type\":\"start\",\"id\":\"2\",\"payload\":{\"query\":\"{ anonymous }\"}}").operationName()).isNull();
    }

    @Test
    void neverFailsOnPayloadsThatAreNotGraphQlMessages() {
        for (String text : new String[] {"", "hello", "[1,2]", "{", "{\"type\":", "{\"type\":[1]}", "null", "\u0000\u0001",
                "{\"payload\":\"str\"}", "{\"type\":{\"nested\":true}}"}) {
            GraphQlMessage m = GraphQlMessage.parse(text);
            assertThat(m).as(text).isNotNull();
        }
        assertThat(GraphQlMessage.parse("{\"type\":\"" + "x".repeat(5000) + "\"}").type()).hasSize(GraphQlMessage.MAX_FIELD_LENGTH);
        assertThat(GraphQlMessage.parse("[".repeat(10_000))).isEqualTo(GraphQlMessage.NONE);
    }
}
