package dev.kosmirecorder.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * The result of comparing capture A with capture B: the changes (empty when the captures agree), how many
 * changes {@code --ignore} left out, and both profiles for the per-operation traffic figures.
 */
public record DiffReport(CaptureProfile a, CaptureProfile b, List<Change> changes, int ignored) {
    public DiffReport {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        changes = List.copyOf(changes);
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    @Override
    public String toString() {
        return "DiffReport{" + a.label() + " vs " + b.label() + ", " + changes.size() + " changes}";
    }
}
