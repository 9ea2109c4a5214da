package dev.kosmirecorder.core.format;

import dev.kosmirecorder.core.model.Capture;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a capture file whatever its format: a fixture or a HAR told apart by their first field, or a {@code .zip}
 * HAR as Playwright writes it, told by the zip signature.
 */
public final class CaptureFiles {
    private static final int SNIFF_BYTES = 4096;

    private CaptureFiles() {
    }

    public enum Format { FIXTURE, HAR, HAR_ZIP }

    public static Capture read(Path file) throws IOException, CaptureFormatException {
        Format format = sniff(file);
        return switch (format) {
            case FIXTURE -> FixtureCodec.read(file);
            case HAR -> HarCodec.read(file);
            case HAR_ZIP -> HarZipReader.read(file);
        };
    }

    /** Which format a file is in, from the first field of its top-level object. */
    public static Format sniff(Path file) throws IOException, CaptureFormatException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.HAR_ZIP;
        }
        String start = new String(head, 0, n, StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        if (!start.startsWith("{")) {
            throw new CaptureFormatException(file.toString(), "", "not a capture file: expected a JSON object (a kosmi-recorder fixture or a HAR file) or a Playwright .zip HAR");
        }
        String body = start.substring(1).stripLeading();
        if (body.startsWith("\"log\"")) {
            return Format.HAR;
        }
        if (body.startsWith("\"formatVersion\"")) {
            return Format.FIXTURE;
        }
        // Not in canonical order: decide by whether a "log" key appears at all in the head, else try as a fixture.
        return start.contains("\"log\"") && !start.contains("\"formatVersion\"") ? Format.HAR : Format.FIXTURE;
    }
}
