package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Capture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the {@code .zip} HAR that Playwright's {@code recordHar} writes for a {@code .zip} path: {@code har.har} plus
 * the files its entries name in {@code _file} — response bodies ({@code response.content._file}), request bodies
 * ({@code request.postData._file}), and for a WebSocket entry a JSONL file with one {@code {type, time, opcode, data}}
 * message per line. Each entry gets its files put back inline ({@code text}, {@code _webSocketMessages}), one entry
 * at a time, into a temporary HAR that {@link HarCodec} then reads like any other.
 */
final class HarZipReader {
    /** The HAR inside, as Playwright names it. */
    static final String HAR_ENTRY = "har.har";
    /** One attached file at most; past it the zip is refused rather than read into memory. */
    private static final long MAX_FILE_BYTES = Json.MAX_STRING_LENGTH;
    /** Everything unpacked at most, against zip bombs. */
    private static final long MAX_TOTAL_BYTES = 4L * Json.MAX_STRING_LENGTH;

    private final ZipFile zip;
    private final String source;
    private long unpacked;

    private HarZipReader(ZipFile zip, String source) {
        this.zip = zip;
        this.source = source;
    }

    static Capture read(Path file) throws IOException, CaptureFormatException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CaptureFormatException(file.toString(), "", "not a readable zip file: " + e.getMessage());
        }
        Path inlined = Files.createTempFile("kosmi-har-zip-", ".har");
        try (zip) {
            HarZipReader reader = new HarZipReader(zip, file.toString());
            try (OutputStream out = Files.newOutputStream(inlined)) {
                reader.inline(out);
            } catch (IOException e) {
                if (e.getCause() instanceof CaptureFormatException tooBig) {
                    throw tooBig;
                }
                throw e;
            }
            try (InputStream in = Files.newInputStream(inlined)) {
                return HarCodec.read(in, file.toString());
            }
        } finally {
            Files.deleteIfExists(inlined);
        }
    }

    private ZipEntry harEntry() throws CaptureFormatException {
        ZipEntry har = zip.getEntry(HAR_ENTRY);
        if (har != null) {
            return har;
        }
        List<? extends ZipEntry> hars = Collections.list(zip.entries()).stream()
                .filter(e -> !e.isDirectory() && e.getName().endsWith(".har")).toList();
        if (hars.size() != 1) {
            throw new CaptureFormatException(source, "", "a .zip HAR must hold one " + HAR_ENTRY
                    + " (as Playwright's recordHar writes it); this one holds " + (hars.isEmpty() ? "no .har file" : hars.size() + " .har files"));
        }
        return hars.get(0);
    }

    /** Copies the HAR, each entry with its attachments inline. */
    private void inline(OutputStream out) throws IOException, CaptureFormatException {
        ZipEntry har = harEntry();
        try (InputStream in = zip.getInputStream(har);
             JsonParser p = Json.MAPPER.createParser(in);
             JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "");
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                g.writeFieldName(name);
                if (name.equals("log") && value == JsonToken.START_OBJECT) {
                    copyLog(p, g);
                } else {
                    g.copyCurrentStructure(p);
                }
            }
            g.writeEndObject();
        } catch (StreamConstraintsException e) {
            throw JsonInput.sizeLimit(source + "!/" + har.getName(), e);
        } catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(source + "!/" + har.getName(), e);
        }
    }

    private void copyLog(JsonParser p, JsonGenerator g) throws IOException, CaptureFormatException {
        g.writeStartObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            g.writeFieldName(name);
            if (name.equals("entries") && value == JsonToken.START_ARRAY) {
                g.writeStartArray();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode entry = p.readValueAsTree();
                    if (entry instanceof ObjectNode o) {
                        inlineEntry(o, "/log/entries/" + i);
                    }
                    g.writeTree(entry);
                    i++;
                }
                g.writeEndArray();
            } else {
                g.copyCurrentStructure(p);
            }
        }
        g.writeEndObject();
    }

    private void inlineEntry(ObjectNode entry, String ptr) throws IOException, CaptureFormatException {
        String url = entry.path("request").path("url").asText("");
        boolean webSocket = "websocket".equals(entry.path("_resourceType").asText())
                || url.regionMatches(true, 0, "ws://", 0, 5) || url.regionMatches(true, 0, "wss://", 0, 6);
        JsonNode content = entry.path("response").path("content");
        if (content instanceof ObjectNode c && c.path("_file").isTextual()) {
            String name = c.remove("_file").asText();
            if (webSocket) {
                entry.set("_webSocketMessages", messages(name, ptr + "/response/content/_file"));
            } else {
                body(c, read(name, ptr + "/response/content/_file"), "encoding");
            }
        }
        JsonNode post = entry.path("request").path("postData");
        if (post instanceof ObjectNode pd && pd.path("_file").isTextual()) {
            String name = pd.remove("_file").asText();
            body(pd, read(name, ptr + "/request/postData/_file"), "_encoding");
        }
    }

    /** The body as {@code text}, base64-encoded (and said so in {@code encodingField}) unless it is UTF-8. */
    private static void body(ObjectNode o, byte[] bytes, String encodingField) {
        try {
            o.put("text", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
            o.remove(encodingField);
        } catch (CharacterCodingException e) {
            o.put("text", Base64.getEncoder().encodeToString(bytes));
            o.put(encodingField, "base64");
        }
    }

    /** A WebSocket's JSONL messages as a {@code _webSocketMessages} array. */
    private ArrayNode messages(String name, String ptr) throws IOException, CaptureFormatException {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        ZipEntry e = attachment(name, ptr);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bounded(zip.getInputStream(e), name, ptr),
                StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = lines.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messages.add(Json.MAPPER.readTree(line));
                } catch (JsonProcessingException ex) {
                    throw new CaptureFormatException(source + "!/" + name, "line " + (n + 1),
                            "not a JSON message: " + ex.getOriginalMessage());
                }
            }
        }
        return messages;
    }

    private byte[] read(String name, String ptr) throws IOException, CaptureFormatException {
        ZipEntry e = attachment(name, ptr);
        try (InputStream in = bounded(zip.getInputStream(e), name, ptr)) {
            return in.readAllBytes();
        }
    }

    private ZipEntry attachment(String name, String ptr) throws CaptureFormatException {
        ZipEntry e = zip.getEntry(name);
        if (e == null || e.isDirectory()) {
            throw new CaptureFormatException(source, ptr, "names the file '" + name + "', which the zip does not hold");
        }
        return e;
    }

    /** Counts what is unpacked, failing past the per-file and total limits (a zip's sizes can lie). */
    private InputStream bounded(InputStream in, String name, String ptr) {
        return new InputStream() {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    read += n;
                    unpacked += n;
                    if (read > MAX_FILE_BYTES || unpacked > MAX_TOTAL_BYTES) {
                        throw new IOException(new CaptureFormatException(source, ptr, "the file '" + name + "' unpacks to more than "
                                + (read > MAX_FILE_BYTES ? MAX_FILE_BYTES + " bytes" : "the " + MAX_TOTAL_BYTES + " bytes a zip may hold in all")));
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private void expect(JsonToken got, JsonToken wanted, String ptr) throws CaptureFormatException {
        if (got != wanted) {
            throw new CaptureFormatException(source + "!/" + HAR_ENTRY, ptr, "expected a JSON object, found " + got);
        }
    }
}
