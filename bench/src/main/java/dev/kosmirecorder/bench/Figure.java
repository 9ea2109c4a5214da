package dev.kosmirecorder.bench;

/**
 * One reported figure: the candidate's measurements, optionally a baseline measured in the same run (so the
 * ratio is trustworthy on a shared machine), the unit, and the goal it is judged against.
 */
public record Figure(String name, String unit, Stats candidate, Stats baseline, String baselineName, Goal goal, String note) {

    /** A goal on the ratio to the baseline, or on the candidate's own value. */
    public record Goal(String text, boolean onRatio, boolean higherIsBetter, double threshold) {
        public static Goal ratioAtLeast(double ratio) {
            return new Goal(">= " + ratio + "x baseline", true, true, ratio);
        }

        public static Goal atMost(double value, String unit) {
            return new Goal("<= " + value + " " + unit, false, false, value);
        }

        public static Goal atLeast(double value, String unit) {
            return new Goal(">= " + value + " " + unit, false, true, value);
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
        return goal.holds(goal.onRatio() ? ratio() : candidate.median());
    }
}
