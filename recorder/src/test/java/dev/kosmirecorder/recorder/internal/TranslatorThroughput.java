package dev.kosmirecorder.recorder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.NetworkEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A benchmark, not a test: how many CDP frame events per second the recorder turns into stored frames (parse the
 * CDP message, translate, queue, batch-insert into an H2 file, commit), without a browser. Run with
 * {@code java -cp <recorder test classpath> dev.kosmirecorder.recorder.internal.TranslatorThroughput [frames]}.
 */
public final class TranslatorThroughput {
    private TranslatorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("kosmi-throughput-");
        try (CaptureStore store = JdbcCaptureStore.open(dir.resolve("bench").toString())) {
            CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "bench", "http://bench/", Instant.now()));
            CaptureTranslator translator = new CaptureTranslator(writer, HostFilter.parse(List.of("engine.kosmi.io")),
                    new CaptureTranslator.Bodies((s, r) -> CompletableFuture.completedFuture(Payload.EMPTY),
                            (s, r) -> CompletableFuture.completedFuture(Payload.EMPTY)), e -> { });
            event(translator, "{\"method\":\"Network.webSocketCreated\",\"params\":{\"requestId\":\"1.1\",\"url\":\"wss://engine.kosmi.io/gql-ws\"}}");
            event(translator, "{\"method\":\"Network.webSocketWillSendHandshakeRequest\",\"params\":{\"requestId\":\"1.1\","
                    + "\"timestamp\":100.0,\"wallTime\":" + Instant.now().getEpochSecond() + ",\"request\":{\"headers\":{\"Origin\":\"https://app.kosmi.io\"}}}}");
            long started = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                String payload = "{\\\"id\\\":\\\"7\\\",\\\"type\\\":\\\"data\\\",\\\"payload\\\":{\\\"data\\\":{\\\"newMessage\\\":{\\\"id\\\":\\\"" + i
                        + "\\\",\\\"body\\\":\\\"hello from the benchmark, message number " + i + "\\\"}}}}";
                event(translator, "{\"method\":\"Network.webSocketFrameReceived\",\"params\":{\"requestId\":\"1.1\",\"timestamp\":"
                        + (100.001 + i / 1e5) + ",\"response\":{\"opcode\":1,\"mask\":false,\"payloadData\":\"" + payload + "\"}}}");
            }
            long queued = System.nanoTime();
            Session done = writer.finish(SessionStatus.COMPLETE);
            long committed = System.nanoTime();
            System.out.printf("%d frames: translated and queued in %.2f s, all committed after %.2f s: %.0f frames/s end to end, %d lost, %d stored%n",
                    frames, (queued - started) / 1e9, (committed - started) / 1e9, frames / ((committed - started) / 1e9),
                    done.framesLost(), store.summary(done.id()).orElseThrow().frames());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void event(CaptureTranslator translator, String cdpMessage) throws Exception {
        JsonNode message = Json.MAPPER.readTree(cdpMessage);
        translator.onEvent(new NetworkEvent("S", message.get("method").asText(), message.get("params")));
    }
}
