package dev.kosmirecorder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The browser test utility itself: it runs pages, evaluates script, takes screenshots and cleans up after itself. */
@Timeout(120)
class HeadlessChromiumTest {

    @Test
    void runsAPageAndLeavesNothingBehind() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<!doctype html><title>t</title><p id=p>hello</p><script>document.getElementById('p').textContent += ' from script'</script>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        HeadlessChromium chromium = HeadlessChromium.launch();
        try {
            HeadlessChromium.Page page = chromium.newPage()
                    .navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            page.waitFor("document.getElementById('p').textContent.includes('from script')", Duration.ofSeconds(10));
            assertThat(page.evaluate("document.getElementById('p').textContent").asText()).isEqualTo("hello from script");
            byte[] png = page.screenshot(320, 200);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        } finally {
            chromium.close();
            server.stop(0);
        }
        assertThat(chromium.home()).doesNotExist();
        assertThat(ProcessHandle.of(chromium.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(chromium.home())).isFalse();
    }
}
