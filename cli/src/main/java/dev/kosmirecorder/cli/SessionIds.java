package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a user may type where a session id goes, as git takes a commit: the whole id, a unique prefix of it, or
 * {@code latest} for the newest session (the first row of {@code list}).
 */
final class SessionIds {
    static final String LATEST = "latest";
    private static final int SHOWN_MATCHES = 5;

    private SessionIds() {
    }

    /** The full id {@code typed} stands for; a one-sentence {@link UserException} when none or several match. */
    static String resolve(CaptureStore store, String typed) {
        String wanted = typed == null ? "" : typed.strip();
        if (wanted.isEmpty()) {
            throw new UserException("the session id is empty; run 'kosmi-recorder list' for the ids in " + store.location());
        }
        if (store.session(wanted).isPresent()) {
            return wanted;
        }
        List<SessionSummary> sessions = store.sessions();
        if (wanted.equalsIgnoreCase(LATEST)) {
            if (sessions.isEmpty()) {
                throw new UserException("there is no latest session: " + store.location() + " holds no sessions yet");
            }
            return sessions.get(0).session().id();
        }
        List<String> matches = sessions.stream().map(s -> s.session().id()).filter(id -> id.startsWith(wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UserException("no session id in " + store.location() + " starts with '" + wanted
                    + "'; run 'kosmi-recorder list' for the ids");
        }
        String shown = matches.stream().limit(SHOWN_MATCHES).collect(Collectors.joining(", "))
                + (matches.size() > SHOWN_MATCHES ? ", …" : "");
        throw new UserException("'" + wanted + "' is the start of " + matches.size() + " session ids (" + shown
                + "); type more of the id");
    }
}
