package dev.kosmirecorder.replayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.JournalFilter;
import org.junit.jupiter.api.Test;

class JournalTest {

    @Test
    void keepsOnlyTheNewestEntriesOldestFirst() {
        Journal journal = new Journal(3, Long.MAX_VALUE);
        for (int i = 1; i <= 5; i++) {
            journal.clientFrame(1, ping(i), 10);
        }
        assertThat(journal.find(JournalFilter.all()).entries()).extracting(JournalEntry::seq).containsExactly(3L, 4L, 5L);
        assertThat(journal.find(JournalFilter.all()).next()).isEqualTo(5);
    }

    @Test
    void dropsTheOldestWhenTheFramesGrowTooLarge() {
        Journal journal = new Journal(100, 25);
        for (int i = 1; i <= 4; i++) {
            journal.clientFrame(1, ping(i), 10);
        }
        assertThat(journal.find(JournalFilter.all()).entries()).extracting(JournalEntry::seq).containsExactly(3L, 4L);
    }

    @Test
    void namesTheOperationOfAStartFromItsQueryWhenTheClientGaveNoName() {
        Journal journal = new Journal();
        ObjectNode start = JsonNodeFactory.instance.objectNode().put("type", "subscribe").put("id", "s1");
        start.putObject("payload").put("query", "subscription OnJoin { memberJoins { id } }");
        journal.clientFrame(2, start, 60);
        journal.clientFrame(2, ping(1), 10);
        assertThat(journal.find(JournalFilter.all().operation("OnJoin")).entries()).singleElement()
                .satisfies(e -> {
                    assertThat(e.connection()).isEqualTo(2);
                    assertThat(e.id()).isEqualTo("s1");
                    assertThat(e.isStart()).isTrue();
                });
        assertThat(journal.find(JournalFilter.all().type("ping")).entries()).singleElement()
                .satisfies(e -> assertThat(e.operationName()).isNull());
    }

    private static ObjectNode ping(int i) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("type", "ping");
        m.putObject("payload").put("n", i);
        return m;
    }
}
