package dev.myelin.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.io.AtomicFiles;
import dev.myelin.io.RegularFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code myelin train} run directory and its life: {@code run.json} (the command's arguments and thread count,
 * so {@code --resume} can start the same run again), {@code INCOMPLETE} (present from the start until
 * {@code summary.json}, written last, is there), {@code checkpoint.safetensors} (with {@code --checkpoint-every}) and
 * the results. Starting or resuming removes the temporary files a killed write left behind.
 */
public final class RunDirectory {
    public static final String SETTINGS = "run.json",
            INCOMPLETE = "INCOMPLETE",
            SUMMARY = "summary.json",
            CHECKPOINT = "checkpoint.safetensors";
    private static final long MAX_SETTINGS_BYTES = 1 << 20;

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The arguments a run was started with and the threads it used. */
    record Settings(List<String> args, int threads) {}

    /**
     * Starts a new run in {@code dir}: an older run's summary and checkpoint there are removed (the results are
     * replaced as the run goes on), the directory is marked incomplete, and the settings are written.
     */
    static RunDirectory begin(Path dir, List<String> args, int threads) throws IOException {
        Files.createDirectories(dir);
        RunDirectory run = new RunDirectory(dir);
        Files.deleteIfExists(dir.resolve(SUMMARY));
        run.markIncomplete();
        Files.deleteIfExists(dir.resolve(CHECKPOINT));
        AtomicFiles.removeStaleTemporariesIn(dir);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "train");
        settings.put("args", args);
        settings.put("threads", threads);
        AtomicFiles.writeString(dir.resolve(SETTINGS), Json.pretty(settings));
        return run;
    }

    /** Reopens a run to finish it; the settings come from {@link #settings}. */
    static RunDirectory reopen(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        run.markIncomplete();
        AtomicFiles.removeStaleTemporariesIn(dir);
        return run;
    }

    /** The settings of the run in {@code dir}; anything missing or malformed is an error naming the file. */
    static Settings settings(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("--resume " + dir + ": not a run directory");
        Path file = dir.resolve(SETTINGS);
        if (!Files.exists(file))
            throw new IOException("--resume " + dir + ": no " + SETTINGS
                    + "; only a run directory written by myelin train can be resumed");
        RegularFiles.require(file, "settings file");
        if (Files.size(file) > MAX_SETTINGS_BYTES)
            throw new IOException(file + ": larger than " + MAX_SETTINGS_BYTES + " bytes; not a run's settings");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JacksonException | java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null
                || !root.isObject()
                || !"train".equals(root.path("command").asText())
                || !root.path("args").isArray()
                || !root.path("threads").isInt()
                || root.path("threads").intValue() < 1)
            throw new IOException(file + ": expected {\"command\": \"train\", \"args\": [...], \"threads\": N >= 1}");
        List<String> args = new ArrayList<>();
        for (JsonNode a : root.path("args")) {
            if (!a.isTextual()) throw new IOException(file + ": every entry of \"args\" must be a string, got " + a);
            args.add(a.textValue());
        }
        return new Settings(args, root.path("threads").intValue());
    }

    /** Whether the run finished: its summary is written and nothing marks it incomplete. */
    public static boolean complete(Path dir) {
        return Files.exists(dir.resolve(SUMMARY)) && !Files.exists(dir.resolve(INCOMPLETE));
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    private void markIncomplete() throws IOException {
        AtomicFiles.writeString(
                dir.resolve(INCOMPLETE),
                "This run has not finished (or was killed): summary.json is written last.\n"
                        + "Continue it with: myelin train --resume " + dir + "\n");
    }

    /** Marks the run finished; call it after the summary is written. */
    void finish() throws IOException {
        Files.deleteIfExists(dir.resolve(INCOMPLETE));
    }
}
