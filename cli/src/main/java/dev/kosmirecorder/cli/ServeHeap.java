package dev.kosmirecorder.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@code serve} process keeps its memory small over days of mostly idle running. G1 grows the heap under a
 * burst of clients (towards the launcher's {@code -Xmx1g}) and, left alone, keeps it after the clients have gone:
 * 820 MiB resident at rest after 200 clients in one measurement, for 103 MB of live objects. So once started,
 * serve collects the start-up garbage, and asks G1 for a periodic collection after {@value #QUIET_MILLIS} ms without
 * one (JEP 346) that gives back the heap beyond {@value #MAX_FREE_PERCENT}% free: 319 MiB resident 20 s after such a
 * burst. These are manageable flags, so {@code java -jar} gets them as much as the launcher, and a value the user set
 * on the command line is left as it is. Library users of the mock (tests) are not touched: this is the process's policy.
 */
final class ServeHeap {
    static final long QUIET_MILLIS = 10_000;
    static final int MAX_FREE_PERCENT = 10;
    static final int MIN_FREE_PERCENT = 5;

    private ServeHeap() {
    }

    /** Called once serve is up: returns the start-up garbage to the OS and sets the idle give-back. */
    static Map<String, String> startedUp() {
        // The capture as read (a fixture's JSON, its frames) is garbage now that the replay script holds what it
        // needs: one full collection returns that heap to the OS, so a serve that runs for days starts small.
        System.gc();
        return giveBackWhenQuiet();
    }

    /** The flags this call set, by name (none when the JVM is not G1, has no such flags, or the user set them). */
    static Map<String, String> giveBackWhenQuiet() {
        Map<String, String> set = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (LinkageError | IllegalArgumentException e) {
            return set; // a runtime without jdk.management: the JVM's own defaults then
        }
        if (vm == null || !"true".equals(value(vm, "UseG1GC"))) {
            return set;
        }
        // Min before max: the JVM refuses a minimum above the maximum in force.
        setUnlessChosen(vm, "MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT), set);
        setUnlessChosen(vm, "MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT), set);
        setUnlessChosen(vm, "G1PeriodicGCInterval", Long.toString(QUIET_MILLIS), set);
        return set;
    }

    private static void setUnlessChosen(HotSpotDiagnosticMXBean vm, String flag, String value, Map<String, String> set) {
        try {
            VMOption option = vm.getVMOption(flag);
            if (option.getOrigin() != VMOption.Origin.DEFAULT && option.getOrigin() != VMOption.Origin.ERGONOMIC) {
                return;
            }
            vm.setVMOption(flag, value);
            set.put(flag, value);
        } catch (IllegalArgumentException e) {
            // No such flag in this JVM, or a value it refuses next to one the user chose: keep what it has.
        }
    }

    private static String value(HotSpotDiagnosticMXBean vm, String flag) {
        try {
            return vm.getVMOption(flag).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
