package dev.kosmirecorder.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use right after any garbage collection during a piece of work: what the work kept alive, without
 * the garbage it had not yet dropped (which depends on the collector and -Xmx, not on the work).
 */
final class LiveHeap implements AutoCloseable {
    private final AtomicLong peakBytes = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;

    /** Starts watching after a full collection, the heap then in use being the starting peak. */
    LiveHeap() {
        System.gc();
        peakBytes.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            // Non-heap pools (metaspace, code cache) are reported too; count only the heap's.
            if (!pool.getKey().contains("Metaspace") && !pool.getKey().contains("Code") && !pool.getKey().contains("Class")) {
                used += pool.getValue().getUsed();
            }
        }
        peakBytes.accumulateAndGet(used, Math::max);
    }

    double peakMiB() {
        return peakBytes.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
