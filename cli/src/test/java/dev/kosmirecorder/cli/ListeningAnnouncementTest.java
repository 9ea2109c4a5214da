package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.replayer.KosmiMock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line serve prints for scripts and the --port-file it writes say the same, in one JSON object. */
class ListeningAnnouncementTest {
    @TempDir
    Path dir;

    @Test
    void printsOneJsonLineAndWritesTheSameToThePortFile() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).start()) {
            StringWriter out = new StringWriter();
            Path portFile = dir.resolve("sub/kosmi.json");
            ListeningAnnouncement.announce(new PrintWriter(out), mock, null, portFile);
            String json = "{\"http\":\"http://127.0.0.1:" + mock.port() + "/\",\"ws\":\"ws://127.0.0.1:" + mock.port()
                    + "/gql-ws\",\"admin\":\"http://127.0.0.1:" + mock.port() + "/__admin/\",\"ui\":null,\"port\":" + mock.port() + "}";
            assertThat(out.toString()).isEqualTo("kosmi-recorder: listening " + json + System.lineSeparator());
            assertThat(Files.readString(portFile)).isEqualTo(json + "\n");
            assertThat(Files.list(portFile.getParent())).as("no temporary file left behind").hasSize(1);
        }
    }
}
