package dev.myelin.spark.submit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Option;

/** Where the rows come from (a Parquet or CSV path) and which columns are the features. */
final class DataOptions {
    @Option(
            names = "--input",
            required = true,
            description = "Parquet or CSV path (a file or a directory; any Hadoop file system)")
    String input;

    @Option(names = "--format", description = "parquet or csv (default: from the path's extension, else parquet)")
    String format;

    @Option(
            names = "--features",
            split = ",",
            description =
                    "numeric columns to assemble into the features "
                            + "(default: the 'features' vector/array column if there is one, else every numeric column but the label)")
    List<String> features;

    @Option(names = "--partitions", description = "repartition the input into this many partitions (default: as read)")
    int partitions;

    /** The assembled column's name. */
    static final String FEATURES = "features";

    String format() {
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("parquet") && !f.equals("csv"))
                throw new IllegalArgumentException("--format: unknown '" + format + "'; use parquet or csv");
            return f;
        }
        return input.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
    }

    Dataset<Row> read(SparkSession spark) {
        Dataset<Row> df = format().equals("csv")
                ? spark.read()
                        .option("header", "true")
                        .option("inferSchema", "true")
                        .csv(input)
                : spark.read().parquet(input);
        return partitions > 0 ? df.repartition(partitions) : df;
    }

    /** {@code df} with a features column: the given columns assembled, or the existing one. */
    Dataset<Row> withFeatures(Dataset<Row> df, String label) {
        List<String> columns = features;
        if (columns == null || columns.isEmpty()) {
            if (Arrays.asList(df.columns()).contains(FEATURES)) return df;
            columns = new ArrayList<>();
            for (StructField f : df.schema().fields())
                if (f.dataType() instanceof NumericType && !f.name().equals(label)) columns.add(f.name());
            if (columns.isEmpty())
                throw new IllegalArgumentException(input + ": no numeric column besides the label '" + label
                        + "'; the columns are " + Arrays.toString(df.columns()));
        }
        for (String c : columns)
            if (!Arrays.asList(df.columns()).contains(c))
                throw new IllegalArgumentException("--features: no column '" + c + "' in " + input
                        + "; the columns are " + Arrays.toString(df.columns()));
        if (Arrays.asList(df.columns()).contains(FEATURES))
            throw new IllegalArgumentException(
                    input + " already has a column named 'features'; leave out --features to use it");
        return new VectorAssembler()
                .setInputCols(columns.toArray(String[]::new))
                .setOutputCol(FEATURES)
                .setHandleInvalid("error")
                .transform(df);
    }
}
