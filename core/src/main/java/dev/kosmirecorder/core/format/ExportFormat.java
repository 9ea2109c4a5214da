package dev.kosmirecorder.core.format;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.CaptureSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The file formats a session exports to, with the redaction rule both {@code export} and the web UI apply, so a
 * download and a command-line export of the same session are the same bytes.
 */
public enum ExportFormat {
    FIXTURE("json", "application/json; charset=utf-8", FixtureCodec::write),
    HAR("har", "application/json; charset=utf-8", HarCodec::write);

    /** Writes a source in one format as it reads it. */
    @FunctionalInterface
    private interface StreamingWriter {
        void write(CaptureSource source, Writer out) throws IOException;
    }

    private final String extension;
    private final String mediaType;
    private final StreamingWriter writer;

    ExportFormat(String extension, String mediaType, StreamingWriter writer) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.writer = writer;
    }

    /** The capture in this format: secrets redacted (SPEC §4) unless {@code includeSecrets}. */
    public byte[] export(Capture capture, boolean includeSecrets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            write(CaptureSource.of(capture), includeSecrets, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Streams the source in this format, secrets redacted unless {@code includeSecrets}: frames are read, redacted
     * and written one at a time, so the size of a session does not decide the memory an export needs.
     */
    public void write(CaptureSource source, boolean includeSecrets, Writer out) throws IOException {
        writer.write(includeSecrets ? source : Redactor.redact(source), out);
    }

    /** Streams the source in this format, redacted by {@code redactor} (a policy with the user's own names). */
    public void write(CaptureSource source, Redactor redactor, Writer out) throws IOException {
        writer.write(redactor.apply(source), out);
    }

    /** The capture in this format, redacted by {@code redactor}. */
    public byte[] export(Capture capture, Redactor redactor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            write(CaptureSource.of(capture), redactor, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The name users type: {@code fixture}, {@code har}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a user named, case-insensitively; empty for anything else. */
    public static Optional<ExportFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
    }

    /** {@code fixture|har}, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining("|"));
    }
}
