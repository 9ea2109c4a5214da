package dev.kosmirecorder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs every benchmark at tiny sizes so the harness cannot rot; asserts that figures come out, never a time. */
@Timeout(600)
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkProducesAFigureAndTheReportIsWritten(@TempDir Path dir) throws Exception {
        List<Figure> figures = BenchmarkMain.run(BenchmarkMain.Sizes.SMOKE);
        assertThat(figures).isNotEmpty().allSatisfy(f -> {
            assertThat(f.candidate().median()).isPositive();
            if (f.baseline() != null) {
                assertThat(f.baseline().median()).isPositive();
                assertThat(f.ratio()).isPositive();
            }
        });
        Path out = dir.resolve("BENCHMARKS.md");
        BenchmarkReport.write(out, BenchmarkReport.markdown(figures, 1, true, BenchmarkMain.COMMAND));
        assertThat(Files.readString(out)).contains("Smoke run", "| figure |", "JVM", "Replay at speed 0 to 5 clients", "audited as serve does", "Ingest",
                "Capture from a browser", "Timing at speed 1", "launch to /__admin/health", "resident memory", "middle page filtered by operation",
                "frames on PostgreSQL: middle page filtered by operation",
                "diff of two 5,000-frame sessions", "diff of two 5,000-frame sessions: peak heap",

                "import a HAR of 1,000 WebSocket messages", "against the HAR's size", "export that session as HAR");
        // Every row of the figure table has its six cells, even a figure whose name holds a pipe (the timing ones).
        List<String> lines = Files.readAllLines(out);
        List<String> table = lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("| figure |")).findFirst().orElseThrow()),
                lines.size());
        table = table.subList(0, table.indexOf(""));
        assertThat(table).hasSize(figures.size() + 2)
                .allSatisfy(row -> assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isEqualTo(7));
        // The replay figures count failed clients; at smoke sizes there must be none, against mock or baseline.
        assertThat(figures).filteredOn(f -> f.name().startsWith("Replay")).allSatisfy(f ->
                assertThat(f.note()).contains("mock 0, bare endpoint 0"));
        // Zero frames lost is the capture figure's goal, a count rather than a time: at smoke size it must hold.
        assertThat(figures).filteredOn(f -> f.name().startsWith("Capture from a browser")).singleElement().satisfies(f -> {
            assertThat(f.goalHolds()).as(f.note()).isTrue();
            assertThat(f.note()).contains("(warm-up included): 0 (");
        });
    }

    @Test
    void aZeroGoalHoldsOnlyWhenItsCountIsZeroWhateverTheFigure() {
        Stats fast = Stats.of(List.of(1_000.0));
        Figure none = new Figure("f", "frames/s", fast, fast, "b", Figure.Goal.zero("frames lost", 0), null);
        Figure one = new Figure("f", "frames/s", fast, fast, "b", Figure.Goal.zero("frames lost", 1), null);
        assertThat(none.goalHolds()).isTrue();
        assertThat(one.goalHolds()).isFalse();
        assertThat(one.goal().text()).isEqualTo("0 frames lost (1 over all runs)");
    }

    @Test
    void statsTakeTheMedianAndSpread() {
        Stats s = Stats.of(List.of(10.0, 30.0, 20.0, 12.0));
        assertThat(s.median()).isEqualTo(16.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.spreadPercent()).isEqualTo(62.5);
    }
}
