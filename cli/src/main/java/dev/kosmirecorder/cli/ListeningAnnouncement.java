package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.webui.WebUi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a started {@code serve} listens, for scripts and clients in any language: one line on stdout,
 * {@code kosmi-recorder: listening {"http":…,"ws":…,"admin":…,"ui":…}}, and the same JSON object in
 * {@code --port-file}, written whole (a temporary file moved into place) so a reader never sees half of it.
 */
final class ListeningAnnouncement {
    static final String PREFIX = "kosmi-recorder: listening ";

    private ListeningAnnouncement() {
    }

    static ObjectNode urls(KosmiMock mock, WebUi ui) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("http", mock.url().toString());
        o.put("ws", mock.wsUrl().toString());
        o.put("admin", mock.url("/__admin/").toString());
        o.put("ui", ui == null ? null : ui.url().toString());
        o.put("port", mock.port());
        return o;
    }

    /** Writes the port file if one was asked for, then prints the line: whoever saw the line can read the file. */
    static void announce(PrintWriter out, KosmiMock mock, WebUi ui, Path portFile) throws IOException {
        String json = Json.compact(urls(mock, ui));
        if (portFile != null) {
            write(portFile, json);
        }
        out.println(PREFIX + json);
        out.flush();
    }

    private static void write(Path portFile, String json) throws IOException {
        Path target = portFile.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, ".kosmi-port-", ".tmp");
        try {
            Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
