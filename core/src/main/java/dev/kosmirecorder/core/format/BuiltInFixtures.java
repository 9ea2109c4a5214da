package dev.kosmirecorder.core.format;

import dev.kosmirecorder.core.model.Capture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fixtures shipped inside the jar (the repository's {@code fixtures/} folder), read from the classpath. */
public final class BuiltInFixtures {
    /** The synthetic anonymous room session that {@code serve} replays by default. */
    public static final String KOSMI_ROOM = "kosmi-room.json";
    /** A session whose WebSocket handshake was refused with HTTP 403. */
    public static final String HANDSHAKE_403 = "handshake-403.json";

    private BuiltInFixtures() {
    }

    public static Capture kosmiRoom() {
        return load(KOSMI_ROOM);
    }

    public static Capture handshake403() {
        return load(HANDSHAKE_403);
    }

    public static Capture load(String name) {
        String resource = "fixtures/" + name;
        try (InputStream in = BuiltInFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in fixture " + resource + " is missing from the classpath; rebuild the jar");
            }
            return FixtureCodec.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CaptureFormatException e) {
            throw new IllegalStateException("built-in fixture is broken: " + e.getMessage(), e);
        }
    }
}
