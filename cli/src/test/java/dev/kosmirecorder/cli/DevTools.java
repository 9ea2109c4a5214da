package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Acts on record's Chromium the way a user would, through its DevTools HTTP endpoint: closing a tab. */
final class DevTools {
    private DevTools() {
    }

    /** The profile folder of the Chromium whose main process is {@code browser}. */
    static Path profileOf(ProcessHandle browser) {
        return Path.of(Arrays.stream(browser.info().arguments().orElseThrow())
                .filter(a -> a.startsWith("--user-data-dir=")).findFirst().orElseThrow().substring("--user-data-dir=".length()));
    }

    /** The launcher's temp folder (profile, TMPDIR, log) of that Chromium. */
    static Path homeOf(ProcessHandle browser) {
        return profileOf(browser).getParent();
    }

    /** Closes every tab whose URL starts with {@code url}, in the Chromium whose main process is {@code browser}. */
    static void closePages(ProcessHandle browser, String url) throws Exception {
        Path profile = profileOf(browser);
        closePages(Integer.parseInt(Files.readAllLines(profile.resolve("DevToolsActivePort")).get(0).strip()), url);
    }

    /** Closes every tab whose URL starts with {@code url}, in the Chromium whose DevTools listen on {@code port}. */
    static void closePages(int port, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        JsonNode pages = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode page : pages) {
            if (page.path("type").asText().equals("page") && page.path("url").asText().startsWith(url)) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/json/close/" + page.path("id").asText())).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        }
    }
}
