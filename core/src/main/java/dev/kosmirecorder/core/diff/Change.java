package dev.kosmirecorder.core.diff;

import java.util.Objects;

/**
 * One difference between capture A and capture B. {@code path} names what changed, starting with the section
 * ({@code operations.SendMessage.variables.roomId}, {@code handshake.response.server}, ...); {@code before} and
 * {@code after} say what it was and became in words ({@code string}, {@code "4364"}), null where it did not exist.
 */
public record Change(Section section, ChangeKind kind, String path, String before, String after) {
    public Change {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /** The change as one changelog line (without escaping: the caller escapes for its medium). */
    public String describe() {
        return switch (kind) {
            case ADDED -> "added " + path + (after == null || after.isEmpty() ? "" : " (" + after + ")");
            case REMOVED -> "removed " + path + (before == null || before.isEmpty() ? "" : " (" + before + ")");
            case RENAMED -> "renamed " + path + " to " + after;
            case TYPE_CHANGED -> path + ": type " + before + " -> " + after;
            case BECAME_OPTIONAL -> path + ": now optional (was always present)";
            case BECAME_REQUIRED -> path + ": now always present (was optional)";
            case VALUE_CHANGED -> path + ": " + before + " -> " + after;
        };
    }
}
