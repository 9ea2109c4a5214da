package dev.kosmirecorder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code fixtures/} folder, as the build passes it to tests ({@code kosmi.fixtures.dir}). */
public final class FixtureFiles {
    private FixtureFiles() {
    }

    public static Path dir() {
        String configured = System.getProperty("kosmi.fixtures.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "fixtures");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixtures folder not found at " + dir.toAbsolutePath() + "; run the tests through Maven");
        }
        return dir;
    }

    /** Every fixture file ({@code *.json}) in the folder, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
