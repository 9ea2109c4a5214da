package dev.kosmirecorder.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code kosmi-recorder} command in a JVM of its own (the test class path), its stdout and stderr (where the
 * CLI's log lines go too) kept in files: for what only a real process shows, such as its logs and its exit.
 */
final class CommandProcess implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path out;
    private final Path err;

    private CommandProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code args} with {@code env} added to this JVM's environment, its output kept under {@code dir}. */
    static CommandProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        int run = RUNS.incrementAndGet();
        Path out = dir.resolve("run-" + run + ".out");
        Path err = dir.resolve("run-" + run + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new CommandProcess(pb.start(), out, err);
    }

    /** Runs a command to its end (at most four minutes: a loaded CI machine starts JVMs slowly) and returns its exit code. */
    static CommandProcess run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        CommandProcess p = start(dir, env, args);
        if (!p.process.waitFor(240, TimeUnit.SECONDS)) {
            p.close();
            throw new AssertionError("kosmi-recorder " + String.join(" ", args) + " did not end within 240 s; stderr: " + p.err());
        }
        return p;
    }

    /** Waits until stdout contains {@code text}. */
    CommandProcess awaitOut(String text) {
        await().atMost(Duration.ofSeconds(60)).until(() -> out().contains(text) || !process.isAlive());
        if (!out().contains(text)) {
            throw new AssertionError("the command ended without printing '" + text + "'; stdout: " + out() + " stderr: " + err());
        }
        return this;
    }

    int exitCode() {
        return process.exitValue();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    /** Everything the process printed, both streams. */
    String all() {
        return out() + err();
    }

    /** Stops the process as Ctrl-C would (SIGTERM runs the same shutdown path) and waits for it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
