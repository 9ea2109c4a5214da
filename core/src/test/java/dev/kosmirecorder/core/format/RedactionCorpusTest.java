package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.testing.SecretCorpus;
import dev.kosmirecorder.testing.SecretScan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee of a default export: no string that would authenticate survives, in any form a reader could decode.
 * Each case of {@link SecretCorpus} is checked on its own, in both export formats; the unredacted export must show
 * the secret (else the case would prove nothing).
 */
@Timeout(60)
class RedactionCorpusTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Map.Entry<Capture, List<SecretCorpus.Case>> e : SecretCorpus.all().entrySet()) {
            for (SecretCorpus.Case c : e.getValue()) {
                all.add(Arguments.of(c.name(), e.getKey(), c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noDefaultExportHoldsTheSecret(String name, Capture capture, SecretCorpus.Case c) {
        for (ExportFormat format : ExportFormat.values()) {
            String unredacted = new String(format.export(capture, true), StandardCharsets.UTF_8);
            assertThat(SecretScan.leaksIn(unredacted, c.distinctive())).as("%s with secrets holds them", format).isNotEmpty();
            String exported = new String(format.export(capture, false), StandardCharsets.UTF_8);
            assertThat(SecretScan.leaksIn(exported, c.distinctive())).as("%s export", format).isEmpty();
        }
    }

    @Test
    void tokensFoundByStructureStayReadable() {
        String spaced = SecretCorpus.jwt("{ \"alg\": \"HS256\" }", "sig0123456789");
        assertThat(spaced).startsWith("eyAi");
        String clean = Redactor.defaultText("x " + spaced + " y");
        assertThat(clean).isEqualTo("x " + spaced.substring(0, spaced.lastIndexOf('.') + 1) + Redactor.MARKER + " y");
        assertThat(Jwt.decode(clean.substring(2, clean.length() - 2)).claim("sub")).contains("corpus-user");
    }

    @Test
    void innocentTextIsLeftAsItWas() {
        for (String text : List.of("https://engine.kosmi.io/gql-ws?room=abc&x=%20y", "engine.kosmi.io version 1.2.3",
                "{\"query\":\"mutation RefreshToken { refreshToken { token } }\"}", "QWxhZGRpbjpvcGVuIHNlc2FtZQ== is base64 of nothing secret",
                "C:\\\\Users\\\\bob\\\\token.txt", "x=1&y=2#top")) {
            assertThat(Redactor.defaultText(text)).isEqualTo(text);
        }
    }

    @Test
    void thePolicyTakesMoreNames() {
        RedactionPolicy policy = RedactionPolicy.DEFAULT.withNames(List.of("X-Room-Pass", "invite"));
        Redactor redactor = new Redactor(policy);
        assertThat(redactor.text("https://a/b?invite=s3cr3t-invite&x=1")).isEqualTo("https://a/b?invite=REDACTED&x=1");
        assertThat(Redactor.defaultText("https://a/b?invite=s3cr3t-invite&x=1")).contains("s3cr3t-invite");
        assertThat(policy.isCredentialName("x_room_pass")).isTrue();
        assertThat(RedactionPolicy.DEFAULT.isCredentialName("X-CSRF-Token")).isTrue();
        assertThat(RedactionPolicy.DEFAULT.isCredentialName("Content-Type")).isFalse();
    }
}
