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
 * with a slot where the client's operation id goes. Replay then sends {@code before + id + after}: no tree copy and
 * no serialisation per frame, which is what a replay to a thousand clients spends its time on otherwise.
 *
 * @param before the text up to and including {@code "id":}, or the whole text when the message has no id
 * @param recordedId the recorded id as JSON, sent when there is no client id; null when the message has no id
 * @param after the text after the id; null when the message has no id
 */
public record RenderedMessage(String before, String recordedId, String after) {

    /** The message for {@code target}, or null when it has no counterpart there (a {@code ka} for the newer dialect). */
    static RenderedMessage of(ObjectNode recorded, Dialect target) {
        ObjectNode translated = DialectTranslator.translate(recorded, target, null);
        if (translated == null) {
            return null;
        }
        JsonNode id = translated.get("id");
        if (id == null) {
            return new RenderedMessage(Json.compact(translated), null, null);
        }
        ObjectNode head = JsonNodeFactory.instance.objectNode();
        ObjectNode tail = JsonNodeFactory.instance.objectNode();
        boolean seenId = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = translated.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("id")) {
                seenId = true;
            } else {
                (seenId ? tail : head).set(field.getKey(), field.getValue());
            }
        }
        String headText = Json.compact(head);
        String tailText = Json.compact(tail);
        String before = headText.substring(0, headText.length() - 1) + (head.isEmpty() ? "" : ",") + "\"id\":";
        String after = tail.isEmpty() ? "}" : "," + tailText.substring(1);
        RenderedMessage rendered = new RenderedMessage(before, Json.compact(id), after);
        String whole = Json.compact(translated);
        if (!rendered.text(null).equals(whole)) {
            throw new IllegalStateException("rendering a recorded message changed it: " + whole);
        }
        return rendered;
    }

    /** The client's operation id as the JSON string that goes into the slot. */
    static String quote(String clientId) {
        return clientId == null ? null : Json.compact(TextNode.valueOf(clientId));
    }

    /** The text to send, with {@code quotedClientId} (from {@link #quote}) in the id slot, or the recorded id when null. */
    String text(String quotedClientId) {
        if (after == null) {
            return before;
        }
        return before + (quotedClientId == null ? recordedId : quotedClientId) + after;
    }
}
