package dev.kosmirecorder.core.format;

import dev.kosmirecorder.core.model.Capture;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The file formats a session exports to, with the redaction rule both {@code export} and the web UI apply, so a
 * download and a command-line export of the same session are the same bytes.
 */
public enum ExportFormat {
    FIXTURE("json", "application/json; charset=utf-8", FixtureCodec::writeBytes),
    HAR("har", "application/json; charset=utf-8", HarCodec::writeBytes);

    private final String extension;
    private final String mediaType;
    private final Function<Capture, byte[]> writer;

    ExportFormat(String extension, String mediaType, Function<Capture, byte[]> writer) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.writer = writer;
    }

    /** The capture in this format: secrets redacted (SPEC §4) unless {@code includeSecrets}. */
    public byte[] export(Capture capture, boolean includeSecrets) {
        return writer.apply(includeSecrets ? capture : Redactor.redact(capture));
    }

    /** The capture in this format, redacted by {@code redactor}. */
    public byte[] export(Capture capture, Redactor redactor) {
        return writer.apply(redactor.apply(capture));
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
