package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.testing.FixtureFiles;
import dev.kosmirecorder.testing.SecretCapture;
import dev.kosmirecorder.testing.SecretScan;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class RedactorTest {
    private static final String UNSIGNED = Jwt.decode(SecretCapture.TOKEN).unsigned() + Redactor.MARKER;

    private final Capture redacted = Redactor.redact(SecretCapture.capture());

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

    @Test
    void tokensLoseTheirSignatureButKeepHeaderAndClaims() {
        HttpExchange login = redacted.exchanges().get(0);
        assertThat(login.requestHeaders().get("Authorization")).contains("Bearer " + UNSIGNED);
        assertThat(login.responseBody().text()).isEqualTo("{\"data\":{\"refreshToken\":{\"token\":\"" + UNSIGNED + "\"}}}");
        Jwt readable = Jwt.decode(UNSIGNED);
        assertThat(readable.claim("sub")).contains("9d2f0c1e-2222-4b3c-8d4e-5f6a7b8c9d0e");
        assertThat(readable.signature()).isEqualTo(Redactor.MARKER);
        assertThat(redacted.connections().get(0).url()).isEqualTo("wss://engine.kosmi.io/gql-ws?token=" + UNSIGNED);
        assertThat(redacted.frames().get(3).payload().text()).isEqualTo("not json at all, token " + UNSIGNED);
    }

    @Test
    void cookiesKeepTheirNamesAndAttributesButNotTheirValues() {
        HttpExchange login = redacted.exchanges().get(0);
        assertThat(login.requestHeaders().get("Cookie")).contains("sid=REDACTED; theme=REDACTED");
        assertThat(login.responseHeaders().get("Set-Cookie")).contains("sid=REDACTED; Path=/; HttpOnly; Secure\nlang=REDACTED; Max-Age=3600");
        WsConnection ws = redacted.connections().get(0);
        assertThat(ws.requestHeaders().get("Cookie")).contains("sid=REDACTED");
        assertThat(ws.responseHeaders().get("Set-Cookie")).contains("ws=REDACTED");
        assertThat(login.requestHeaders().get("X-Api-Key")).contains(Redactor.MARKER);
    }

    @Test
    void connectionInitPayloadsKeepOnlyWhatIsHarmless() {
        Frame init = redacted.frames().get(0);
        assertThat(init.payload().text()).isEqualTo("{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + UNSIGNED
                + "\",\"refresh\":\"REDACTED\",\"v\":\"4364\"}}");
        assertThat(init.message().type()).isEqualTo("connection_init");
        assertThat(redacted.frames().get(1).payload()).isEqualTo(SecretCapture.capture().frames().get(1).payload());
    }

    @Test
    void opaqueTokensInBodiesAndQueryStringsGo() {
        assertThat(redacted.exchanges().get(0).requestBody().text())
                .isEqualTo("{\"operationName\":\"RefreshToken\",\"variables\":{\"refreshToken\":\"REDACTED\"}}");
        assertThat(redacted.exchanges().get(1).url()).isEqualTo("https://engine.kosmi.io/status?token=REDACTED&x=1");
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        assertThat(Redactor.redact(redacted)).isEqualTo(redacted);
    }

    static List<Capture> captures() throws Exception {
        List<Capture> all = new ArrayList<>();
        for (Path file : FixtureFiles.all()) {
            all.add(FixtureCodec.read(file));
        }
        all.add(SecretCapture.capture());
        return all;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void noExportOfARedactedCaptureHoldsASignatureOrACookieValue(Capture capture) {
        assertThat(SecretScan.secretsOf(capture)).isNotEmpty();
        String fixture = FixtureCodec.write(capture);
        String har = new String(HarCodec.writeBytes(capture), StandardCharsets.UTF_8);
        assertThat(SecretScan.leakedInto(fixture, capture)).as("unredacted exports hold them").isNotEmpty();
        assertThat(SecretScan.leakedInto(har, capture)).isNotEmpty();

        Capture clean = Redactor.redact(capture);
        assertThat(SecretScan.leakedInto(FixtureCodec.write(clean), capture)).isEmpty();
        assertThat(SecretScan.leakedInto(new String(HarCodec.writeBytes(clean), StandardCharsets.UTF_8), capture)).isEmpty();
    }
}
