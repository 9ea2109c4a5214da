package dev.kosmirecorder.recorder.cdp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.Chromium;
import dev.kosmirecorder.recorder.NetworkBrowser;
import dev.kosmirecorder.recorder.NetworkEvent;
import dev.kosmirecorder.recorder.NetworkListener;
import dev.kosmirecorder.recorder.RecorderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the shared browser tests do not cover: finding the driver, a wrong endpoint, the browser going away. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Cdp4jBrowserTest {

    @Test
    void theRecorderFindsThisDriverThroughTheServiceLoader() {
        BrowserDriver.CDP4J.requireAvailable();
        assertThat(new Cdp4jBrowserFactory().driver()).isEqualTo(BrowserDriver.CDP4J);
    }

    @Test
    void aWrongEndpointFailsAtConnectWithWhatToDo() {
        assertThatThrownBy(() -> BrowserDriver.CDP4J.connect(URI.create("ws://127.0.0.1:9/devtools/browser/none"), true))
                .isInstanceOf(RecorderException.class)
                .hasMessageContaining("127.0.0.1:9")
                .hasMessageContaining("--remote-debugging-port");
    }

    @Test
    void reportsTheBrowserGoingAwayAndClosesWithoutWaitingForIt() {
        Chromium chromium = Chromium.launch(Chromium.Options.headlessDefaults());
        CompletableFuture<String> gone = new CompletableFuture<>();
        NetworkBrowser browser = BrowserDriver.CDP4J.connect(chromium.devToolsEndpoint(), true);
        try {
            browser.start(new NetworkListener() {
                @Override
                public void onEvent(NetworkEvent event) {
                }

                @Override
                public void onDisconnected(String reason) {
                    gone.complete(reason);
                }
            });
            assertThat(browser.product()).contains("Chrome");
            chromium.close();
            assertThat(gone.orTimeout(30, TimeUnit.SECONDS).join()).contains("the browser stopped answering");
        } finally {
            browser.close();
            chromium.close();
        }
        assertThat(ProcessHandle.of(chromium.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.exists(chromium.home())).isFalse();
    }

    @Test
    void reportsThePageClosingAsTheEndOfTheRecording() throws Exception {
        Chromium chromium = Chromium.launch(Chromium.Options.headlessDefaults());
        CompletableFuture<Void> closed = new CompletableFuture<>();
        chromium.closeAfter(() -> {
            try (NetworkBrowser browser = BrowserDriver.CDP4J.connect(chromium.devToolsEndpoint(), true)) {
                browser.start(new NetworkListener() {
                    @Override
                    public void onEvent(NetworkEvent event) {
                    }

                    @Override
                    public void onPageClosed() {
                        closed.complete(null);
                    }
                });
                String tab = ((Cdp4jBrowser) browser).pageTargetId();
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + chromium.devToolsEndpoint().getPort() + "/json/close/" + tab)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                closed.orTimeout(30, TimeUnit.SECONDS).join();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ProcessHandle.of(chromium.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
