package dev.kosmirecorder.webui.internal;

import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Moving through a session's frames without offsets, built only on the store's forward keyset pages: the page
 * that ends just before a seq (the frame table's "previous page" after a jump, or the arrow key at the top of a
 * page), and the first frame at or after a time (jump to a time, a click on the timeline).
 *
 * <p>Both cost a few forward pages, whatever the depth. A page before a seq reads the seq window just below it,
 * wider each round (by what the last window's matches say a page needs, at least four times) until it holds a
 * page of matches; without filters, seqs are dense, so the first window is exact. With a free-text filter each
 * window is scanned (as forward pages scan for their matches), and a window short of matches can read past its
 * end until the store's page is full. A time is found by a galloping then binary search over seqs, each probe a
 * one-frame page, because a session's frames are in time order when they are in seq order (the recorder numbers
 * them as they arrive).
 */
public final class FrameSeek {
    private FrameSeek() {
    }

    /** A page of frames, {@code next} as in {@link FramePage}, and whether no matching frame comes before it. */
    public record Page(List<Frame> frames, long next, boolean atStart) {
        public Page {
            frames = List.copyOf(frames);
        }
    }

    /**
     * The last {@code query.limit()} frames matching {@code query}'s filters whose seq is below {@code beforeSeq},
     * in seq order; {@code query.afterSeq()} is ignored. When fewer than a page of matches come before it, the
     * first page is returned instead, as a table would show when paging back to the start.
     */
    public static Page before(CaptureStore store, FrameQuery query, long beforeSeq) {
        int limit = query.limit();
        long width = limit;
        while (true) {
            long from = Math.max(-1, beforeSeq - 1 - width);
            Deque<Frame> last = lastMatchesBetween(store, query, from, beforeSeq);
            if (last.size() >= limit) {
                List<Frame> frames = new ArrayList<>(last);
                return new Page(frames, frames.get(frames.size() - 1).seq(), isFirstMatch(store, query, frames.get(0)));
            }
            if (from < 0) {
                FramePage first = store.frames(query.after(-1));
                return new Page(first.frames(), first.nextAfterSeq(), true);
            }
            // Widen by what the window's matches say a page needs (sparse filters), and at least four times.
            double wanted = width * 1.25 * limit / Math.max(1, last.size());
            width = (long) Math.min(Math.max(width * 4.0, wanted), Long.MAX_VALUE / 8.0);
        }
    }

    /**
     * Whether no frame matching the query comes before {@code f}: one indexed row to read, except with a text
     * filter, where finding the first match could scan the session from its start; then the answer is "maybe"
     * (false), and a Previous from there shows the first page.
     */
    private static boolean isFirstMatch(CaptureStore store, FrameQuery query, Frame f) {
        if (query.text() != null) {
            return false;
        }
        List<Frame> first = store.frames(new FrameQuery(query.sessionId(), query.connectionId(), query.direction(), query.type(),
                query.operation(), null, -1, 1)).frames();
        return !first.isEmpty() && first.get(0).seq() == f.seq();
    }

    /** The last {@code limit} matching frames with {@code from < seq < beforeSeq}, paging forward through the window. */
    private static Deque<Frame> lastMatchesBetween(CaptureStore store, FrameQuery query, long from, long beforeSeq) {
        int limit = query.limit();
        // Pages of the query's own size: a filter's index walk reads a page of matches even past beforeSeq.
        Deque<Frame> last = new ArrayDeque<>(limit + 1);
        long after = from;
        while (true) {
            FramePage page = store.frames(new FrameQuery(query.sessionId(), query.connectionId(), query.direction(),
                    query.type(), query.operation(), query.text(), after, limit));
            for (Frame f : page.frames()) {
                if (f.seq() >= beforeSeq) {
                    return last;
                }
                last.addLast(f);
                if (last.size() > limit) {
                    last.removeFirst();
                }
            }
            if (!page.hasMore() || page.nextAfterSeq() >= beforeSeq - 1) {
                return last;
            }
            after = page.nextAfterSeq();
        }
    }

    /** The first frame (in seq order, ignoring filters) whose time is at or after {@code micros}, if there is one. */
    public static Optional<Frame> atOrAfter(CaptureStore store, String sessionId, long micros) {
        Optional<Frame> first = firstFrom(store, sessionId, 0);
        if (first.isEmpty() || first.get().timeMicros() >= micros) {
            return first;
        }
        // Invariant: low is a frame before the time (so are all before it); found is the first frame from seq high
        // on if that one is at or after the time, else null; the answer is in (low, high) or is found.
        Frame low = first.get();
        Frame found = null;
        long high;
        long step = 1024;
        while (true) {
            Optional<Frame> probe = firstFrom(store, sessionId, low.seq() + step);
            if (probe.isEmpty()) {
                high = low.seq() + step;
                break;
            }
            if (probe.get().timeMicros() >= micros) {
                found = probe.get();
                high = found.seq();
                break;
            }
            low = probe.get();
            step = Math.min(step * 2, Long.MAX_VALUE / 4);
        }
        while (high - low.seq() > 1) {
            long mid = low.seq() + (high - low.seq()) / 2;
            Optional<Frame> probe = firstFrom(store, sessionId, mid);
            if (probe.isEmpty() || probe.get().seq() >= high) {
                high = mid;
            } else if (probe.get().timeMicros() >= micros) {
                found = probe.get();
                high = found.seq();
            } else {
                low = probe.get();
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Frame> firstFrom(CaptureStore store, String sessionId, long seq) {
        return store.frames(FrameQuery.firstPage(sessionId, 1).after(seq - 1)).frames().stream().findFirst();
    }
}
