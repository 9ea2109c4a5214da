package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** serve's idle give-back of heap: set on G1 from inside the process, never over a value the user chose. */
class ServeHeapTest {

    @Test
    void aG1ProcessGetsThePeriodicCollectionAndTheTightFreeRatios() throws Exception {
        String printed = runIn("-XX:+UseG1GC");
        assertThat(printed).isEqualTo("{MinHeapFreeRatio=5, MaxHeapFreeRatio=10, G1PeriodicGCInterval=10000} 5 10 10000");
    }

    @Test
    void aValueTheUserChoseIsKept() throws Exception {
        String printed = runIn("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=50");
        assertThat(printed).isEqualTo("{MinHeapFreeRatio=5, G1PeriodicGCInterval=10000} 5 50 10000");
    }

    @Test
    void anotherCollectorIsLeftAlone() throws Exception {
        assertThat(runIn("-XX:+UseSerialGC")).isEqualTo("{} 40 70 0");
    }

    /** A fresh JVM with {@code options}: what giveBackWhenQuiet set, then the three flags as the JVM has them after. */
    private static String runIn(String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The child JVM's main. */
    public static final class Child {
        public static void main(String[] args) {
            var set = ServeHeap.giveBackWhenQuiet();
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println(set + " " + vm.getVMOption("MinHeapFreeRatio").getValue() + " "
                    + vm.getVMOption("MaxHeapFreeRatio").getValue() + " " + vm.getVMOption("G1PeriodicGCInterval").getValue());
        }
    }
}
