package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.io.ModelFile;
import dev.myelin.tensor.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    /** Three numeric columns; the class is which of a and b is larger, or 2 when c is large. */
    static Dataset<Row> columns(int n, long seed) {
        Generator g = new Generator(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = g.nextGaussian(), b = g.nextGaussian(), c = g.nextGaussian();
            rows.add(RowFactory.create(a, b, c, c > 0.8 ? 2.0 : a > b ? 1.0 : 0.0));
        }
        StructType schema = new StructType()
                .add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        return TestSpark.session().createDataFrame(rows, schema).repartition(2);
    }

    @Test
    void pipelineWithVectorAssemblerFitsSavesLoadsAndTransforms(@TempDir Path dir) throws Exception {
        Dataset<Row> train = columns(1000, 1), test = columns(300, 2);
        VectorAssembler assembler =
                new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features");
        MyelinClassifier clf = new MyelinClassifier()
                .setHiddenLayers(32)
                .setEpochs(10)
                .setBatchSize(64)
                .setLearningRate(0.02)
                .setMode("averaging")
                .setLocalSteps(8)
                .setSeed(5L);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, clf});
        PipelineModel fitted = pipeline.fit(train);

        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        Dataset<Row> predicted = fitted.transform(test);
        assertThat(predicted.columns()).contains("rawPrediction", "probability", "prediction");
        double before = accuracy.evaluate(predicted);
        assertThat(before).isGreaterThan(0.85);
        Vector p = predicted.select("probability").first().getAs(0);
        assertThat(p.size()).isEqualTo(3);
        assertThat(p.toArray()[0] + p.toArray()[1] + p.toArray()[2])
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        pipeline.write().overwrite().save(dir.resolve("unfitted").toString());
        PipelineModel loaded = PipelineModel.load(path);
        assertThat(loaded.stages()[1]).isInstanceOf(MyelinClassificationModel.class);
        MyelinClassificationModel model = (MyelinClassificationModel) loaded.stages()[1];
        assertThat(model.numClasses()).isEqualTo(3);
        assertThat(model.numFeatures()).isEqualTo(3);

        // the same predictions after the round trip, and the weights are a Myelin model file
        List<Row> a = predicted.select("prediction", "probability").collectAsList();
        List<Row> b = loaded.transform(test).select("prediction", "probability").collectAsList();
        assertThat(b).isEqualTo(a);
        Path weights = Files.walk(dir.resolve("pipeline"))
                .filter(f -> f.toString().endsWith("model.myelin"))
                .findFirst()
                .orElseThrow();
        assertThat(ModelFile.load(weights).model().parameterCount()).isEqualTo(3 * 32 + 32 + 32 * 3 + 3);

        Pipeline unfitted = Pipeline.load(dir.resolve("unfitted").toString());
        MyelinClassifier reloaded = (MyelinClassifier) unfitted.getStages()[1];
        assertThat(reloaded.getOrDefault(reloaded.hiddenLayers())).isEqualTo(new int[] {32});
        assertThat(reloaded.getOrDefault(reloaded.localSteps())).isEqualTo(8);
    }

    @Test
    void crossValidatorPicksAmongMyelinParamMaps() {
        Dataset<Row> train = columns(400, 3);
        VectorAssembler assembler =
                new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features");
        MyelinClassifier clf = new MyelinClassifier()
                .setHiddenLayers(16)
                .setEpochs(3)
                .setBatchSize(64)
                .setLocalSteps(4)
                .setSeed(2L);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, clf});
        org.apache.spark.ml.param.ParamMap[] grid = new org.apache.spark.ml.tuning.ParamGridBuilder()
                .addGrid(clf.learningRate(), new double[] {1e-4, 3e-2})
                .build();
        org.apache.spark.ml.tuning.CrossValidatorModel cv = new org.apache.spark.ml.tuning.CrossValidator()
                .setEstimator(pipeline)
                .setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
                .setNumFolds(2)
                .setSeed(1L)
                .fit(train);
        double[] metrics = cv.avgMetrics();
        assertThat(metrics).hasSize(2);
        assertThat(metrics[1]).as("lr 3e-2 against 1e-4 after 3 epochs").isGreaterThan(metrics[0]);
        MyelinClassificationModel best = (MyelinClassificationModel) ((PipelineModel) cv.bestModel()).stages()[1];
        assertThat(best.parent()).isNotNull();
    }

    @Test
    void regressorLearnsALinearFunctionAndRoundTrips(@TempDir Path dir) throws Exception {
        Generator g = new Generator(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            double a = g.nextGaussian(), b = g.nextGaussian();
            rows.add(RowFactory.create(new double[] {a, b}, 2 * a - b + 0.5));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("y", DataTypes.DoubleType);
        Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema).repartition(2);
        MyelinRegressionModel m = new MyelinRegressor()
                .setHiddenLayers(16)
                .setLabelCol("y")
                .setEpochs(10)
                .setBatchSize(80)
                .setLearningRate(0.02)
                .setMode("sync")
                .setSeed(1L)
                .fit(df);
        double mse = m.transform(df)
                .selectExpr("avg((prediction - y) * (prediction - y))")
                .first()
                .getDouble(0);
        assertThat(mse).isLessThan(0.05);
        assertThat(m.trainingLoss()).hasSize(10);
        m.write().overwrite().save(dir.resolve("reg").toString());
        MyelinRegressionModel loaded =
                MyelinRegressionModel.load(dir.resolve("reg").toString());
        assertThat(loaded.transform(df).select("prediction").collectAsList())
                .isEqualTo(m.transform(df).select("prediction").collectAsList());
    }
}
