package dev.myelin.cli.dashboard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON file of a run (summary.json, run.json, tune.json, best.json), read without trusting it: a missing file is
 * absent, a file too large or not JSON becomes a problem naming the file, never an exception.
 */
record JsonFile(JsonNode value, String problem) {
    /** NaN is allowed in: the run files are written by Jackson, which writes a NaN double as NaN. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final long MAX_BYTES = 16L << 20;
    private static final JsonFile ABSENT = new JsonFile(null, null);

    static JsonFile read(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            if (!Files.isRegularFile(file)) return ABSENT;
            if (Files.size(file) > MAX_BYTES)
                return new JsonFile(null, name + " is larger than " + (MAX_BYTES >> 20) + " MiB; left out");
            JsonNode node = MAPPER.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject())
                return new JsonFile(null, name + ": expected a JSON object; left out");
            return new JsonFile(node, null);
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (JacksonException e) {
            return new JsonFile(null, name + ": not valid JSON (" + e.getOriginalMessage() + "); left out");
        } catch (IOException e) {
            return new JsonFile(null, "cannot read " + name + ": " + e.getMessage());
        }
    }

    boolean present() {
        return value != null;
    }

    /** Adds this file's problem, if it has one, to {@code problems}. */
    JsonFile reportTo(List<String> problems) {
        if (problem != null) problems.add(problem);
        return this;
    }
}
