package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve --port 0 --no-ui} from the shaded jar, as a user starts it: it prints its URL and answers health. */
@Timeout(120)
class ServeCommandIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

    private Process process;

    @AfterEach
    void stopTheMock() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static Path jar() {
        String project = System.getProperty("kosmi.project.dir");
        Path root = project != null ? Path.of(project) : Path.of("..").toAbsolutePath().normalize();
        return root.resolve("cli/target/kosmi-recorder.jar");
    }

    @Test
    void servePrintsItsUrlAndAnswersHealthOnTheBuiltInFixture() throws Exception {
        long started = System.nanoTime();
        process = new ProcessBuilder("java", "-jar", jar().toString(), "serve", "--port", "0", "--no-ui")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("serve ended without printing its URL; it printed:\n" + seen);
        });
        URI base = URI.create(url.get(60, TimeUnit.SECONDS));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/__admin/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"", "Synthetic anonymous room");
        assertThat(base.getPort()).isPositive();
        // A figure for the report, not an assertion: this machine is shared.
        System.out.println("serve: start to /__admin/health 200 in " + millis + " ms");
    }
}
