package dev.myelin.spark.submit;

import dev.myelin.spark.ModuleTrial;
import dev.myelin.spark.SparkTuner;
import dev.myelin.tune.Direction;
import dev.myelin.tune.RandomSearch;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tune}: a random search over the MLP's learning rate, depth and width, one trial per Spark task, with
 * core's trials.jsonl log and {@code --resume}. The data is collected to the driver and sent with every trial.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = "Random search of an MLP classifier, one trial per Spark task.")
final class TuneCommand implements Callable<Integer> {
    /** Rows × features the driver collects at most (the data travels with each trial). */
    static final long MAX_VALUES = 200_000_000L;

    @ParentCommand
    SparkMain main;

    @Mixin
    DataOptions data;

    @Option(names = "--label", defaultValue = "label")
    String label;

    @Option(names = "--output", required = true, description = "directory for trials.jsonl and trials.csv")
    Path output;

    @Option(names = "--resume", description = "continue the search recorded in --output")
    boolean resume;

    @Option(names = "--trials", defaultValue = "8")
    int trials;

    @Option(names = "--epochs", defaultValue = "3", description = "epochs per trial")
    int epochs;

    @Option(
            names = "--lr",
            defaultValue = "1e-4:1e-2",
            description = "learning-rate range MIN:MAX, log scale (default: ${DEFAULT-VALUE})")
    String lr;

    @Option(names = "--depths", split = ",", defaultValue = "1,2")
    List<Integer> depths;

    @Option(names = "--widths", split = ",", defaultValue = "64,128,256")
    List<Integer> widths;

    @Option(names = "--validation", defaultValue = "0.2", description = "fraction held out for scoring")
    double validation;

    @Option(names = "--threads-per-trial", defaultValue = "1")
    int threadsPerTrial;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        String[] range = lr.split(":");
        if (range.length != 2) throw new IllegalArgumentException("--lr: give MIN:MAX, got '" + lr + "'");
        if (!(validation > 0 && validation < 1))
            throw new IllegalArgumentException("--validation must be in (0, 1), got " + validation);
        SearchSpace space = SearchSpace.builder()
                .floatRange("lr", Double.parseDouble(range[0]), Double.parseDouble(range[1]), true)
                .categorical("depth", depths.toArray())
                .categorical("width", widths.toArray())
                .build();
        SparkSession spark = main.session();
        Dataset<Row> df = data.withFeatures(data.read(spark), label).select(DataOptions.FEATURES, label);
        Dataset<Row>[] parts = df.randomSplit(new double[] {1 - validation, validation}, seed);
        float[][] train = collect(parts[0]), val = collect(parts[1]);
        int width = train[2].length == 0 ? 0 : (int) train[2][0];
        int classes = 1 + (int) Math.max(max(train[1]), max(val[1]));
        ModuleTrial trial = new ModuleTrial(train[0], train[1], val[0], val[1], width, true, classes, epochs);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SearchResult result = SparkTuner.builder(
                        jsc, new RandomSearch(space, trials, seed), trial, Direction.MAXIMIZE, threadsPerTrial)
                .maxTrials(trials)
                .seed(seed)
                .outputDirectory(output)
                .resume(resume)
                .build()
                .run();
        System.out.printf(
                "best of %d trials: val_accuracy %.4f with %s; log in %s%n",
                result.trials().size(), result.bestScore(), result.bestConfig(), output.resolve("trials.jsonl"));
        return 0;
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) m = Math.max(m, x);
        return m;
    }

    /** Features [n, width] and labels of {@code df}, and the width as a one-element third array. */
    private float[][] collect(Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        if (rows.isEmpty())
            throw new IllegalArgumentException(data.input + ": no rows to tune on (after the validation split)");
        int width = ((Vector) rows.getFirst().get(0)).size();
        if ((long) rows.size() * width > MAX_VALUES)
            throw new IllegalArgumentException(
                    data.input + ": " + rows.size() + " rows x " + width + " features is more than the " + MAX_VALUES
                            + " values tune sends with each trial; sample the data first");
        float[] x = new float[rows.size() * width], y = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Vector v = (Vector) rows.get(i).get(0);
            if (v.size() != width)
                throw new IllegalArgumentException(
                        "column 'features' has width " + v.size() + " at row " + i + ", expected " + width);
            for (int j = 0; j < width; j++) x[i * width + j] = (float) v.apply(j);
            double l = ((Number) rows.get(i).get(1)).doubleValue();
            if (l < 0 || l != Math.rint(l))
                throw new IllegalArgumentException(
                        "column '" + label + "' (label) has " + l + " at row " + i + "; labels must be class indices");
            y[i] = (float) l;
        }
        return new float[][] {x, y, {width}};
    }
}
