package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lenient mode answers CORS for the origins a client on the developer's machine uses (the recorded web app's and
 * loopback ones), and sends no CORS answer, so no credentials, to any other site open in the same browser.
 */
@Timeout(60)
class LenientCorsTest {
    @Test
    void onlyTheRecordedAndLoopbackOriginsMayReadTheReplay() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).recordedToken(true).start()) {
            for (String allowed : new String[] {"https://app.kosmi.io", "http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173"}) {
                HttpResponse<String> r = Http.post(mock.url(), Http.ANON_LOGIN, "Origin", allowed);
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(allowed).contains(allowed);
                assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).as(allowed).contains("true");
            }
            for (String other : new String[] {"https://evil.example", "http://localhost.evil.example", "http://127.0.0.1.nip.io", "null"}) {
                HttpResponse<String> r = Http.post(mock.url(), Http.ANON_LOGIN, "Origin", other);
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(other).isEmpty();
                assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).as(other).isEmpty();
            }
            assertThat(Http.post(mock.url(), Http.ANON_LOGIN).headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        }
    }
}
