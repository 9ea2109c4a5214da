package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The default runnable jar is free of the AGPL-3.0 cdp4j driver, and says how to get it when asked for it. */
@Timeout(120)
class JarContentsIT {
    @TempDir
    Path dir;

    static Path jar(String name) {
        String project = System.getProperty("kosmi.project.dir");
        Path root = project != null ? Path.of(project) : Path.of("..").toAbsolutePath().normalize();
        return root.resolve("cli/target").resolve(name);
    }

    static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    static String entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry e = file.getJarEntry(name);
            return e == null ? "" : new String(file.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDefaultJarHoldsNoCdp4jClass() throws Exception {
        Path jar = jar("kosmi-recorder.jar");
        List<String> entries = entries(jar);
        assertThat(entries).as("the jar's own classes").contains("dev/kosmirecorder/cli/Main.class",
                "dev/kosmirecorder/recorder/NetworkBrowserFactory.class");
        // CDP4J's classes live in io/webfolder/cdp/ (with its shaded Gson and WebSocket client under it).
        assertThat(entries).filteredOn(e -> e.startsWith("io/webfolder/") || e.startsWith("dev/kosmirecorder/recorder/cdp4j/")
                || e.startsWith("META-INF/kosmi-recorder-cdp4j/")).isEmpty();
        assertThat(entry(jar, "META-INF/services/dev.kosmirecorder.recorder.NetworkBrowserFactory")).isEmpty();
    }

    @Test
    void theDefaultJarNamesTheBuildFlagForDriverCdp4j() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar("kosmi-recorder.jar").toString(), "record", "http://127.0.0.1:9/", "--driver", "cdp4j", "--db",
                dir.resolve("store").toString()));
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("kosmi-recorder: the cdp4j driver is not part of this build; build kosmi-recorder with "
                + "mvn -Pcdp4j package and run cli/target/kosmi-recorder-cdp4j.jar, or use --driver cdp (the default)");
    }
}
