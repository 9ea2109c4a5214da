package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a {@code connection_init} field's value is shown and compared: volatile ones by type only. */
final class InitValues {
    private static final int MAX_SHOWN = 300;

    private InitValues() {
    }

    static String show(JsonNode v) {
        if (v.isTextual() && Volatility.isVolatileValue(v.asText())) {
            return "(volatile string)";
        }
        if (v.isNumber() && Volatility.isVolatileValue(v.asText())) {
            return "(volatile number)";
        }
        if (v.isContainerNode()) {
            // A nested object is compared by its JSON when short, else by its type.
            String text = Json.compact(v);
            return text.length() <= MAX_SHOWN && !Volatility.isVolatileValue(text) ? text : JsonType.of(v).wireName();
        }
        String text = Json.compact(v);
        return text.length() <= MAX_SHOWN ? text : JsonType.of(v).wireName() + " of " + text.length() + " chars";
    }

    /** Kosmi's {@code ua}: standard padded base64 of the User-Agent; shown decoded, or as-is when it is not that. */
    static String decodedUserAgent(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            String ua = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return "base64 of \"" + ua + "\"";
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return show(com.fasterxml.jackson.databind.node.TextNode.valueOf(base64));
        }
    }
}
