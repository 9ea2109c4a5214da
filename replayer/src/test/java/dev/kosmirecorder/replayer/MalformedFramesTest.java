package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 5: 10,000 seeded malformed frames over about a thousand connections. Each connection sends a burst of
 * ten frames of one kind of abuse (an oversized frame is sent alone: Jetty closes with 1009 and drops the socket,
 * and more data in flight would turn the client's read of that close into a TCP reset); the server must end every
 * one with the close code the protocol defines for it, while a well-behaved client keeps getting complete replays.
 */
@Timeout(240)
class MalformedFramesTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final long SEED = 20261123L;
    static final int TOTAL_FRAMES = 10_000;
    static final int FRAMES_PER_CONNECTION = 10;
    static final int MAX_FRAME = 4096;

    /** One kind of bad client: what it sends and the close code the server must answer with. */
    record Abuse(String name, int closeCode) { }

    static final List<Abuse> KINDS = List.of(
            new Abuse("garbage", 4400), new Abuse("array", 4400), new Abuse("no-type", 4400),
            new Abuse("unknown-type", 4400), new Abuse("start-before-init", 4401), new Abuse("oversized", 1009),
            new Abuse("binary", 4400), new Abuse("init-twice", 4429), new Abuse("duplicate-id", 4409),
            new Abuse("deep-nesting", 4400), new Abuse("truncated", 4400), new Abuse("numeric-type", 4400));

    @Test
    void everyBadConnectionEndsWithItsCloseCodeWhileAGoodClientIsServed() throws Exception {
        Random random = new Random(SEED);
        List<Abuse> plan = new ArrayList<>();
        List<List<String>> frames = new ArrayList<>();
        int planned = 0;
        while (planned < TOTAL_FRAMES) {
            Abuse kind = KINDS.get(random.nextInt(KINDS.size()));
            plan.add(kind);
            List<String> burst = new ArrayList<>();
            int size = kind.name().equals("oversized") ? 1 : Math.min(FRAMES_PER_CONNECTION, TOTAL_FRAMES - planned);
            for (int f = 0; f < size; f++) {
                burst.add(frame(kind, f, random));
            }
            planned += size;
            frames.add(burst);
        }
        final int connections = plan.size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("abuse-" + UUID.randomUUID()));
             KosmiMock mock = KosmiMock.builder().capture(ROOM).speed(0).maxFrameBytes(MAX_FRAME).auditStore(store).start()) {
            AtomicBoolean abuseDone = new AtomicBoolean();
            AtomicInteger goodRuns = new AtomicInteger();
            FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS);
            Future<?> good = Executors.newSingleThreadExecutor().submit(() -> {
                do {
                    try (JdkSocket s = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
                        conversation.play(s);
                        s.send("{\"type\":\"connection_terminate\"}");
                        assertThat(s.awaitEnd()).isEqualTo(new TestSocket.Closed(1000, "connection_terminate"));
                        goodRuns.incrementAndGet();
                    }
                } while (!abuseDone.get());
                return null;
            });
            List<Future<TestSocket.Event>> ends = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Abuse kind = plan.get(i);
                List<String> burst = frames.get(i);
                ends.add(pool.submit(() -> {
                    try (JdkSocket s = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
                        for (String text : burst) {
                            if (kind.name().equals("binary")) {
                                s.sendBinaryQuietly(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                            } else {
                                s.sendQuietly(text);
                            }
                        }
                        return s.awaitEnd();
                    }
                }));
            }
            for (int i = 0; i < connections; i++) {
                TestSocket.Event end = ends.get(i).get(120, TimeUnit.SECONDS);
                assertThat(end).as("connection %d (%s)", i, plan.get(i).name()).isInstanceOf(TestSocket.Closed.class);
                assertThat(((TestSocket.Closed) end).code()).as("close code of connection %d (%s)", i, plan.get(i).name())
                        .isEqualTo(plan.get(i).closeCode());
            }
            abuseDone.set(true);
            good.get(60, TimeUnit.SECONDS);
            assertThat(goodRuns.get()).isPositive();
            mock.flushAudit();
            String session = mock.auditSessionId().orElseThrow();
            assertThat(store.connections(session)).hasSize(connections + goodRuns.get());
            long received = 0;
            FrameQuery q = FrameQuery.firstPage(session, 1000);
            while (true) {
                var page = store.frames(q);
                received += page.frames().stream().filter(f -> f.direction() == Direction.SENT).count();
                if (page.frames().size() < 1000) {
                    break;
                }
                q = q.after(page.nextAfterSeq());
            }
            System.out.println("malformed-frames: " + TOTAL_FRAMES + " frames over " + connections + " connections sent, the server read "
                    + received + " client frames (good client included), good conversations: " + goodRuns.get());
        } finally {
            pool.shutdownNow();
        }
    }

    static String frame(Abuse kind, int index, Random random) {
        return switch (kind.name()) {
            case "garbage" -> randomText(random, 1 + random.nextInt(200));
            case "array" -> "[" + random.nextInt() + ",{\"type\":\"start\"}]";
            case "no-type" -> "{\"id\":\"" + random.nextInt(100) + "\",\"payload\":{}}";
            case "unknown-type" -> "{\"type\":\"" + randomText(random, 8).replace("\"", "'").replace("\\", "/") + "\"}";
            case "start-before-init" -> "{\"type\":\"start\",\"id\":\"" + index + "\",\"payload\":{\"query\":\"query { x }\"}}";
            case "oversized" -> "{\"type\":\"start\",\"payload\":\"" + "x".repeat(MAX_FRAME + random.nextInt(1000)) + "\"}";
            case "binary" -> randomText(random, 1 + random.nextInt(64));
            case "init-twice" -> "{\"type\":\"connection_init\",\"payload\":{}}";
            case "duplicate-id" -> index == 0 ? "{\"type\":\"connection_init\",\"payload\":{}}"
                    : "{\"type\":\"start\",\"id\":\"dup\",\"payload\":{\"operationName\":\"NewMessageSubscription\","
                    + "\"query\":\"subscription NewMessageSubscription { newMessage { id } }\"}}";
            case "deep-nesting" -> "{\"type\":\"start\",\"payload\":" + "[".repeat(600) + "]".repeat(600) + "}";
            case "truncated" -> "{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + random.nextInt();
            case "numeric-type" -> "{\"type\":" + random.nextInt() + "}";
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return b.toString();
    }
}
