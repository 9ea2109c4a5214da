package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H2's raw messages become one sentence of ours, naming the store by its display form. */
class StoreErrorsTest {
    @Test
    void aValueTooLongIsOurSentence() {
        SQLException h2 = new SQLException("Value too long for column \"URL CHARACTER VARYING(8000)\": \"'http://x/?aaaa…' (8030)\"; "
                + "SQL statement:\nINSERT INTO http_exchange (session_id) VALUES (?) [22001-232]", "22001", 22001);
        String message = StoreErrors.writing("/tmp/store.mv.db", h2, List.of()).getMessage();
        assertThat(message).isEqualTo("the store /tmp/store.mv.db refused a value longer than its column url holds, and kept "
                + "everything else; a store on schema version 3 or later holds such values");
        assertThat(message).doesNotContain("SQL statement").doesNotContain("CHARACTER VARYING");
    }

    @Test
    void otherMessagesLoseTheStatementAndTheCode() {
        SQLException h2 = new SQLException("Table \"FOO\" not found; SQL statement:\nSELECT * FROM foo [42102-232]", "42S02", 42102);
        assertThat(StoreErrors.reading("jdbc:h2:tcp://h/x;PASSWORD=…", h2, List.of()).getMessage())
                .isEqualTo("reading from the store jdbc:h2:tcp://h/x;PASSWORD=… failed: Table \"FOO\" not found");
    }

    @Test
    void aReadOnlyDatabaseSaysHowToWriteIt() {
        SQLException h2 = new SQLException("The database is read only [90097-232]", "90097", 90097);
        assertThat(StoreErrors.writing("/s.mv.db", h2, List.of()).getMessage()).contains("is read-only").contains("chmod u+w");
    }
}
