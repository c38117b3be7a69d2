package dev.myelin.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.cli.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the page shows of one run directory, read from its files (nothing is cached: a run may change or vanish
 * between two requests): {@link #row} for the runs table and {@link #detail} for the selected run. A
 * {@code myelin train} run has run.json, history.csv and, when finished, summary.json and its plots; a
 * {@code myelin tune} directory has tune.json, trials.jsonl and, when finished, best.json.
 */
final class RunView {
    static final String TEXT_SAMPLES = "samples.txt";
    /** The end of samples.txt is shown: the latest epochs' samples. */
    private static final int MAX_TEXT_CHARS = 16 * 1024;
    /** The order pictures are shown in; others (a GAN's samples-epoch-N.png) follow by name. */
    private static final List<String> PICTURE_ORDER = List.of(
            "curves.png",
            "confusion.png",
            "samples.png",
            "filters.png",
            "feature-maps.png",
            "decision-boundary.png",
            "forecast.png",
            "tune.png");
    /** The flags of a run still training shown in the table, and their names in summary.json. */
    private static final Map<String, String> FLAGS = orderedMap(
            "--data",
            "data",
            "--model",
            "model",
            "--optimizer",
            "optimizer",
            "--lr",
            "lr",
            "--batch-size",
            "batch_size",
            "--epochs",
            "epochs");
    /** A run whose INCOMPLETE history changed this recently is taken to be training now. */
    private static final long LIVE_MILLIS = 120_000;

    private RunView() {}

    static Map<String, Object> row(String name, Path dir) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        boolean tune = TrialTable.present(dir) || Files.exists(dir.resolve("tune.json"));
        row.put("kind", tune ? "tune" : "train");
        row.put("modified", modified(dir));
        Map<String, Object> settings = new LinkedHashMap<>(), metrics = new LinkedHashMap<>();
        if (tune) {
            JsonNode best = JsonFile.read(dir, "best.json").reportTo(problems).value();
            JsonNode tuneJson =
                    JsonFile.read(dir, "tune.json").reportTo(problems).value();
            if (tuneJson != null)
                for (String k : List.of("data", "model", "strategy", "epochs", "seed"))
                    putScalar(settings, k, tuneJson.get(k));
            row.put("status", best != null ? "complete" : "running");
            if (best != null) {
                putScalar(metrics, "best_" + best.path("score_name").asText("score"), best.get("score"));
                putScalar(metrics, "best_trial", best.get("trial"));
            }
        } else {
            JsonNode summary =
                    JsonFile.read(dir, RunDirectory.SUMMARY).reportTo(problems).value();
            HistoryTable history = HistoryTable.read(dir);
            problems.addAll(history.problems());
            row.put("status", status(dir, summary != null));
            if (summary != null) {
                putScalar(settings, "data", summary.get("data"));
                summary.path("settings").properties().forEach(e -> putScalar(settings, e.getKey(), e.getValue()));
                summary.path("test").properties().forEach(e -> putScalar(metrics, "test_" + e.getKey(), e.getValue()));
            } else {
                JsonNode run = JsonFile.read(dir, RunDirectory.SETTINGS)
                        .reportTo(problems)
                        .value();
                if (run != null && run.path("args").isArray()) {
                    List<String> args = new ArrayList<>();
                    run.get("args").forEach(a -> args.add(a.asText()));
                    settings.put("args", String.join(" ", args));
                    // the table's columns until the summary says them: the flags as given
                    FLAGS.forEach((flag, key) -> {
                        int i = args.indexOf(flag);
                        if (i >= 0 && i + 1 < args.size()) settings.put(key, args.get(i + 1));
                    });
                }
            }
            metrics.put("epochs_run", history.rows().size());
            for (String c : List.of("loss", "val_loss", "metric", "val_metric")) {
                Double v = history.last(c);
                if (v != null) metrics.put(c, v);
            }
        }
        row.put("settings", settings);
        row.put("metrics", metrics);
        row.put("problems", problems);
        return row;
    }

    static Map<String, Object> detail(String name, Path dir) {
        Map<String, Object> d = row(name, dir);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) d.get("problems");
        d.put("history", HistoryTable.read(dir));
        JsonNode summary = JsonFile.read(dir, RunDirectory.SUMMARY).value();
        if (summary != null) d.put("summary", summary);
        d.put("pictures", pictures(dir));
        d.put("text_samples", textSamples(dir, problems));
        if ("tune".equals(d.get("kind"))) {
            JsonNode best = JsonFile.read(dir, "best.json").value();
            if (best != null) d.put("best", best);
            TrialTable trials = TrialTable.present(dir) ? TrialTable.read(dir, best) : null;
            if (trials != null) {
                d.put("trials", trials);
                problems.addAll(trials.problems());
            }
        }
        return d;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static String status(Path dir, boolean hasSummary) {
        if (hasSummary && RunDirectory.complete(dir)) return "complete";
        if (!Files.exists(dir.resolve(RunDirectory.INCOMPLETE))) return hasSummary ? "complete" : "unknown";
        try {
            FileTime t = Files.getLastModifiedTime(dir.resolve(HistoryTable.FILE));
            return System.currentTimeMillis() - t.toMillis() < LIVE_MILLIS ? "training" : "incomplete";
        } catch (IOException e) {
            return "incomplete"; // no epoch finished yet, or the run was killed before one did
        }
    }

    private static long modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Numbers, strings and booleans go in the table; nested values (a confusion matrix, a list of classes) do not. */
    private static void putScalar(Map<String, Object> m, String key, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) return;
        m.put(key, v.isNumber() ? (Object) v.numberValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
    }

    private static List<String> pictures(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png") && RunsRoot.file(dir, n).isPresent())
                    .sorted(Comparator.comparingInt((String n) -> {
                                int i = PICTURE_ORDER.indexOf(n);
                                return i < 0 ? PICTURE_ORDER.size() : i;
                            })
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            return List.of(); // the run was deleted meanwhile
        }
    }

    private static String textSamples(Path dir, List<String> problems) {
        Path file = dir.resolve(TEXT_SAMPLES);
        if (RunsRoot.file(dir, TEXT_SAMPLES).isEmpty()) return null;
        try {
            if (Files.size(file) > HistoryTable.MAX_BYTES) {
                problems.add(TEXT_SAMPLES + " is larger than " + (HistoryTable.MAX_BYTES >> 20) + " MiB; left out");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.length() > MAX_TEXT_CHARS ? text.substring(text.length() - MAX_TEXT_CHARS) : text;
        } catch (IOException e) {
            problems.add("cannot read " + TEXT_SAMPLES + ": " + e.getMessage());
            return null;
        }
    }
}
