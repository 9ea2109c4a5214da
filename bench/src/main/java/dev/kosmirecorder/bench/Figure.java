package dev.kosmirecorder.bench;

/**
 * One reported figure: the candidate's measurements, optionally a baseline measured in the same run (so the
 * ratio is trustworthy on a shared machine), the unit, and the goal it is judged against.
 */
public record Figure(String name, String unit, Stats candidate, Stats baseline, String baselineName, Goal goal, String note) {

    /** What a goal judges: the ratio to the baseline, the candidate's own median, or a count kept beside the figure. */
    public enum On { RATIO, VALUE, COUNT }

    /**
     * A goal on the ratio to the baseline, on the candidate's own value, or on a count measured with the figure (for
     * example frames lost over all its runs), which the goal then carries in {@code counted}.
     */
    public record Goal(String text, On on, boolean higherIsBetter, double threshold, long counted) {
        public static Goal ratioAtLeast(double ratio) {
            return new Goal(">= " + ratio + "x baseline", On.RATIO, true, ratio, 0);
        }

        /** For a figure where less is better (memory): the candidate at most {@code ratio} times the baseline. */
        public static Goal ratioAtMost(double ratio) {
            return new Goal("<= " + ratio + "x baseline", On.RATIO, false, ratio, 0);
        }

        public static Goal atMost(double value, String unit) {
            return new Goal("<= " + value + " " + unit, On.VALUE, false, value, 0);
        }

        public static Goal atLeast(double value, String unit) {
            return new Goal(">= " + value + " " + unit, On.VALUE, true, value, 0);
        }

        /** Holds only when {@code counted} (for example the frames lost over every run of the figure) is zero. */
        public static Goal zero(String what, long counted) {
            return new Goal("0 " + what + " (" + String.format("%,d", counted) + " over all runs)", On.COUNT, false, 0, counted);
        }

        boolean holds(double measured) {
            return higherIsBetter ? measured >= threshold : measured <= threshold;
        }
    }

    /** Candidate median over baseline median; NaN when there is no baseline. */
    public double ratio() {
        return baseline == null ? Double.NaN : candidate.median() / baseline.median();
    }

    public boolean goalHolds() {
        if (goal == null) {
            return true;
        }
        return goal.holds(switch (goal.on()) {
            case RATIO -> ratio();
            case VALUE -> candidate.median();
            case COUNT -> goal.counted();
        });
    }
}
