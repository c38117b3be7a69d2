package dev.myelin.spark.submit;

import dev.myelin.spark.MyelinModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code predict}: applies a saved model to a Parquet/CSV path and writes the predictions. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Apply a saved model and write its predictions (Parquet or CSV).")
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    SparkMain main;

    @Mixin
    DataOptions data;

    @Option(
            names = "--model",
            required = true,
            description = "a model saved by train (or by MyelinClassificationModel.write)")
    String model;

    @Option(
            names = "--output",
            required = true,
            description = "where to write: a .csv path writes CSV, anything else Parquet")
    String output;

    @Option(
            names = "--label",
            defaultValue = "label",
            description = "left out of the assembled features (default: ${DEFAULT-VALUE})")
    String label;

    @Override
    public Integer call() {
        SparkSession spark = main.session();
        MyelinModel<?> m = DefaultParamsReader$.MODULE$.loadParamsInstance(model, spark);
        Dataset<Row> df = data.withFeatures(data.read(spark), label);
        Dataset<Row> out = m.transform(df);
        boolean csv = output.toLowerCase(Locale.ROOT).endsWith(".csv");
        List<Column> columns = new ArrayList<>();
        for (StructField f : out.schema().fields()) {
            boolean vector = f.dataType().equals(SQLDataTypes.VectorType());
            if (f.name().equals(DataOptions.FEATURES) || (csv && (vector || f.dataType() instanceof ArrayType)))
                continue;
            columns.add(
                    vector
                            ? functions
                                    .vector_to_array(out.col(f.name()), "float64")
                                    .as(f.name())
                            : out.col(f.name()));
        }
        Dataset<Row> written = out.select(columns.toArray(Column[]::new));
        if (csv) written.write().mode("overwrite").option("header", "true").csv(output);
        else written.write().mode("overwrite").parquet(output);
        System.out.println("wrote " + output);
        return 0;
    }
}
