package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.testing.FixtureFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ui}: serves the store's sessions on the port it prints, and says clearly when the port is taken. */
@Timeout(60)
class UiCommandTest {
    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C to stop\\)");

    @TempDir
    Path dir;

    @Test
    void servesTheStoreOnTheUrlItPrintsUntilStopped() throws Exception {
        String db = dir.resolve("store").toString();
        String id = CliRunner.run("import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", db).out().strip();

        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("ui", "--port", "0", "--db", db)), "ui-command");
        running.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> URL.matcher(out.toString()).find());
            Matcher m = URL.matcher(out.toString());
            assertThat(m.find()).isTrue();
            HttpResponse<String> sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1) + "api/sessions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(sessions.body()).contains("\"id\":\"" + id + "\"");
        } finally {
            running.interrupt();
            running.join(Duration.ofSeconds(20).toMillis());
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void aTakenPortIsOneSentenceAndExitCode1() throws Exception {
        dev.kosmirecorder.store.jdbc.JdbcCaptureStore.open(dir.resolve("store").toString()).close(); // ui reads, so the store must exist
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRunner r = CliRunner.run("ui", "--port", Integer.toString(taken.getLocalPort()), "--db", dir.resolve("store").toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).startsWith("kosmi-recorder: cannot start the web UI on 127.0.0.1:" + taken.getLocalPort())
                    .contains("make sure no other process is using port " + taken.getLocalPort());
        }
    }

    @Test
    void aPortOutOfRangeIsBadUsage() {
        CliRunner r = CliRunner.run("ui", "--port", "70000", "--db", dir.resolve("store").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--port: 70000 is not a port; use 0 to 65535 (0 = any free port)");
    }
}
