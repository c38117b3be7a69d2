package dev.myelin.spark.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.tensor.Generator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point run in-process on local[2] (no spark-submit is installed here). */
class SparkMainTest {
    static Path csv(Path dir, String name, int n, long seed) throws Exception {
        Generator g = new Generator(seed);
        List<String> lines = new ArrayList<>();
        lines.add("a,b,c,label");
        for (int i = 0; i < n; i++) {
            double a = g.nextGaussian(), b = g.nextGaussian(), c = g.nextGaussian();
            lines.add(a + "," + b + "," + c + "," + (a + b > 0 ? 1 : 0));
        }
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    @Test
    void trainPredictAndTuneOnCsvPaths(@TempDir Path dir) throws Exception {
        Path train = csv(dir, "train.csv", 600, 1), test = csv(dir, "test.csv", 200, 2);
        String model = dir.resolve("model").toString();
        assertThat(SparkMain.execute(
                        "train",
                        "--master",
                        "local[2]",
                        "--input",
                        train.toString(),
                        "--model",
                        model,
                        "--hidden",
                        "16",
                        "--epochs",
                        "8",
                        "--batch-size",
                        "32",
                        "--lr",
                        "0.01",
                        "--partitions",
                        "2"))
                .isEqualTo(0);
        assertThat(Path.of(model, "data", "model.myelin")).exists();

        Path predictions = dir.resolve("predictions.parquet");
        assertThat(SparkMain.execute(
                        "predict",
                        "--master",
                        "local[2]",
                        "--input",
                        test.toString(),
                        "--model",
                        model,
                        "--output",
                        predictions.toString()))
                .isEqualTo(0);
        SparkSession spark = SparkSession.active();
        Dataset<Row> out = spark.read().parquet(predictions.toString());
        assertThat(out.columns()).contains("a", "b", "c", "label", "prediction", "probability", "rawPrediction");
        double accuracy = out.selectExpr("avg(cast(prediction = label as double))")
                .first()
                .getDouble(0);
        assertThat(accuracy).isGreaterThan(0.9);

        Path runs = dir.resolve("search");
        assertThat(SparkMain.execute(
                        "tune",
                        "--master",
                        "local[2]",
                        "--input",
                        train.toString(),
                        "--output",
                        runs.toString(),
                        "--trials",
                        "3",
                        "--epochs",
                        "2",
                        "--widths",
                        "8,16",
                        "--depths",
                        "1"))
                .isEqualTo(0);
        assertThat(Files.readAllLines(runs.resolve("trials.jsonl"))).hasSize(3);
    }

    @Test
    void userErrorsAreOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path train = csv(dir, "train.csv", 20, 1);
        StringWriter err = new StringWriter();
        int code = SparkMain.execute(
                new PrintWriter(err, true),
                "train",
                "--master",
                "local[2]",
                "--input",
                train.toString(),
                "--model",
                dir.resolve("m").toString(),
                "--features",
                "a,z");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: --features: no column 'z' in ")
                .contains("the columns are [a, b, c, label]")
                .doesNotContain("\tat ");

        // a task's error (a label outside numClasses cannot happen here; a width mismatch can't either): a bad label
        // value
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("a,label", "1.0,0", "2.0,1.5"));
        StringWriter err2 = new StringWriter();
        assertThat(SparkMain.execute(
                        new PrintWriter(err2, true),
                        "train",
                        "--master",
                        "local[2]",
                        "--input",
                        bad.toString(),
                        "--model",
                        dir.resolve("m2").toString()))
                .isEqualTo(1);
        assertThat(err2.toString())
                .startsWith("error: MyelinClassifier: column 'label' (labelCol) has largest value 1.5")
                .doesNotContain("\tat ");
    }
}
