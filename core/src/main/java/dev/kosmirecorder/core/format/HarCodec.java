package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.CaptureSource;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads and writes HAR 1.2 the way Chrome DevTools' "Save all as HAR" does (SPEC §4): HTTP exchanges as plain
 * entries, each WebSocket as one entry with {@code _resourceType: "websocket"}, its handshake and
 * {@code _webSocketMessages}. Writing and reading both stream, so a capture never exists twice in memory as JSON.
 *
 * <p>What HAR has no field for (ids, CDP request ids, close codes, the session's name and labels) travels in
 * {@code _kosmi} objects, which other tools ignore; a HAR without them (from Chrome, mitmproxy, Playwright) still
 * imports, with those facts derived or left empty. Imported sessions are of kind {@code import}.
 */
public final class HarCodec {
    /** The name written as {@code log.creator.name}. */
    public static final String CREATOR = "kosmi-recorder";

    private HarCodec() {
    }

    /** Writes the capture as it is; redact it first ({@link Redactor#redact}) unless secrets are wanted. */
    public static void write(Capture capture, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(CaptureSource.of(capture), text);
        text.flush();
    }

    /** Writes as it reads: the frames of one connection at a time, never the whole document in memory. */
    public static void write(CaptureSource capture, Writer out) throws IOException {
        new HarWriter(capture).write(out);
    }

    public static byte[] writeBytes(Capture capture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(capture, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Microseconds since 1970, the unit HAR times are converted through. */
    static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }

    public static Capture read(Path file) throws IOException, CaptureFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a HAR document entry by entry; {@code source} names it in error messages and the session's name. */
    public static Capture read(InputStream in, String source) throws IOException, CaptureFormatException {
        try (JsonParser parser = Json.MAPPER.createParser(in)) {
            return new HarReader(parser, new JsonInput(source)).read();
        } catch (StreamConstraintsException e) {
            throw JsonInput.sizeLimit(source, e);
        } catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(source, e);
        }
    }
}
