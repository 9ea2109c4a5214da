package dev.kosmirecorder.replayer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.replayer.internal.GraphQlRequest;
import dev.kosmirecorder.replayer.internal.MockContext;
import dev.kosmirecorder.replayer.internal.OperationMatcher;
import dev.kosmirecorder.replayer.internal.Push;
import dev.kosmirecorder.replayer.internal.ReplayScript.HttpAnswer;
import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import java.util.List;

/**
 * The journal and push of a running {@link KosmiMock}, in process: what {@code /__admin/journal} and
 * {@code /__admin/push} offer over HTTP, for JVM tests. Thread-safe.
 */
public final class MockAdmin {
    private final MockContext ctx;

    MockAdmin(MockContext ctx) {
        this.ctx = ctx;
    }

    /** Everything clients sent (still in the journal), oldest first. */
    public List<JournalEntry> journal() {
        return journal(JournalFilter.all());
    }

    /** What clients sent that the filter accepts, oldest first. */
    public List<JournalEntry> journal(JournalFilter filter) {
        return ctx.journal().find(filter).entries();
    }

    /** Empties the journal (between tests). */
    public void clearJournal() {
        ctx.journal().clear();
    }

    /**
     * Sends {@code result} (such as {@code {"data":{…}}}) to every live client running {@code operation}, in its
     * dialect and with its id; answers how many got it.
     *
     * @throws PushException when the recording has no such operation or the result is not a JSON object
     */
    public int push(String operation, JsonNode result) {
        return new Push(ctx).result(operation, result);
    }

    /** Like {@link #push}, with the {@code n}th (from 1) result the recording shows for {@code operation}. */
    public int pushRecorded(String operation, int n) {
        return new Push(ctx).recorded(operation, n);
    }

    /** The names of the recorded WebSocket operations, in recorded order. */
    public List<String> recordedOperations() {
        return ctx.script().operationNames();
    }

    /** The names of the recorded {@code POST /} operations, in recorded order. */
    public List<String> recordedHttpOperations() {
        return ctx.script().httpOperationNames();
    }

    /**
     * False for an entry the mock could not answer from the recording: a {@code start}/{@code subscribe} or an HTTP
     * request that no recorded operation matches. Other frames are always true.
     */
    public boolean matchesRecording(JournalEntry e) {
        if (e.isStart()) {
            return OperationMatcher.match(ctx.script().operations(), RecordedOperation::request, GraphQlRequest.from(e.payload()))
                    .isPresent();
        }
        if (JournalEntry.HTTP.equals(e.type())) {
            return OperationMatcher.match(ctx.script().http(), HttpAnswer::request, GraphQlRequest.from(e.payload())).isPresent();
        }
        return true;
    }

    @Override
    public String toString() {
        return "MockAdmin{" + ctx.script().name() + "}";
    }
}
