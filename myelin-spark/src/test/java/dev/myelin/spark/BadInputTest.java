package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BadInputTest {
    static Dataset<Row> vectors(double... labelsAndWidths) {
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < labelsAndWidths.length; i += 2)
            rows.add(RowFactory.create(Vectors.dense(new double[(int) labelsAndWidths[i + 1]]), labelsAndWidths[i]));
        return TestSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void missingColumnIsNamedWithTheColumnsThereAre() {
        assertThatThrownBy(() -> new MyelinClassifier().setFeaturesCol("pixels").fit(vectors(0, 3, 1, 3)))
                .hasMessageContaining(
                        "MyelinClassifier: no column 'pixels' (featuresCol); the columns are [features, label]");
        assertThatThrownBy(() -> new MyelinClassifier().setLabelCol("y").fit(vectors(0, 3, 1, 3)))
                .hasMessageContaining("no column 'y' (labelCol)");
    }

    @Test
    void featuresOfTheWrongTypeAreRefused() {
        StructType schema =
                new StructType().add("features", DataTypes.StringType).add("label", DataTypes.DoubleType);
        Dataset<Row> df = TestSpark.session().createDataFrame(List.of(RowFactory.create("1,2", 0.0)), schema);
        assertThatThrownBy(() -> new MyelinClassifier().fit(df))
                .hasMessageContaining(
                        "column 'features' (featuresCol) has type string; it must be a vector (e.g. from VectorAssembler) or an array<float> / array<double>");
        StructType labels =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.StringType);
        Dataset<Row> df2 =
                TestSpark.session().createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), "cat")), labels);
        assertThatThrownBy(() -> new MyelinClassifier().fit(df2))
                .hasMessageContaining("column 'label' (labelCol) has type string; it must be numeric");
    }

    @Test
    void rowsOfAnotherWidthAreNamedWithTheRow() {
        assertThatThrownBy(() -> new MyelinClassifier()
                        .setEpochs(1)
                        .fit(vectors(0, 3, 1, 3, 0, 5).coalesce(1)))
                .hasMessageContaining("column 'features' (featuresCol) has width 5 at row 2, expected 3");
    }

    @Test
    void modelRefusesFeaturesOfAnotherWidth() {
        MyelinClassificationModel m =
                new MyelinClassifier().setHiddenLayers(4).setEpochs(1).fit(vectors(0, 3, 1, 3));
        assertThatThrownBy(() -> m.transform(vectors(0, 4)).collectAsList())
                .hasMessageContaining("column 'features' (featuresCol) has width 4 at row 0, expected 3");
    }

    @Test
    void labelOutsideTheClassesIsNamed() {
        assertThatThrownBy(() -> new MyelinClassifier()
                        .setNumClasses(2)
                        .setEpochs(1)
                        .fit(vectors(0, 3, 1, 3, 5, 3).coalesce(1)))
                .hasMessageContaining(
                        "column 'label' (labelCol) has 5.0 at row 2, outside the classes 0..1 (numClasses = 2)");
        assertThatThrownBy(() -> new MyelinClassifier().setEpochs(1).fit(vectors(0, 3, 1.5, 3)))
                .hasMessageContaining("column 'label' (labelCol) has largest value 1.5; labels must be class indices");
        assertThatThrownBy(() -> new MyelinClassifier()
                        .setEpochs(1)
                        .fit(vectors(-1, 3, 1, 3).coalesce(1)))
                .hasMessageContaining("column 'label' (labelCol) has -1.0 at row 0, outside the classes 0..1");
    }

    @Test
    void executorWithoutTheVectorApiModuleNamesTheOption() {
        var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                TestSpark.session().sparkContext());
        // a task on an executor whose boot layer lacks the module (the empty layer stands for that JVM)
        assertThatThrownBy(() -> jsc.parallelize(List.of(1), 1)
                        .map(i -> {
                            ExecutorChecks.requireVectorApi(ModuleLayer.empty());
                            return i;
                        })
                        .collect())
                .hasMessageContaining("started without the Vector API module")
                .hasMessageContaining("spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector");
    }

    @Test
    void badSettingsAreRefusedBeforeAnyJob() {
        assertThatThrownBy(() -> new MyelinClassifier().setMode("ring"))
                .hasMessageContaining("mode: unknown 'ring'; use sync or averaging");
        assertThatThrownBy(() -> new MyelinClassifier().setOptimizer("lbfgs").fit(vectors(0, 3, 1, 3)))
                .hasMessageContaining("optimizer: unknown 'lbfgs'");
        assertThatThrownBy(
                        () -> new MyelinClassifier().setArchitecture("resnet").fit(vectors(0, 3, 1, 3)))
                .hasMessageContaining("architecture: unknown 'resnet'");
    }
}
