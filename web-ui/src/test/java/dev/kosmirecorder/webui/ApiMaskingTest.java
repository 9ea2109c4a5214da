package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.SecretCorpus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The {@code /api} JSON masks every secret of the redaction corpus until the page asks for them with Reveal. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiMaskingTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private CaptureStore store;
    private WebUi ui;
    private final Map<String, List<SecretCorpus.Case>> casesById = new java.util.LinkedHashMap<>();

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-mask-" + UUID.randomUUID()));
        for (Map.Entry<Capture, List<SecretCorpus.Case>> e : SecretCorpus.all().entrySet()) {
            casesById.put(store.save(e.getKey()), e.getValue());
        }
        ui = WebUi.start(store, 0);
    }

    @AfterAll
    void stop() {
        ui.close();
        store.close();
    }

    @Test
    void noAnswerBeforeRevealHoldsASecretAndRevealShowsThem() throws Exception {
        for (Map.Entry<String, List<SecretCorpus.Case>> e : casesById.entrySet()) {
            String masked = everything(e.getKey(), "");
            String revealed = everything(e.getKey(), "secrets=true");
            for (SecretCorpus.Case c : e.getValue()) {
                assertThat(dev.kosmirecorder.testing.SecretScan.leaksIn(masked, c.distinctive())).as(c.name()).isEmpty();
                assertThat(dev.kosmirecorder.testing.SecretScan.leaksIn(revealed, c.distinctive())).as("revealed: " + c.name()).isNotEmpty();
            }
        }
    }

    @Test
    void aTimeStoredBeforeImportsCheckedItStillRenders() throws Exception {
        Capture room = dev.kosmirecorder.core.format.BuiltInFixtures.handshake403();
        dev.kosmirecorder.core.model.Session s = room.session();
        String id = store.save(new Capture(new dev.kosmirecorder.core.model.Session(null, s.kind(), "ancient", s.target(), s.status(),
                java.time.Instant.parse("-999999999-01-01T00:00:00Z"), s.endedAt(), 0, s.attributes()),
                room.exchanges(), room.connections(), room.frames()));
        assertThat(everything(id, "")).contains("1970-01-01T00:00:00Z");
        HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/" + id + "/export?format=har"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        store.delete(id);
    }

    /** Every API answer about one session, concatenated. */
    private String everything(String id, String query) throws Exception {
        String base = "api/sessions/" + id;
        List<String> paths = new ArrayList<>(List.of("api/sessions", base, base + "/exchanges", base + "/connections",
                base + "/frames?limit=100"));
        long frames = store.summary(id).orElseThrow().frames();
        for (long seq = 1; seq <= frames; seq++) {
            paths.add(base + "/frames/" + seq);
        }
        paths.add("api/compare?a=" + id + ":" + store.connections(id).get(0).id() + "&b=" + id + ":" + store.connections(id).get(0).id());
        StringBuilder all = new StringBuilder();
        for (String path : paths) {
            String url = ui.url() + path + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + query);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            all.append(r.body()).append('\n');
        }
        return all.toString();
    }
}
