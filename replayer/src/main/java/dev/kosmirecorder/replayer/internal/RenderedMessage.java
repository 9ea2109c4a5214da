package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.protocol.Dialect;
import java.util.Iterator;
import java.util.Map;

/**
 * A recorded server message translated to one dialect and written as compact JSON once, when the script is built,
 * with the place of its operation id. Replay sends it as it is when the client uses the recorded id (as Kosmi's web
 * client does, numbering its operations from "1"), and with the client's id spliced in otherwise: no tree copy and
 * no serialisation per frame, which is what a replay to a thousand clients spent its time on before.
 *
 * @param text the message with its recorded id
 * @param idStart where the id's JSON value starts in {@code text}, or -1 when the message has no id
 * @param idEnd where it ends (exclusive), or -1
 */
public record RenderedMessage(String text, int idStart, int idEnd) {

    /** The message for {@code target}, or null when it has no counterpart there (a {@code ka} for the newer dialect). */
    static RenderedMessage of(ObjectNode recorded, Dialect target) {
        ObjectNode translated = DialectTranslator.translate(recorded, target);
        if (translated == null) {
            return null;
        }
        String whole = Json.compact(translated);
        JsonNode id = translated.get("id");
        if (id == null) {
            return new RenderedMessage(whole, -1, -1);
        }
        // Compact JSON of the fields before the id is exactly the text's start, less its closing brace.
        ObjectNode head = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = translated.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("id")) {
                break;
            }
            head.set(field.getKey(), field.getValue());
        }
        String headText = Json.compact(head);
        int idStart = headText.length() - 1 + (head.isEmpty() ? 0 : 1) + "\"id\":".length();
        String idText = Json.compact(id);
        if (!whole.startsWith(idText, idStart)) {
            throw new IllegalStateException("cannot find the id in a rendered message: " + whole);
        }
        return new RenderedMessage(whole, idStart, idStart + idText.length());
    }

    /** The client's operation id as the JSON string that goes into the id's place. */
    static String quote(String clientId) {
        return clientId == null ? null : Json.compact(TextNode.valueOf(clientId));
    }

    /** The text to send, with {@code quotedClientId} (from {@link #quote}) as its id, or the recorded id when null. */
    String text(String quotedClientId) {
        if (idStart < 0 || quotedClientId == null
                || (quotedClientId.length() == idEnd - idStart && text.startsWith(quotedClientId, idStart))) {
            return text;
        }
        return new StringBuilder(text.length() - (idEnd - idStart) + quotedClientId.length())
                .append(text, 0, idStart).append(quotedClientId).append(text, idEnd, text.length()).toString();
    }
}
