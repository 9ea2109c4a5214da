package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.Frame;
import java.util.List;

/** A page of frames; {@code nextAfterSeq} is the cursor for the next page, or -1 when this page is the last. */
public record FramePage(List<Frame> frames, long nextAfterSeq) {
    public FramePage {
        frames = List.copyOf(frames);
    }

    public boolean hasMore() {
        return nextAfterSeq >= 0;
    }
}
