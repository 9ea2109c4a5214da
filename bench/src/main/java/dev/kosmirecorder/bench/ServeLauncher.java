package dev.kosmirecorder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code serve} as a user starts it: the project's launcher ({@code ./kosmi-recorder serve …}), which gives the JVM
 * its default heap ({@code -Xmx1g}) and then execs {@code java -jar}, so the process's pid is the JVM's. A
 * {@code KOSMI_JAVA_OPTS} in the benchmark's own environment is removed: the figures are for the defaults.
 */
final class ServeLauncher {
    private ServeLauncher() {
    }

    static ProcessBuilder serve(Path project, String... arguments) {
        Path launcher = project.resolve("kosmi-recorder");
        Path jar = project.resolve("cli/target/kosmi-recorder.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("no launcher and built jar under " + project
                    + "; run the benchmarks with bench/run, which builds the jar");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "serve"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("KOSMI_JAVA_OPTS");
        return builder;
    }
}
