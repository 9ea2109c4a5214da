package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's answer to {@code connection_init}: accepted once, refused without a token this run issued (or the
 * recorded one) when the mock checks tokens, else answered with the recorded frames, an ack first when the recording
 * shows none. Apart from {@link Conversation} because it is the only part that knows about tokens; the rest only
 * needs to know when the ack has gone out.
 */
final class ConnectionInit {
    /** The ack sent when the recording shows none. */
    private static final ScriptedFrame SYNTHETIC_ACK =
            new ScriptedFrame(0, JsonNodeFactory.instance.objectNode().put("type", "connection_ack"));

    private final MockContext ctx;
    private final DialectRules rules;
    private final FaultPlan faults;
    private final Conversation conversation;

    ConnectionInit(MockContext ctx, DialectRules rules, FaultPlan faults, Conversation conversation) {
        this.ctx = ctx;
        this.rules = rules;
        this.faults = faults;
        this.conversation = conversation;
    }

    void received(ObjectNode m) {
        if (!conversation.initialise()) {
            conversation.close(4429, "Too many initialisation requests");
            return;
        }
        if (ctx.settings().checksTokens()) {
            Optional<String> tokenRefusal = tokenRefusal(m.get("payload"));
            if (tokenRefusal.isPresent()) {
                if (rules.explainsBeforeClosing()) {
                    ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", "connection_error");
                    error.putObject("payload").put("message", tokenRefusal.get());
                    conversation.send(error);
                }
                conversation.close(4403, "Forbidden: " + tokenRefusal.get());
                return;
            }
        }
        List<ScriptedFrame> answers = ctx.script().initAnswers();
        if (answers.stream().noneMatch(f -> f.type().equals("connection_ack"))) {
            List<ScriptedFrame> withAck = new ArrayList<>();
            withAck.add(SYNTHETIC_ACK);
            withAck.addAll(answers);
            answers = withAck;
        }
        conversation.playback().play(new Chain(answers, System.nanoTime() + faults.slowAckNanos(), null, null));
    }

    /** Why the token in a {@code connection_init} payload is refused, or empty when it is one the mock accepts. */
    private Optional<String> tokenRefusal(JsonNode payload) {
        String token = null;
        if (payload != null && payload.path("token").isTextual()) {
            token = payload.get("token").asText();
        } else if (payload != null) {
            token = Jwt.findIn(Json.compact(payload)).map(Jwt::raw).orElse(null);
        }
        if (token == null || token.isBlank()) {
            return Optional.of("connection_init carries no token; put the token from POST / in payload.token");
        }
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (ctx.wsSigner().issued(token, Instant.now()) || ctx.script().isRecordedToken(token)) {
            return Optional.empty();
        }
        return Optional.of("the token was not issued by this mock run and is not the recorded one; get a fresh one from POST /");
    }
}
