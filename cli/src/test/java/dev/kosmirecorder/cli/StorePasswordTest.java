package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;
import dev.kosmirecorder.testing.FixtureFiles;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5: a JDBC URL may carry a password, and no output, log or error message ever prints it. Every command
 * that opens the store runs in a process of its own against a PostgreSQL URL with a password, with
 * {@code KOSMI_DEBUG=1} so that stack traces are printed too, and all it printed is searched for the password.
 * {@code record} and {@code token} are given a browser that is not there ({@code --attach} to a closed port): they
 * open the store first, so what they print about it is covered without a Chromium. And the ways to keep the
 * password off the command line work: {@code KOSMI_DB_PASSWORD} and PostgreSQL's password file.
 */
@Timeout(600)
class StorePasswordTest {
    private static final Pattern UI_URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C to stop\\)");
    private static final Map<String, String> DEBUG = Map.of("KOSMI_DEBUG", "1");

    @TempDir
    Path dir;

    @Test
    void noCommandPrintsThePasswordOfAPostgresUrl() throws Exception {
        PostgresCluster.Database db = PostgresCluster.shared().newDatabase();
        String password = db.password();
        String url = db.url();
        List<CommandProcess> runs = new ArrayList<>();

        CommandProcess imported = CommandProcess.run(dir, DEBUG, "import", FixtureFiles.dir().resolve("kosmi-room.json").toString(), "--db", url);
        runs.add(imported);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String id = imported.out().strip();

        CommandProcess list = CommandProcess.run(dir, DEBUG, "list", "--db", url);
        runs.add(list);
        assertThat(list.out()).contains(id);
        runs.add(CommandProcess.run(dir, DEBUG, "list", "--json", "--db", url));
        CommandProcess show = CommandProcess.run(dir, DEBUG, "show", id, "--db", url);
        runs.add(show);
        assertThat(show.exitCode()).isZero();
        runs.add(CommandProcess.run(dir, DEBUG, "show", id, "--json", "--db", url));
        runs.add(CommandProcess.run(dir, DEBUG, "show", "nosuchid", "--db", url));
        CommandProcess export = CommandProcess.run(dir, DEBUG, "export", id, "--format", "har", "--db", url);
        runs.add(export);
        assertThat(export.out()).contains("\"log\"");
        runs.add(CommandProcess.run(dir, DEBUG, "export", id, "--format", "fixture", "--out", dir.resolve("room.json").toString(), "--db", url));
        String noBrowser = "http://127.0.0.1:" + closedPort();
        runs.add(CommandProcess.run(dir, DEBUG, "record", "@room", "--attach", noBrowser, "--duration", "2s", "--db", url));
        runs.add(CommandProcess.run(dir, DEBUG, "token", "--refresh", "--attach", noBrowser, "--timeout", "5s", "--db", url));

        try (CommandProcess serve = CommandProcess.start(dir, DEBUG, "serve", "--session", id, "--port", "0", "--no-ui", "--db", url)) {
            runs.add(serve);
            serve.awaitOut("/gql-ws");
            serve.stop();
        }
        try (CommandProcess ui = CommandProcess.start(dir, DEBUG, "ui", "--port", "0", "--db", url)) {
            runs.add(ui);
            ui.awaitOut("Ctrl-C to stop");
            Matcher m = UI_URL.matcher(ui.out());
            assertThat(m.find()).as(ui.out()).isTrue();
            for (String path : List.of("", "api/sessions", "api/sessions/" + id)) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1) + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).doesNotContain(password);
            }
            ui.stop();
        }

        for (CommandProcess run : runs) {
            assertThat(run.all()).doesNotContain(password);
        }
        assertThat(list.all() + show.all()).doesNotContain("password=");
    }

    @Test
    void aWrongPasswordIsRefusedInOneSentenceThatDoesNotRepeatIt() throws Exception {
        PostgresCluster.Database db = PostgresCluster.shared().newDatabase();
        String wrong = "Wr0ng-" + System.nanoTime();
        CommandProcess list = CommandProcess.run(dir, DEBUG, "list", "--db", db.urlWithoutPassword() + "&password=" + wrong);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).startsWith("kosmi-recorder: cannot open the store jdbc:postgresql://127.0.0.1:" + db.port())
                .contains("password authentication failed").doesNotContain(wrong);

        String userInfo = "jdbc:postgresql://kosmi:" + wrong + "@127.0.0.1:" + db.port() + "/" + db.name();
        CommandProcess other = CommandProcess.run(dir, DEBUG, "list", "--db", userInfo);
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.all()).doesNotContain(wrong);
    }

    @Test
    void anH2UrlThatH2EchoesInItsErrorKeepsItsPasswordMasked() throws Exception {
        String secret = "h2-S3cret-" + System.nanoTime();
        CommandProcess list = CommandProcess.run(dir, DEBUG, "list", "--db",
                "jdbc:h2:file:" + dir.resolve("x") + ";PASSWORD=" + secret + ";NO_SUCH_SETTING=1");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).startsWith("kosmi-recorder: cannot open the store jdbc:h2:file:").doesNotContain(secret);
        CommandProcess unknown = CommandProcess.run(dir, DEBUG, "list", "--db", "jdbc:mysql://h/db?user=u&password=" + secret);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("pass a path, a jdbc:h2: URL or a jdbc:postgresql: URL").doesNotContain(secret);
    }

    @Test
    void thePasswordCanStayOffTheCommandLine() throws Exception {
        PostgresCluster.Database db = PostgresCluster.shared().newDatabase();
        CommandProcess viaEnv = CommandProcess.run(dir, Map.of("KOSMI_DB_PASSWORD", db.password()), "list", "--db", db.urlWithoutPassword());
        assertThat(viaEnv.exitCode()).as(viaEnv.err()).isZero();

        // pgjdbc reads PostgreSQL's own password file (PGPASSFILE, else ~/.pgpass), which must be owner-only.
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + db.port() + ":" + db.name() + ":" + PostgresCluster.USER + ":" + db.password() + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        CommandProcess viaFile = CommandProcess.run(dir, Map.of("PGPASSFILE", pgpass.toString()), "list", "--db", db.urlWithoutPassword());
        assertThat(viaFile.exitCode()).as(viaFile.err()).isZero();
        assertThat(viaFile.out()).containsIgnoringCase("no sessions").doesNotContain(db.password());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
