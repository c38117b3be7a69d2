package dev.myelin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.data.csv.CsvSchema;
import dev.myelin.data.csv.Task;
import dev.myelin.data.preprocessing.LabelEncoder;
import dev.myelin.data.preprocessing.OneHotEncoder;
import java.nio.file.Path;
import java.util.List;

/**
 * A training CSV's schema as JSON in the model file's metadata, so {@code predict} and {@code eval} encode
 * other files as training did: the same feature columns, one-hot categories and class indices.
 */
final class CsvSchemaJson {
    /** The metadata key of the schema in a model file. */
    static final String KEY = "myelin.csv.schema";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON form: plain lists, so the file stays readable by other tools. */
    record Form(
            List<String> featureColumns,
            List<Boolean> categorical,
            List<List<String>> categories,
            String labelColumn,
            String task,
            List<String> classes) {}

    private CsvSchemaJson() {}

    static String write(CsvSchema s) {
        Form f = new Form(
                s.featureColumns(),
                s.categorical(),
                s.oneHot() == null ? null : s.oneHot().categories(),
                s.labelColumn(),
                s.task().name(),
                s.labelEncoder() == null ? null : s.labelEncoder().classes());
        try {
            return MAPPER.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the CSV schema as JSON: " + e.getMessage(), e);
        }
    }

    /** The schema stored in {@code model}'s metadata, or an error naming the model file if it is unreadable. */
    static CsvSchema read(String json, Path model) {
        Form f;
        try {
            f = MAPPER.readValue(json, Form.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    model + ": the stored CSV schema (" + KEY + ") is not valid JSON: " + e.getOriginalMessage());
        }
        long categoricalColumns = f.categorical() == null
                ? 0
                : f.categorical().stream().filter(Boolean.TRUE::equals).count();
        boolean complete = f.featureColumns() != null
                && f.categorical() != null
                && f.labelColumn() != null
                && f.featureColumns().size() == f.categorical().size()
                && (categoricalColumns == 0
                        || f.categories() != null && f.categories().size() == categoricalColumns)
                && ("REGRESSION".equals(f.task()) || "CLASSIFICATION".equals(f.task()) && f.classes() != null);
        if (!complete) {
            throw new IllegalArgumentException(model + ": the stored CSV schema (" + KEY + ") is incomplete or "
                    + "inconsistent; train the model again");
        }
        OneHotEncoder oneHot = categoricalColumns == 0
                ? null
                : OneHotEncoder.withCategories(f.categories(), OneHotEncoder.HandleUnknown.ERROR);
        LabelEncoder<String> labels = f.classes() == null ? null : new LabelEncoder<String>().fit(f.classes());
        return new CsvSchema(
                f.featureColumns(), f.categorical(), oneHot, f.labelColumn(), Task.valueOf(f.task()), labels);
    }
}
