package dev.kosmirecorder.core.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two captures (API drift): the entry point of {@code diff}. Each side is reduced to a
 * bounded {@link CaptureProfile} in one pass over its frames, then the profiles are compared.
 */
public final class CaptureDiff {
    private CaptureDiff() {
    }

    public static CaptureProfile profile(DiffInput source) {
        ProfileBuilder builder = new ProfileBuilder(source.label());
        source.capture().exchanges().forEach(builder::exchange);
        source.capture().connections().forEach(builder::connection);
        source.forEachFrame(builder::frame);
        return builder.build();
    }

    public static DiffReport compare(DiffInput a, DiffInput b, DiffOptions options) {
        return compare(profile(a), profile(b), options);
    }

    public static DiffReport compare(CaptureProfile a, CaptureProfile b, DiffOptions options) {
        List<Change> kept = new ArrayList<>();
        int ignored = 0;
        for (Change c : ProfileDiff.compare(a, b)) {
            if (options.ignores(c.path())) {
                ignored++;
            } else {
                kept.add(c);
            }
        }
        return new DiffReport(a, b, kept, ignored);
    }
}
