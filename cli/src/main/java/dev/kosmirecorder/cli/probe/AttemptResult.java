package dev.kosmirecorder.cli.probe;

import java.util.Map;

/**
 * What one attempt found: the furthest phase it reached, whether it passed it, the server's HTTP status (0 when it
 * never answered) and the response headers that explain a refusal, the start of any refusal body, the server's
 * answer to {@code connection_init}, and a one-line diagnosis.
 */
public record AttemptResult(Attempt attempt, Phase reached, Outcome outcome, int status, Map<String, String> headers, String body,
                            String answer, String diagnosis) {
    /** How an attempt ended. */
    public enum Outcome { PASS, STOP, SKIPPED }

    public AttemptResult {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        body = body == null ? "" : body;
        answer = answer == null ? "" : answer;
    }

    static AttemptResult skipped(Attempt attempt) {
        return new AttemptResult(attempt, null, Outcome.SKIPPED, 0, Map.of(), "", "", "skipped: " + attempt.skipped());
    }
}
