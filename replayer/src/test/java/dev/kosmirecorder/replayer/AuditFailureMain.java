package dev.kosmirecorder.replayer;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * A mock whose audit store runs the JVM out of heap on its first write of frames, for {@link AuditFailureTest} to
 * start under a small heap: the audit's writer dies of a real {@link OutOfMemoryError}. Prints the mock's URL.
 */
public final class AuditFailureMain {
    private AuditFailureMain() {
    }

    public static void main(String[] args) throws Exception {
        CaptureStore store = AuditFailureTest.failingOnFrames(JdbcCaptureStore.open(StoreLocation.inMemory("oom")), () -> {
            List<byte[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new byte[1 << 20]);
            }
        });
        KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0).auditStore(store).start();
        System.out.println("MOCK " + mock.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
