package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Opcode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playwright's .zip HAR, shaped as its recordHar writes it (the real recorder runs in replayer's PlaywrightHarZipTest). */
class HarZipReaderTest {
    static final String HAR = """
            {"log":{"version":"1.2","creator":{"name":"Playwright","version":"1.65.1"},"entries":[
             {"startedDateTime":"2026-11-01T18:00:00.000Z","time":5,"request":{"method":"POST","url":"https://engine.kosmi.io/",
              "httpVersion":"HTTP/1.1","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":2,
              "postData":{"mimeType":"application/json","text":"","params":[],"_file":"post.json"}},
              "response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"cookies":[],
              "content":{"size":3,"mimeType":"application/octet-stream","_file":"body.dat"},"redirectURL":"","headersSize":-1,"bodySize":3},
              "cache":{},"timings":{"send":0,"wait":5,"receive":0}},
             {"startedDateTime":"2026-11-01T18:00:01.000Z","time":10,"_resourceType":"websocket",
              "request":{"method":"GET","url":"wss://engine.kosmi.io/gql-ws","httpVersion":"HTTP/1.1","headers":[],"queryString":[],
              "cookies":[],"headersSize":-1,"bodySize":0},
              "response":{"status":101,"statusText":"Switching Protocols","httpVersion":"HTTP/1.1","headers":[],"cookies":[],
              "content":{"size":-1,"mimeType":"x-unknown","_file":"ws.jsonl"},"redirectURL":"","headersSize":-1,"bodySize":-1},
              "cache":{},"timings":{"send":0,"wait":0,"receive":0}}]}}
            """;

    @TempDir
    Path dir;

    @Test
    void inlinesBodiesAndWebSocketMessagesFromTheirFiles() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("har.har", HAR.getBytes(StandardCharsets.UTF_8));
        files.put("post.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("body.dat", new byte[] {(byte) 0xff, 0, 1});
        files.put("ws.jsonl", ("{\"type\":\"send\",\"time\":1793556001000.5,\"opcode\":1,\"data\":\"{\\\"type\\\":\\\"connection_init\\\"}\"}\n"
                + "{\"type\":\"receive\",\"time\":1793556001002,\"opcode\":2,\"data\":\"AAE=\"}\n").getBytes(StandardCharsets.UTF_8));
        Path zip = zip(files);

        assertThat(CaptureFiles.sniff(zip)).isEqualTo(CaptureFiles.Format.HAR_ZIP);
        Capture capture = CaptureFiles.read(zip);
        assertThat(capture.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.requestBody().text()).isEqualTo("{}");
            assertThat(e.responseBody().bytes()).containsExactly(0xff, 0, 1);
        });
        assertThat(capture.frames()).hasSize(2);
        assertThat(capture.frames().get(0).direction()).isEqualTo(Direction.SENT);
        assertThat(capture.frames().get(0).text()).isEqualTo("{\"type\":\"connection_init\"}");
        assertThat(capture.frames().get(1).opcode()).isEqualTo(Opcode.BINARY);
        assertThat(capture.frames().get(1).payload().bytes()).containsExactly(0, 1);
    }

    @Test
    void aMissingAttachmentIsAClearError() throws Exception {
        Path zip = zip(Map.of("har.har", HAR.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> CaptureFiles.read(zip)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("/log/entries/0/response/content/_file")
                .hasMessageContaining("names the file 'body.dat', which the zip does not hold");
    }

    @Test
    void aZipWithoutAHarIsAClearError() throws Exception {
        Path zip = zip(Map.of("notes.txt", new byte[] {1}));
        assertThatThrownBy(() -> CaptureFiles.read(zip)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("a .zip HAR must hold one har.har (as Playwright's recordHar writes it); this one holds no .har file");
    }

    private Path zip(Map<String, byte[]> files) throws IOException {
        Path zip = Files.createTempFile(dir, "capture", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }
}
