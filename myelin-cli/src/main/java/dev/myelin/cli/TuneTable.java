package dev.myelin.cli;

import dev.myelin.tune.Config;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.TrialStatus;
import dev.myelin.tune.TuneListener;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live table of {@code myelin tune}: one line per finished trial (number, score, best so far, seconds,
 * configuration), cut to {@link #WIDTH} columns; a failed trial's reason goes on the next line.
 */
final class TuneTable implements TuneListener {
    static final int WIDTH = 100;
    private final PrintStream out;
    private final String scoreName;
    private final Set<Integer> restored;

    /** @param restored numbers of the trials recorded by an earlier run (marked "r") */
    TuneTable(PrintStream out, String scoreName, Set<Integer> restored) {
        this.out = out;
        this.scoreName = scoreName;
        this.restored = Set.copyOf(restored);
    }

    @Override
    public void onSearchStart(int restored) {
        if (restored > 0) out.printf(Locale.ROOT, "resuming: %d trials already recorded (marked r)%n", restored);
        out.printf(Locale.ROOT, "%6s  %-8s %-8s %7s  config%n", "trial", shortName(), "best", "time");
    }

    private String shortName() {
        return scoreName.replace("val_accuracy", "val_acc");
    }

    @Override
    public void onTrialFinished(TrialResult t, TrialResult best) {
        String score = switch (t.status()) {
            case FAILED -> "failed";
            case PRUNED -> format(t.score()) + "p";
            case OK -> format(t.score());
        };
        String line = String.format(
                Locale.ROOT,
                "%5d%s  %-8s %-8s %6.1fs  %s",
                t.number(),
                restored.contains(t.number()) ? "r" : " ",
                score,
                best == null ? "-" : format(best.score()),
                t.seconds(),
                compact(t.config()));
        out.println(cut(line, WIDTH));
        if (t.status() == TrialStatus.FAILED && t.error() != null)
            out.println(cut("        failed: " + t.error(), WIDTH));
    }

    @Override
    public void onSearchEnd(SearchResult result) {
        long failed = result.trials().stream()
                .filter(t -> t.status() == TrialStatus.FAILED)
                .count();
        long pruned = result.trials().stream()
                .filter(t -> t.status() == TrialStatus.PRUNED)
                .count();
        out.printf(
                Locale.ROOT,
                "%d trials (%d failed, %d pruned)%n",
                result.trials().size(),
                failed,
                pruned);
    }

    static String format(double score) {
        if (!Double.isFinite(score)) return String.valueOf(score);
        double a = Math.abs(score);
        return a != 0 && (a < 1e-3 || a >= 1e5)
                ? String.format(Locale.ROOT, "%.3g", score)
                : String.format(Locale.ROOT, "%.4f", score);
    }

    /** name=value pairs, numbers in 3 significant digits, lists as 256x128. */
    static String compact(Config c) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : c.asMap().entrySet()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(e.getKey()).append('=').append(value(e.getValue()));
        }
        return sb.toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            double a = Math.abs(d);
            if (a == 0) return "0";
            return a < 1e-2 || a >= 1e4 ? String.format(Locale.ROOT, "%.2e", d) : String.format(Locale.ROOT, "%.3g", d);
        }
        if (v instanceof List<?> l)
            return l.isEmpty()
                    ? "none"
                    : String.join("x", l.stream().map(String::valueOf).toList());
        return String.valueOf(v);
    }

    static String cut(String line, int width) {
        return line.length() <= width ? line : line.substring(0, width - 3) + "...";
    }
}
