package dev.myelin.cli;

import dev.myelin.io.ModelFile;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a model file records about the sequence data it was trained on: the characters of a text model and the
 * window, horizon and scaling of a series model, as metadata. {@code eval} and {@code predict} read flat rows of
 * tables and images only, so they refuse these models with a message instead of misreading the data.
 */
final class SequenceModels {
    static final String VOCABULARY = "myelin.vocabulary", SERIES = "myelin.series";

    private SequenceModels() {}

    /** Adds the sequence metadata of {@code data}, if any. */
    static void describe(LoadedData data, Map<String, String> meta) {
        if (data.vocabulary() != null) meta.put(VOCABULARY, data.vocabulary().symbols());
        if (data.series() != null) meta.put(SERIES, Json.pretty(data.series()));
    }

    /** Fails, naming the model file and the command, for a model trained on text or on windows of a series. */
    static void refuse(ModelFile.Loaded model, Path file, String command) {
        String kind = model.metadata().containsKey(VOCABULARY)
                ? "character-level text"
                : model.metadata().containsKey(SERIES) ? "windows of a time series" : null;
        if (kind != null)
            throw new IllegalArgumentException(file + " was trained on " + kind + ", which myelin " + command
                    + " does not read; its test " + "results are in the summary.json of its run directory");
    }
}
