package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.BuiltInFixtures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture files are what the generator makes, in canonical form, and survive a trip through the store byte
 * for byte. Regenerate them with {@code mvn -pl core test -Dtest=FixtureFilesTest -Dkosmi.regenerateFixtures=true}.
 */
class FixtureFilesTest {
    private static final Map<String, Supplier<Capture>> GENERATED = Map.of(
            BuiltInFixtures.KOSMI_ROOM, SyntheticKosmiRoom::kosmiRoom,
            BuiltInFixtures.HANDSHAKE_403, SyntheticKosmiRoom::handshake403);

    @Test
    void fixtureFilesAreWhatTheGeneratorMakes() throws Exception {
        boolean regenerate = Boolean.getBoolean("kosmi.regenerateFixtures");
        for (var entry : GENERATED.entrySet()) {
            Path file = FixtureFiles.dir().resolve(entry.getKey());
            String generated = FixtureCodec.write(entry.getValue().get());
            if (regenerate) {
                Files.writeString(file, generated);
            }
            assertThat(file).as("%s (regenerate with -Dkosmi.regenerateFixtures=true)", file).hasContent(generated);
        }
    }

    static java.util.List<Path> fixtures() {
        return FixtureFiles.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importThenExportGivesTheSameBytes(Path file) throws Exception {
        byte[] original = Files.readAllBytes(file);
        try (JdbcCaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("roundtrip-" + System.nanoTime()))) {
            String id = store.save(FixtureCodec.read(file));
            byte[] exported = FixtureCodec.writeBytes(store.load(id));
            assertThat(new String(exported, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(original, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(exported).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixturesAreOnTheClasspath(Path file) throws Exception {
        Capture fromClasspath = BuiltInFixtures.load(file.getFileName().toString());
        assertThat(FixtureCodec.write(fromClasspath)).isEqualTo(Files.readString(file));
    }
}
