package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.PushException;
import dev.kosmirecorder.replayer.PushException.Reason;
import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sends one GraphQL result, chosen by a test, to every live client running an operation (SPEC §6 "Push"): as
 * {@code data} to {@code graphql-ws} clients and {@code next} to {@code graphql-transport-ws} ones, each with the id
 * the client gave that operation, through the connection's outbox like any replayed frame (the message is built in the
 * legacy dialect and rendered into each client's own, as recorded frames are).
 */
public final class Push {
    private final MockContext ctx;

    public Push(MockContext ctx) {
        this.ctx = ctx;
    }

    /** Sends {@code result} (a GraphQL result object such as {@code {"data":{…}}}); answers how many got it. */
    public int result(String operation, JsonNode result) {
        requireKnown(operation);
        if (result == null || !result.isObject()) {
            throw new PushException(Reason.BAD_REQUEST, "payload must be a GraphQL result object such as {\"data\":{…}}, got "
                    + (result == null ? "nothing" : GraphQlRequest.cut(Json.compact(result), 80)));
        }
        List<ClientConnection> clients = new ArrayList<>(ctx.live().values());
        clients.sort(Comparator.comparingInt(ClientConnection::id));
        int delivered = 0;
        for (ClientConnection client : clients) {
            for (String id : client.runningIds(operation)) {
                if (client.push(id, message(Dialect.GRAPHQL_WS, id, result))) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** Sends the {@code n}th (from 1) result the recording shows for {@code operation}. */
    public int recorded(String operation, int n) {
        requireKnown(operation);
        List<JsonNode> results = recordedResults(operation);
        if (n < 1 || n > results.size()) {
            throw new PushException(Reason.NO_SUCH_RESULT, "recorded must be 1.." + results.size() + ": the recording has "
                    + results.size() + " result" + (results.size() == 1 ? "" : "s") + " of " + operation + ", asked for " + n);
        }
        return result(operation, results.get(n - 1));
    }

    /** Every result payload the recording shows for an operation, in recorded order. */
    List<JsonNode> recordedResults(String operation) {
        List<JsonNode> results = new ArrayList<>();
        for (RecordedOperation op : ctx.script().operations()) {
            if (operation.equals(op.request().operationName())) {
                for (ScriptedFrame f : op.answers()) {
                    if (f.type().equals("data") || f.type().equals("next")) {
                        payload(f).ifPresent(results::add);
                    }
                }
            }
        }
        return results;
    }

    /** A recorded result's payload, parsed again from its rendered text: the script keeps no JSON trees. */
    private static Optional<JsonNode> payload(ScriptedFrame f) {
        RenderedMessage m = f.legacy() != null ? f.legacy() : f.transport();
        return m == null ? Optional.empty() : Json.parseContainer(m.text()).map(n -> n.get("payload")).filter(JsonNode::isObject);
    }

    private void requireKnown(String operation) {
        if (operation == null || operation.isBlank()) {
            throw new PushException(Reason.BAD_REQUEST, "name the operation: {\"operation\":\"NewMessageSubscription\", "
                    + "\"payload\":{\"data\":{…}}} or {\"operation\":…, \"recorded\":1}");
        }
        List<String> known = ctx.script().operationNames();
        if (!known.contains(operation)) {
            throw new PushException(Reason.UNKNOWN_OPERATION, "the recording has no operation " + GraphQlRequest.cut(operation, 80)
                    + "; it has: " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
    }

    static ObjectNode message(Dialect dialect, String id, JsonNode result) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("type", dialect.resultType());
        m.put("id", id);
        m.set("payload", result);
        return m;
    }
}
