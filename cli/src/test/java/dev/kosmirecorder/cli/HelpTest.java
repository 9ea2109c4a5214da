package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help teaches by example, every example parses, and the README documents the flags the code has. */
class HelpTest {
    private static final Pattern INVOCATION = Pattern.compile("kosmi-recorder((?: [^|>&)]*)?)");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    static Stream<String> commands() {
        return Main.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    private static String help(String command) {
        CliRunner r = CliRunner.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        return r.out();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithTwoToFourExamplesThatParse(String command) {
        String help = help(command);
        int at = help.indexOf("\nExamples:\n");
        assertThat(at).as(command + " --help has an Examples section:\n" + help).isPositive();
        List<String> examples = help.substring(at + "\nExamples:\n".length()).lines()
                .takeWhile(line -> line.startsWith("  ")).map(String::strip).toList();
        assertThat(examples).as(help).hasSizeBetween(2, 4);
        for (String example : examples) {
            for (List<String> args : invocations(example)) {
                CommandLine cli = Main.commandLine();
                try {
                    cli.parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError("example '" + example + "' of " + command + " --help does not parse: " + e.getMessage(), e);
                }
            }
            assertThat(invocations(example)).as(example).isNotEmpty();
        }
    }

    @Test
    void theTopHelpHasExamplesAndTheExitCodes() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.out()).contains("Examples:", ExitCodes.SUMMARY.substring(0, 40));
        String tail = r.out().substring(r.out().indexOf("Examples:"));
        for (String line : tail.lines().skip(1).takeWhile(l -> l.startsWith("  ")).toList()) {
            invocations(line).forEach(args -> Main.commandLine().parseArgs(args.toArray(String[]::new)));
        }
    }

    /** Each {@code kosmi-recorder ...} in a shell line, as the argument list the shell would pass (pipes cut off). */
    static List<List<String>> invocations(String shellLine) {
        List<List<String>> all = new ArrayList<>();
        Matcher m = INVOCATION.matcher(shellLine.replace("\\\"", "\""));
        while (m.find()) {
            List<String> args = new ArrayList<>();
            Matcher w = WORD.matcher(m.group(1));
            while (w.find()) {
                args.add(w.group(1) != null ? w.group(1) : w.group(2) != null ? w.group(2) : w.group(3));
            }
            all.add(args);
        }
        return all;
    }

    @Test
    void theReadmesCommandTableNamesEveryFlagOfEveryCommandAndNoOther() throws IOException {
        Map<String, Set<String>> documented = documentedFlags(Files.readString(readme()));
        CommandLine root = Main.commandLine();
        Map<String, Set<String>> parsed = new TreeMap<>();
        commands().forEach(name -> parsed.put(name, flags(root.getSubcommands().get(name).getCommandSpec(), false)));
        assertThat(documented.keySet()).as("commands in the README's table").containsExactlyInAnyOrderElementsOf(parsed.keySet());
        for (String command : parsed.keySet()) {
            Set<String> accepted = flags(root.getSubcommands().get(command).getCommandSpec(), true);
            assertThat(documented.get(command)).as("flags of '" + command + "' in the README's table vs. its --help")
                    .containsAll(parsed.get(command)).isSubsetOf(accepted);
        }
    }

    /** Long option names a user sees (with {@code hidden}, also the old names kept as aliases); not --help/--version/--db. */
    private static Set<String> flags(CommandSpec spec, boolean hidden) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden() && !hidden || o.usageHelp() || o.versionHelp() || o.longestName().equals("--db")) {
                continue;
            }
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** The table under "## Commands": a row per command, its first cell starting with the command's name. */
    static Map<String, Set<String>> documentedFlags(String readme) {
        String section = readme.substring(readme.indexOf("\n## Commands\n"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        Map<String, Set<String>> flags = new TreeMap<>();
        Pattern row = Pattern.compile("(?m)^\\| `([a-z]+)[^|]*?(?:\\\\\\|[^|]*)*\\|.*$");
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            Matcher f = FLAG.matcher(line);
            while (f.find()) {
                names.add(f.group());
            }
            names.remove("--db");
            names.remove("--help");
            flags.put(m.group(1), names);
        }
        return flags;
    }

    static Path readme() {
        String project = System.getProperty("kosmi.project.dir");
        Path root = project != null ? Path.of(project) : Path.of("..").toAbsolutePath().normalize();
        return root.resolve("README.md");
    }
}
