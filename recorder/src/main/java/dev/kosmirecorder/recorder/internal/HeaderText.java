package dev.kosmirecorder.recorder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import java.util.ArrayList;
import java.util.List;

/** Headers out of CDP: the raw {@code headersText} when Chrome gives it (wire order and case), else its map. */
final class HeaderText {
    private HeaderText() {
    }

    /**
     * The headers of a raw HTTP/1.1 head ({@code "GET / HTTP/1.1\r\nHost: x\r\n\r\n"}), in order; empty when the
     * text is missing or holds no header line (HTTP/2 answers come without it).
     */
    static Headers parse(String text) {
        if (text == null || text.isEmpty()) {
            return Headers.EMPTY;
        }
        String[] lines = text.split("\r\n", -1);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new Headers(headers);
    }

    /** A CDP {@code Headers} object; Chrome joins repeated headers with a newline, which is kept. */
    static Headers fromObject(JsonNode object) {
        if (object == null || !object.isObject()) {
            return Headers.EMPTY;
        }
        List<Header> headers = new ArrayList<>();
        object.fields().forEachRemaining(e -> headers.add(new Header(e.getKey(), e.getValue().asText())));
        return new Headers(headers);
    }

    /** The raw text's headers when there are any, else the object's. */
    static Headers best(String text, JsonNode object) {
        Headers parsed = parse(text);
        return parsed.isEmpty() ? fromObject(object) : parsed;
    }
}
