package dev.kosmirecorder.core.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtTest {
    private final long iat = Instant.parse("2026-11-01T18:00:00Z").getEpochSecond();
    private final String token = SyntheticKosmiRoom.token("sub-1", "jti-1", iat);

    @Test
    void decodesHeaderClaimsAndExpiryWithoutVerifying() {
        Jwt jwt = Jwt.decode("Bearer " + token);
        assertThat(jwt.algorithm()).contains("HS512");
        assertThat(jwt.claim("sub")).contains("sub-1");
        assertThat(jwt.claim("typ")).contains("access");
        assertThat(jwt.expiresAt()).contains(Instant.ofEpochSecond(iat + 31_449_600L));
        assertThat(jwt.isExpiredAt(Instant.ofEpochSecond(iat + 31_449_600L))).isTrue();
        assertThat(jwt.isExpiredAt(Instant.ofEpochSecond(iat))).isFalse();
        assertThat(jwt.unsigned()).isEqualTo(token.substring(0, token.lastIndexOf('.') + 1));
    }

    @Test
    void findsATokenInsideTextAndExplainsWhatIsNotOne() {
        assertThat(Jwt.findIn("{\"token\":\"" + token + "\",\"ua\":\"x\"}")).map(Jwt::raw).contains(token);
        assertThat(Jwt.findIn("no token here")).isEmpty();
        assertThatThrownBy(() -> Jwt.decode("a.b")).hasMessage("not a JWT: expected three dot-separated parts, found 2");
        assertThatThrownBy(() -> Jwt.decode("eyJ!.eyJ.x")).hasMessage("not a JWT: the header is not base64url");
        assertThatThrownBy(() -> Jwt.decode("bm90anNvbg.bm90anNvbg.x")).hasMessage("not a JWT: the header is not a JSON object");
    }
}
