package dev.myelin.cli;

import dev.myelin.data.csv.CsvFormatException;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.data.csv.CsvSchema;
import dev.myelin.data.idx.IdxReader;
import dev.myelin.io.ModelFile;
import dev.myelin.io.RegularFiles;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code myelin predict MODEL --input FILE}: predictions for new inputs, as CSV with the predicted
 * class and one probability column per class (or the predicted values for regression).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict with a saved model; writes CSV.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.safetensors written by myelin train.")
    Path modelFile;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description =
                    "CSV with a header and one row of features per example (for a model trained on a CSV file: its feature "
                            + "columns, categorical ones included; its label column is ignored), or an IDX images file (.gz allowed).")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the CSV (default: standard output).")
    Path output;

    @Option(
            names = "--drop",
            paramLabel = "COLUMN",
            description = "CSV column to ignore (e.g. the label column of a labelled file).")
    List<String> drop = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ModelFile.Loaded loaded = ModelFile.load(modelFile);
        SequenceModels.refuse(loaded, modelFile, "predict");
        String schema = loaded.metadata().get(CsvSchemaJson.KEY);
        Tensor x = readInputs(schema == null ? null : CsvSchemaJson.read(schema, modelFile));
        ModelChecks.requireInputs(loaded.model(), x.numel() / Math.max(x.size(0), 1), modelFile);
        Tensor out = RunReport.predict(loaded.model(), x);
        boolean classification = "classification".equals(loaded.metadata().get("myelin.task"));
        String classesText = loaded.metadata().getOrDefault("myelin.classes", "");
        List<String> classes = classesText.isEmpty() ? List.of() : Arrays.asList(classesText.split("\n"));

        StringWriter text = new StringWriter();
        int n = out.size(0), k = out.numel() / Math.max(n, 1);
        List<String> header = new ArrayList<>();
        if (classification) {
            header.add("prediction");
            for (int j = 0; j < k; j++) header.add("p_" + (j < classes.size() ? classes.get(j) : Integer.toString(j)));
        } else {
            for (int j = 0; j < k; j++) header.add(k == 1 ? "prediction" : "prediction_" + j);
        }
        Tensor probabilities = classification ? out.softmax(1) : out;
        try (CSVPrinter csv = new CSVPrinter(
                text,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            float[] p = probabilities.data();
            for (int i = 0; i < n; i++) {
                List<Object> row = new ArrayList<>();
                if (classification) {
                    int best = 0;
                    for (int j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
                    row.add(best < classes.size() ? classes.get(best) : Integer.toString(best));
                }
                for (int j = 0; j < k; j++) row.add(p[i * k + j]);
                csv.printRecord(row);
            }
        }
        if (output == null) {
            Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            w.write(text.toString());
            w.flush();
        } else {
            dev.myelin.io.AtomicFiles.writeString(output, text.toString());
            System.err.println(n + " predictions written to " + output);
        }
        return 0;
    }

    private Tensor readInputs(CsvSchema schema) throws IOException {
        RegularFiles.require(input, "--input file");
        String name = input.getFileName().toString();
        if (name.contains("idx") || name.endsWith("ubyte") || name.endsWith("ubyte.gz"))
            return IdxReader.readImages(input, true);
        // A model trained on a CSV file knows its columns and categories, so a file with those columns is encoded as
        // training did; a file of numeric columns (already encoded, or for another model) is read as it is.
        if (schema != null && !hasEncodedColumns(schema)) {
            try {
                return CsvReader.withSchema(schema).readFeatures(input, Set.copyOf(drop));
            } catch (CsvFormatException e) {
                throw e.getMessage().contains("differ from the schema")
                        ? new IOException(
                                e.getMessage() + " (the model's training columns; --drop COLUMN skips others)", e)
                        : e;
            }
        }
        return readCsv();
    }

    /** Whether the input's columns (less --drop) are the schema's encoded ones (numeric and one-hot). */
    private boolean hasEncodedColumns(CsvSchema schema) throws IOException {
        List<String> columns = new ArrayList<>(CsvReader.columns(input));
        columns.removeAll(drop);
        return columns.equals(schema.featureNames());
    }

    /** Every column but --drop as numbers, checked as train checks them (finite, no empty cells, whole rows). */
    private Tensor readCsv() throws IOException {
        List<String> columns = CsvReader.columns(input);
        for (String d : drop)
            if (!columns.contains(d))
                throw new IllegalArgumentException(
                        "--drop " + d + ": " + input + " has no such column; columns are " + columns);
        return CsvReader.readNumeric(input, Set.copyOf(drop));
    }
}
