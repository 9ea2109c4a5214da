package dev.kosmirecorder.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kosmirecorder.core.format.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a HAR file as Chrome saves one, with one graphql-ws WebSocket carrying {@code messages} frames of chat:
 * subscriptions' {@code next} messages whose bodies are words drawn at random from a vocabulary, so the file is as
 * compressible as real chat (not a payload repeated 200,000 times). Streamed, so generating it needs no memory.
 */
public final class LargeHar {
    private static final String[] WORDS = vocabulary(new Random(7), 2_000);

    private LargeHar() {
    }

    public static void write(Path file, int messages) throws IOException {
        Random random = new Random(42);
        long start = 1_793_556_000_000L; // ms, 2026-11-01T18:00:00Z
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
                JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("log");
            g.writeStringField("version", "1.2");
            g.writeObjectFieldStart("creator");
            g.writeStringField("name", "WebInspector");
            g.writeStringField("version", "537.36");
            g.writeEndObject();
            g.writeArrayFieldStart("entries");
            g.writeStartObject();
            g.writeStringField("_resourceType", "websocket");
            g.writeStringField("startedDateTime", "2026-11-01T18:00:00.000Z");
            g.writeNumberField("time", 0);
            g.writeObjectFieldStart("request");
            g.writeStringField("method", "GET");
            g.writeStringField("url", "wss://engine.kosmi.io/gql-ws");
            g.writeStringField("httpVersion", "HTTP/1.1");
            g.writeArrayFieldStart("headers");
            header(g, "Origin", "https://app.kosmi.io");
            header(g, "Sec-WebSocket-Protocol", "graphql-ws");
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("response");
            g.writeNumberField("status", 101);
            g.writeStringField("statusText", "Switching Protocols");
            g.writeStringField("httpVersion", "HTTP/1.1");
            g.writeArrayFieldStart("headers");
            header(g, "Sec-WebSocket-Protocol", "graphql-ws");
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("_webSocketMessages");
            message(g, "send", start, "{\"type\":\"connection_init\",\"payload\":{}}");
            message(g, "receive", start + 5, "{\"type\":\"connection_ack\"}");
            message(g, "send", start + 10, "{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"operationName\":\"NewMessageSubscription\","
                    + "\"query\":\"subscription NewMessageSubscription { newMessage { id body time user { id displayName } } }\"}}");
            for (int i = 3; i < messages; i++) {
                message(g, "receive", start + 10 + i * 3L, chat(random, i, start / 1000 + i));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static String chat(Random random, int n, long time) {
        StringBuilder body = new StringBuilder();
        for (int w = 8 + random.nextInt(24); w > 0; w--) {
            body.append(WORDS[random.nextInt(WORDS.length)]).append(w == 1 ? "" : " ");
        }
        return "{\"id\":\"1\",\"type\":\"data\",\"payload\":{\"data\":{\"newMessage\":{\"id\":\"" + Long.toHexString(random.nextLong())
                + "\",\"body\":\"" + body + "\",\"time\":" + time + ",\"user\":{\"id\":\"u" + random.nextInt(500)
                + "\",\"displayName\":\"" + WORDS[random.nextInt(WORDS.length)] + " " + n % 97 + "\"}}}}}";
    }

    private static void message(JsonGenerator g, String type, long epochMillis, String data) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeNumberField("time", epochMillis / 1000.0);
        g.writeNumberField("opcode", 1);
        g.writeStringField("data", data);
        g.writeEndObject();
    }

    private static void header(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static String[] vocabulary(Random random, int size) {
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            for (int letters = 2 + random.nextInt(8); letters > 0; letters--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }
}
