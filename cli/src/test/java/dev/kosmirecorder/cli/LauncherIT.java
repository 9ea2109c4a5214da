package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script at the repository root, run from an empty folder as a new user would. */
@Timeout(300)
class LauncherIT {
    @TempDir
    Path emptyFolder;

    record Result(int exitCode, String out, String err) { }

    static Path launcher() {
        String project = System.getProperty("kosmi.project.dir");
        Path root = project != null ? Path.of(project) : Path.of("..").toAbsolutePath().normalize();
        return root.resolve("kosmi-recorder");
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(emptyFolder.toFile())
                .redirectOutput(emptyFolder.resolve(".out").toFile())
                .redirectError(emptyFolder.resolve(".err").toFile())
                .start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish: " + command);
        }
        return new Result(p.exitValue(), Files.readString(emptyFolder.resolve(".out"), StandardCharsets.UTF_8),
                Files.readString(emptyFolder.resolve(".err"), StandardCharsets.UTF_8));
    }

    @Test
    void helpAndAnEmptyListWorkInAnEmptyFolder() throws Exception {
        Result help = run("--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: kosmi-recorder", "list", "export");

        Result list = run("list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().strip()).isEqualTo("[ ]");
        Path db = emptyFolder.resolve("captures/kosmi-recorder.mv.db");
        assertThat(list.err()).contains("there is no store at " + db + " yet").doesNotContain("WARN");
        assertThat(db).as("a read command creates no store").doesNotExist();
    }

    @Test
    void showOfAnUnknownIdExitsOneWithOneSentence() throws Exception {
        Result show = run("show", "doesnotexist");
        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err().strip()).endsWith("kosmi-recorder: there is no store at " + emptyFolder.resolve("captures/kosmi-recorder.mv.db")
                + "; pass the --db of an existing store (import, record and serve create one)");
        assertThat(show.out()).isEmpty();
    }
}
