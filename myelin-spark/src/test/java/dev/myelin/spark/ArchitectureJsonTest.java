package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.nn.Architecture;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.tensor.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A convolutional network given as architecture JSON trains the same way as the built-in MLP. */
class ArchitectureJsonTest {
    @Test
    void convolutionalArchitectureTrainsSavesAndLoads(@TempDir Path dir) throws Exception {
        // 6x6 images: class 1 has a bright left half, class 0 a bright right half
        Generator g = new Generator(4);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int label = i % 2;
            double[] x = new double[36];
            for (int r = 0; r < 6; r++)
                for (int c = 0; c < 6; c++) x[r * 6 + c] = ((c < 3) == (label == 1) ? 1 : 0) + 0.3 * g.nextGaussian();
            rows.add(RowFactory.create(Vectors.dense(x), (double) label));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema).repartition(2);
        Generator init = new Generator(1);
        String json = Architecture.toJson(new Sequential(
                new Unflatten(1, 1, 6, 6),
                new Conv2d(1, 4, 3, init),
                new ReLU(),
                new Flatten(),
                new Linear(4 * 4 * 4, 2, init)));

        MyelinClassificationModel model = new MyelinClassifier()
                .setArchitecture(json)
                .setEpochs(5)
                .setBatchSize(20)
                .setLearningRate(0.01)
                .setMode("sync")
                .setSeed(3L)
                .fit(df);
        double accuracy = model.transform(df)
                .selectExpr("avg(cast(prediction = label as double))")
                .first()
                .getDouble(0);
        assertThat(accuracy).isGreaterThan(0.95);
        assertThat(model.module().parameters().getFirst().shape()).containsExactly(4, 1, 3, 3);

        model.write().overwrite().save(dir.resolve("cnn").toString());
        MyelinClassificationModel loaded =
                MyelinClassificationModel.load(dir.resolve("cnn").toString());
        assertThat(loaded.numFeatures()).isEqualTo(36);
        assertThat(loaded.numClasses()).isEqualTo(2);
        assertThat(loaded.transform(df).select("prediction").collectAsList())
                .isEqualTo(model.transform(df).select("prediction").collectAsList());
    }
}
