package dev.kosmirecorder.replayer.junit5;

import static dev.kosmirecorder.replayer.junit5.Sent.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.HarCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fixture(...)} takes a HAR file; registered on an instance field, the mock lives for one test. */
@Timeout(60)
class HarFixturePerTestTest {
    static final Path HAR = writeHar();
    static final Set<Object> MOCKS = new HashSet<>();

    @RegisterExtension
    KosmiMockExtension kosmi = KosmiMockExtension.builder().fixture(HAR).speed(0).build();

    @RepeatedTest(2)
    void replaysTheHarAndGetsAMockOfItsOwn() throws Exception {
        KosmiMockInfo mock = kosmi.info();
        MOCKS.add(mock.mock());
        try (WsClient client = new WsClient(mock.wsUrl(), "graphql-ws").init()) {
            client.start("start", "1", WsClient.NEW_MESSAGES);
            assertThat(client.awaitMatching("m-0006").path("id").asText()).isEqualTo("1");
        }
        mock.verify(sent("NewMessageSubscription").withVariables("{\"roomId\":\"lobby\"}"));
    }

    @AfterAll
    static void eachTestHadItsOwnMock() throws IOException {
        assertThat(MOCKS).hasSize(2);
        Files.deleteIfExists(HAR);
    }

    private static Path writeHar() {
        try {
            Path file = Files.createTempFile("kosmi-room", ".har");
            try (OutputStream out = Files.newOutputStream(file)) {
                HarCodec.write(BuiltInFixtures.kosmiRoom(), out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
