package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's CI recipe, run as a Python user would: examples/python/bot_test.py starts {@code serve --port 0} from
 * the shaded jar, reads its listening line and port file, and checks journal and push with Debian's websockets.
 */
@Timeout(180)
class PythonExampleIT {

    @Test
    void thePythonExamplePassesAgainstTheRealServe() throws Exception {
        Path root = ServeCommandIT.jar().getParent().getParent().getParent();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        Path log = Files.createTempFile("kosmi-python-example", ".log");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "examples/python/bot_test.py").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KOSMI_RECORDER", "java -jar " + ServeCommandIT.jar());
        Process process = pb.start();
        try {
            boolean ended = process.waitFor(150, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("the example did not end in time; it printed:%n%s", output).isTrue();
            assertThat(process.exitValue()).as("the example failed (needs python3-websockets); it printed:%n%s", output).isZero();
            assertThat(output).contains("journal has the mutation: ", "pushed message arrived: pushed by the test").endsWith("ok\n");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
