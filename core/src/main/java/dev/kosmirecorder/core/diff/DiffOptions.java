package dev.kosmirecorder.core.diff;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What to leave out of a comparison: {@code --ignore PATH}, repeatable. A pattern names a change's path or any
 * path under it ({@code handshake.request.user-agent}, {@code operations.RoomChatQuery.result}); {@code *}
 * matches within one segment, {@code **} across segments.
 */
public record DiffOptions(List<String> ignore) {
    public static final DiffOptions DEFAULT = new DiffOptions(List.of());

    public DiffOptions {
        ignore = List.copyOf(ignore);
        for (String p : ignore) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("an --ignore path is empty; give a path such as handshake.request.user-agent");
            }
        }
    }

    /** True when the change at {@code path} is to be left out. */
    public boolean ignores(String path) {
        for (String p : ignore) {
            if (compile(p).matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // The path itself, or anything below it.
        return Pattern.compile(regex + "(?:[.\\[].*)?", Pattern.CASE_INSENSITIVE);
    }
}
