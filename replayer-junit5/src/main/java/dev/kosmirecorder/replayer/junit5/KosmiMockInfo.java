package dev.kosmirecorder.replayer.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.JournalFilter;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.replayer.MockAdmin;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The running mock as a test sees it: its URLs ({@code POST} to {@link #httpUrl()}, connect to {@link #wsUrl()}),
 * what the client sent ({@link #sent(String)}, {@link #verify(Sent)}), and {@link #push} to drive the client.
 * Injected as a test-method parameter; the journal it reads is emptied before each test.
 */
public final class KosmiMockInfo {
    private final KosmiMock mock;

    KosmiMockInfo(KosmiMock mock) {
        this.mock = mock;
    }

    /** {@code http://127.0.0.1:PORT/}: where {@code POST /} goes. */
    public URI httpUrl() {
        return mock.url();
    }

    /** {@code ws://127.0.0.1:PORT/gql-ws}. */
    public URI wsUrl() {
        return mock.wsUrl();
    }

    public int port() {
        return mock.port();
    }

    /** A path on the mock, for example {@code url("/__admin/journal")}. */
    public URI url(String path) {
        return mock.url(path);
    }

    /** Everything the client sent during this test, oldest first: every frame and every {@code POST /}. */
    public List<JournalEntry> journal() {
        return admin().journal();
    }

    /**
     * The times the client sent {@code operation} (a WebSocket {@code start}/{@code subscribe} or a {@code POST /}),
     * oldest first; {@link JournalEntry#payload()} is what it sent, {@link JournalEntry#variables()} its variables.
     */
    public List<JournalEntry> sent(String operation) {
        return admin().journal(JournalFilter.all().operation(operation));
    }

    /** Fails, showing what was sent and the closest match, unless the client sent the pattern at least once. */
    public void verify(Sent pattern) {
        Verification.verify(journal(), null, pattern);
    }

    /** Fails unless the client sent the pattern exactly {@code times} times ({@code 0}: never). */
    public void verify(int times, Sent pattern) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0: " + times);
        }
        Verification.verify(journal(), times, pattern);
    }

    /**
     * Sends a GraphQL result to every live client running {@code operation}, each in its dialect and with its id;
     * answers how many got it.
     *
     * @param result a JSON object such as {@code {"data":{"newMessage":{…}}}}
     */
    public int push(String operation, String result) {
        try {
            return push(operation, Json.MAPPER.readTree(result));
        } catch (IOException e) {
            throw new IllegalArgumentException("the result to push is not JSON: " + e.getMessage(), e);
        }
    }

    /** Like {@link #push(String, String)}, with the result as a Jackson tree. */
    public int push(String operation, JsonNode result) {
        return admin().push(operation, result);
    }

    /** Sends the {@code n}th (from 1) result the recording shows for {@code operation} to its live clients. */
    public int pushRecorded(String operation, int n) {
        return admin().pushRecorded(operation, n);
    }

    /** Empties the journal (the extension already does before each test). */
    public void clearJournal() {
        admin().clearJournal();
    }

    /** The mock itself, for what this class does not cover (audit, admin). */
    public KosmiMock mock() {
        return mock;
    }

    private MockAdmin admin() {
        return mock.admin();
    }

    @Override
    public String toString() {
        return "KosmiMockInfo{" + mock + "}";
    }
}
