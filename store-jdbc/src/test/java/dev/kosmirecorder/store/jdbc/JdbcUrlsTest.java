package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every form a JDBC URL carries a password in is masked, and so is a password given apart. */
class JdbcUrlsTest {

    @Test
    void masksPasswordParametersUserInfoAndH2Settings() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://h:5432/db?user=kosmi&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=kosmi&password=****&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:postgresql://kosmi:s3cr3t@h/db")).isEqualTo("jdbc:postgresql://kosmi:****@h/db");
        assertThat(JdbcUrls.mask("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=s3cr3t;FILE_PASSWORD=f1le"))
                .isEqualTo("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=****;FILE_PASSWORD=****");
        assertThat(JdbcUrls.passwords("jdbc:postgresql://u:p4ss@h/db?Password=other")).containsExactlyInAnyOrder("p4ss", "other");
    }

    @Test
    void masksAPasswordWhereverADriverQuotesIt() {
        String message = "URL format error; must be \"jdbc:h2:...\" but is \"jdbc:postgresql://h/db?user=u&password=hunter22\"";
        assertThat(JdbcUrls.mask(message, List.of("hunter22"))).doesNotContain("hunter22");
        assertThat(JdbcUrls.mask("authentication failed for the key kSecretKey", List.of("kSecretKey"))).isEqualTo(
                "authentication failed for the key ****");
    }

    @Test
    void aPasswordGivenApartIsMaskedTooAndNeverShownByTheLocation() {
        StoreLocation location = StoreLocation.parse("jdbc:postgresql://h/db?user=u").withPassword("from-the-env");
        assertThat(location.toString()).doesNotContain("from-the-env");
        assertThat(location.redact("echo: from-the-env")).isEqualTo("echo: ****");
    }

    @Test
    void anotherDatabaseIsRefusedInOneSentenceWithoutItsPassword() {
        assertThatThrownBy(() -> StoreLocation.parse("jdbc:mysql://h/db?password=s3cr3t").vendor())
                .isInstanceOf(StoreException.class)
                .hasMessage("kosmi-recorder cannot keep captures in a jdbc:mysql: database; pass a path, a jdbc:h2: URL or a jdbc:postgresql: URL to --db");
    }
}
