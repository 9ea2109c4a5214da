package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void tokensLoseTheirSignatureEverywhereButStayReadable() {
        Capture room = SyntheticKosmiRoom.kosmiRoom();
        String token = Jwt.findIn(room.exchanges().get(0).responseBody().text()).orElseThrow().raw();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String exported = FixtureCodec.write(Redactor.redact(room));
        assertThat(exported).doesNotContain(signature).contains(token.substring(0, token.lastIndexOf('.') + 1) + Redactor.MARKER);
        assertThat(FixtureCodec.write(room)).contains(signature);
    }

    @Test
    void credentialHeadersAreReplacedButKeepTheirShape() {
        HttpExchange e = HttpExchange.builder().method("GET").url("https://engine.kosmi.io/")
                .requestHeaders(Headers.of("Cookie", "session=abc123; theme=dark", "Authorization", "Bearer opaque-token-value",
                        "Accept", "*/*"))
                .responseHeaders(Headers.of("Set-Cookie", "session=xyz789; Path=/; HttpOnly"))
                .build();
        Capture capture = new Capture(SyntheticKosmiRoom.kosmiRoom().session(), List.of(e), List.of(), List.of());
        HttpExchange redacted = Redactor.redact(capture).exchanges().get(0);
        assertThat(redacted.requestHeaders().get("Cookie")).contains("session=REDACTED; theme=REDACTED");
        assertThat(redacted.requestHeaders().get("Authorization")).contains("Bearer REDACTED");
        assertThat(redacted.requestHeaders().get("Accept")).contains("*/*");
        assertThat(redacted.responseHeaders().get("Set-Cookie")).contains("session=REDACTED; Path=/; HttpOnly");
    }
}
