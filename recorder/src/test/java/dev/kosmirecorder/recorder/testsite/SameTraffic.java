package dev.kosmirecorder.recorder.testsite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import java.util.List;

/**
 * Assertions that a capture's frames are what the server end of the socket saw: payload by payload, opcode and
 * direction, in order within each direction. The order across directions is not compared: it legitimately differs
 * between the two ends of a socket (a server frame and a client frame cross on the wire).
 */
public final class SameTraffic {
    private SameTraffic() {
    }

    /** Every frame the server saw, and nothing else. */
    public static void assertSameFrames(List<Frame> captured, List<Frame> seenByServer) {
        for (Direction d : Direction.values()) {
            assertThat(of(captured, d)).as(d + " frames").hasSameSizeAs(of(seenByServer, d));
        }
        assertPrefix(captured, seenByServer);
    }

    /** In each direction, the first frames the server saw (a recorder killed mid-burst keeps what it committed). */
    public static void assertPrefix(List<Frame> captured, List<Frame> seenByServer) {
        for (Direction d : Direction.values()) {
            List<Frame> mine = of(captured, d);
            List<Frame> theirs = of(seenByServer, d);
            assertThat(mine.size()).as(d + " frames captured, of those the server saw").isLessThanOrEqualTo(theirs.size());
            for (int i = 0; i < mine.size(); i++) {
                assertThat(mine.get(i).opcode()).as(d + " frame " + i + " opcode").isEqualTo(theirs.get(i).opcode());
                assertThat(mine.get(i).payload().bytes()).as(d + " frame " + i).isEqualTo(theirs.get(i).payload().bytes());
            }
        }
    }

    private static List<Frame> of(List<Frame> frames, Direction d) {
        return frames.stream().filter(f -> f.direction() == d).toList();
    }
}
