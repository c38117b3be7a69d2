package dev.myelin.cli.dashboard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trials of a {@code myelin tune} directory (trials.jsonl, one JSON object per finished trial, appended as the
 * search goes on) for the page's tuning charts: each trial's number, configuration, score and status, the
 * hyperparameter names, and whether a higher score is better. The tuner's own reader stops at a bad line, as a
 * resumed search must; the dashboard shows the trials it can read and names the lines it left out.
 */
record TrialTable(
        String scoreName,
        boolean higherIsBetter,
        List<String> parameters,
        List<Map<String, Object>> trials,
        List<String> problems) {
    static final String FILE = "trials.jsonl";
    private static final long MAX_BYTES = 64L << 20;

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static TrialTable read(Path dir, JsonNode best) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> trials = new ArrayList<>();
        Set<String> parameters = new LinkedHashSet<>();
        Path file = dir.resolve(FILE);
        String text = "";
        try {
            if (Files.size(file) > MAX_BYTES)
                problems.add(FILE + " is larger than " + (MAX_BYTES >> 20) + " MiB; not a search's trials");
            else text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // deleted while we looked: no trials
        } catch (IOException e) {
            problems.add("cannot read " + FILE + ": " + e.getMessage());
        }
        int end = text.lastIndexOf('\n') + 1; // a line without its newline is still being appended
        String[] lines = text.substring(0, end).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            Map<String, Object> trial = trial(lines[i]);
            if (trial == null) {
                problems.add(
                        FILE + " line " + (i + 1) + ": not a trial record (needs number, config and status); left out");
                continue;
            }
            trials.add(trial);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) trial.get("config");
            parameters.addAll(config.keySet());
        }
        String scoreName = best != null && best.path("score_name").isTextual()
                ? best.get("score_name").textValue()
                : "score";
        return new TrialTable(
                scoreName, higherIsBetter(scoreName, best, trials), List.copyOf(parameters), trials, problems);
    }

    private static Map<String, Object> trial(String line) {
        JsonNode n;
        try {
            n = JsonFile.MAPPER.readTree(line);
        } catch (JacksonException e) {
            return null;
        }
        if (n == null
                || !n.path("number").canConvertToInt()
                || !n.path("config").isObject()
                || !n.path("status").isTextual()) return null;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("number", n.get("number").intValue());
        t.put("config", JsonFile.MAPPER.convertValue(n.get("config"), Map.class));
        t.put("score", n.path("score").isNumber() ? n.get("score").doubleValue() : null);
        t.put("seconds", n.path("seconds").isNumber() ? n.get("seconds").doubleValue() : null);
        t.put("status", n.get("status").textValue());
        t.put("error", n.path("error").isTextual() ? n.get("error").textValue() : null);
        return t;
    }

    /**
     * The search's direction: the best trial in best.json is the highest or the lowest score; without it (a search
     * still running), scores named like a loss or an error are lowered and others (accuracy, F1, R²) raised.
     */
    private static boolean higherIsBetter(String scoreName, JsonNode best, List<Map<String, Object>> trials) {
        if (best != null && best.path("score").isNumber()) {
            double b = best.get("score").doubleValue();
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (Map<String, Object> t : trials)
                if (t.get("score") instanceof Double s) {
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                }
            if (b == max && b != min) return true;
            if (b == min && b != max) return false;
        }
        String s = scoreName.toLowerCase(java.util.Locale.ROOT);
        return !(s.contains("loss")
                || s.contains("error")
                || s.contains("mse")
                || s.contains("mae")
                || s.equals("score"));
    }
}
