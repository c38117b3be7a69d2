package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.csv.CsvDataset;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.data.csv.CsvSchema;
import dev.myelin.data.csv.Task;
import dev.myelin.data.idx.IdxReader;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns a {@code --data} argument into a {@link LoadedData}: {@code mnist}, {@code fashion-mnist},
 * {@code idx:DIR} (any MNIST-format files), {@code csv:FILE} (with {@code --label}; with {@code --window} a time
 * series), {@code text:FILE} (character-level text), or a synthetic set.
 */
final class DataSources {
    static final List<String> SYNTHETIC = List.of(
            "xor",
            "and",
            "or",
            "moons",
            "circles",
            "spirals",
            "blobs",
            "classification",
            "regression",
            "sum-regression");
    static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private DataSources() {}

    static LoadedData load(String spec, String labelColumn, long seed) throws IOException {
        return load(spec, labelColumn, seed, (CsvSchema) null, null);
    }

    /**
     * As {@link #load(String, String, long)}, with the task of a {@code csv:} file given: "classification",
     * "regression", or "auto" (decided from the label column, as scikit-learn's type_of_target).
     */
    static LoadedData load(String spec, String labelColumn, long seed, String csvTask) throws IOException {
        return load(spec, labelColumn, seed, csvTask, new SequenceOptions());
    }

    /**
     * As {@link #load(String, String, long, String)}, with sequence flags: {@code csv:} with {@code --window} is a
     * time series cut into windows, {@code text:} character-level text ({@link SequenceSources}).
     */
    static LoadedData load(String spec, String labelColumn, long seed, String csvTask, SequenceOptions sequence)
            throws IOException {
        boolean text = spec.startsWith("text:"), windows = sequence.window != null;
        if (windows && sequence.window < 1)
            throw new IllegalArgumentException("--window must be >= 1, got " + sequence.window);
        if (sequence.horizon != null && sequence.horizon < 1)
            throw new IllegalArgumentException("--horizon must be >= 1, got " + sequence.horizon);
        if (windows && !text && !spec.startsWith("csv:"))
            throw new IllegalArgumentException(
                    "--window applies to csv: and text: data; " + spec + " has its own examples");
        if (sequence.horizon != null && (text || !windows))
            throw new IllegalArgumentException("--horizon applies to csv: data with --window (a time series)");
        if (text) {
            if (labelColumn != null || !csvTask.equals("auto"))
                throw new IllegalArgumentException((labelColumn != null ? "--label" : "--task")
                        + " applies to csv: data; text: data predicts the next character");
            return SequenceSources.text(
                    Path.of(spec.substring(5)), windows ? sequence.window : SequenceOptions.TEXT_WINDOW);
        }
        if (windows) {
            if (!csvTask.equals("auto") && !csvTask.equals("regression"))
                throw new IllegalArgumentException(
                        "--task " + csvTask + ": windows of a time series (--window) forecast numbers, a regression");
            return SequenceSources.series(
                    Path.of(spec.substring(4)),
                    labelColumn,
                    sequence.window,
                    sequence.horizon == null ? 1 : sequence.horizon);
        }
        Task task = switch (csvTask) {
            case "auto" -> null;
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default ->
                throw new IllegalArgumentException(
                        "--task: unknown '" + csvTask + "'; use auto, classification or regression");
        };
        if (task != null && !spec.startsWith("csv:"))
            throw new IllegalArgumentException(
                    "--task " + csvTask + " applies to csv: data only; " + spec + " has its own task");
        return load(spec, labelColumn, seed, null, task);
    }

    /** As {@link #load(String, String, long)}, a {@code csv:} file read with a model's stored schema (if not null). */
    static LoadedData loadWithSchema(String spec, String labelColumn, long seed, CsvSchema schema) throws IOException {
        return load(spec, labelColumn, seed, schema, null);
    }

    /**
     * As {@link #load(String, String, long)}; a {@code csv:} file is read with {@code schema} when it is not null
     * (the training file's columns, categories and classes, stored in a model), else as {@code task} (null: decided
     * from its label column).
     */
    private static LoadedData load(String spec, String labelColumn, long seed, CsvSchema schema, Task task)
            throws IOException {
        if (spec.equals("mnist") || spec.equals("fashion-mnist")) {
            ImageDataSet set = DatasetRegistry.defaults().load(spec, true);
            return images(
                    spec, set.train(), set.test(), spec.equals("mnist") ? DIGITS : FASHION_CLASSES, new int[] {28, 28});
        }
        if (spec.startsWith("idx:")) return idxDirectory(Path.of(spec.substring(4)));
        if (spec.startsWith("csv:")) return csv(Path.of(spec.substring(4)), labelColumn, schema, task);
        if (spec.startsWith("text:")) throw new IllegalArgumentException(spec + ": text is read by myelin train only");
        if (SYNTHETIC.contains(spec)) return synthetic(spec, new Generator(seed));
        throw new IllegalArgumentException(
                "unknown data set '" + spec + "'; use mnist, fashion-mnist, idx:DIR, csv:FILE, text:FILE or one of "
                        + String.join(", ", SYNTHETIC));
    }

    private static LoadedData images(
            String name, TensorDataset train, TensorDataset test, List<String> classes, int[] imageShape) {
        int classesSeen = (int) Math.max(
                        train.targets().max().item(), test.targets().max().item())
                + 1;
        List<String> names = classes.size() >= classesSeen ? classes : numbered(classesSeen);
        return new LoadedData(name, train, test, true, names, names.size(), imageShape, null);
    }

    /** A directory with MNIST-format files: train-images/train-labels and t10k- (or test-) images/labels, raw or .gz. */
    private static LoadedData idxDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("idx:" + dir + " is not a directory");
        Path trainImages = find(dir, "train-images"), trainLabels = find(dir, "train-labels");
        Path testImages = findEither(dir, "t10k-images", "test-images"),
                testLabels = findEither(dir, "t10k-labels", "test-labels");
        TensorDataset train = IdxReader.read(trainImages, trainLabels, false, 10);
        TensorDataset test = IdxReader.read(testImages, testLabels, false, 10);
        int[] hw = {train.features().size(1), train.features().size(2)};
        if (test.features().size(1) != hw[0] || test.features().size(2) != hw[1])
            throw new IOException(testImages + " holds " + test.features().size(1) + "x"
                    + test.features().size(2) + " images but " + trainImages + " holds " + hw[0] + "x" + hw[1]
                    + "; train and test images must have the same size");
        return images("idx:" + dir, flat(train), flat(test), DIGITS, hw);
    }

    /** [N, H, W] images as [N, H*W] rows for the MLP. */
    private static TensorDataset flat(TensorDataset images) {
        return new TensorDataset(images.features().reshape(images.size(), -1), images.targets());
    }

    private static Path findEither(Path dir, String a, String b) throws IOException {
        try {
            return find(dir, a);
        } catch (IOException e) {
            return find(dir, b);
        }
    }

    private static Path find(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .findFirst()
                    .orElseThrow(
                            () -> new IOException(
                                    "idx:" + dir + " has no file starting with '" + prefix
                                            + "' (expected train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])"));
        }
    }

    private static LoadedData csv(Path file, String labelColumn, CsvSchema schema, Task task) throws IOException {
        CsvDataset data;
        if (schema != null) {
            if (labelColumn != null && !labelColumn.equals(schema.labelColumn()))
                throw new IllegalArgumentException("--label " + labelColumn
                        + ": the model was trained on the label column '" + schema.labelColumn() + "'");
            data = CsvReader.withSchema(schema).read(file);
        } else {
            if (labelColumn == null)
                throw new IllegalArgumentException("csv:" + file + " needs --label COLUMN to name the target column");
            CsvReader.Builder reader = CsvReader.builder().labelColumn(labelColumn);
            data = (task == null ? reader.inferTask() : reader.task(task))
                    .build()
                    .read(file);
        }
        boolean classification = data.schema().task() == Task.CLASSIFICATION;
        List<String> classes = classification ? data.classes() : List.of();
        int outputs = classification ? classes.size() : data.targets().numel() / Math.max(data.size(), 1);
        TensorDataset t = data.tensors();
        if (!classification && t.targets().dim() == 1)
            t = new TensorDataset(t.features(), t.targets().reshape(-1, 1));
        return new LoadedData(
                "csv:" + file,
                t,
                null,
                classification,
                classification ? classes : List.of(),
                outputs,
                null,
                data.schema());
    }

    private static LoadedData synthetic(String name, Generator gen) {
        TensorDataset d = switch (name) {
            case "xor" -> SyntheticData.xor();
            case "and" -> SyntheticData.and();
            case "or" -> SyntheticData.or();
            case "moons" -> SyntheticData.twoMoons(1000, 0.15, gen);
            case "circles" -> SyntheticData.circles(1000, 0.08, 0.5, gen);
            case "spirals" -> SyntheticData.spirals(1200, 3, 0.15, gen);
            case "blobs" -> SyntheticData.blobs(1000, 4, 1.0, gen);
            case "classification" -> SyntheticData.makeClassification(2000, 20, 10, 5, 3, 1.0, 0.01, gen);
            case "regression" ->
                SyntheticData.makeRegression(1000, 10, 5, 0.1, gen).dataset();
            case "sum-regression" -> SyntheticData.sumRegression(gen);
            default -> throw new IllegalArgumentException("unknown synthetic set " + name);
        };
        boolean regression = name.endsWith("regression");
        if (regression) {
            Tensor y = d.targets().dim() == 1 ? d.targets().reshape(-1, 1) : d.targets();
            return new LoadedData(
                    name, new TensorDataset(d.features(), y), null, false, List.of(), y.size(1), null, null);
        }
        // the truth tables hold targets as [N, 1]; cross-entropy and the metrics want class indices [N]
        if (d.targets().dim() == 2)
            d = new TensorDataset(d.features(), d.targets().reshape(-1));
        int classes = (int) d.targets().max().item() + 1;
        // a truth table has 4 rows, too few to hold any out: as in the course, it is its own test set
        TensorDataset test = d.size() == 4 ? d : null;
        return new LoadedData(name, d, test, true, numbered(classes), classes, null, null);
    }

    private static List<String> numbered(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(Integer::toString).toList());
    }
}
