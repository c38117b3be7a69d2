package dev.myelin.examples;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.data.split.ArraySplit;
import dev.myelin.data.split.Splits;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.estimator.EstimatorFile;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.selection.GridSearchCV;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scikit-learn workflow with Myelin's estimators: a stratified split, a {@code StandardScaler} fitted on the
 * training rows only, a grid search with 3-fold cross-validation over the network's width and L2 penalty, the best
 * network saved with {@code EstimatorFile} and loaded again, and the loaded network's test accuracy. The features are
 * multiplied by 1000 first, so the scaler matters. Every seed is fixed: the printed lines are the same on every run
 * (with the same thread count). Argument: a directory for the saved model (default: a temporary one).
 */
public final class EstimatorPipeline {
    private EstimatorPipeline() {
    }

    public static void main(String[] args) throws Exception {
        TensorDataset data = SyntheticData.makeClassification(600, 3, new Generator(7));
        float[][] x = Rows.toArray(data.features().mul(1000f)); // features on a scale no network trains well on
        ArraySplit s = Splits.trainTestSplit(x, Labels.of(data.targets()), 0.25, 7, true);

        StandardScaler scaler = new StandardScaler().fit(s.xTrain()); // the test rows stay unseen
        float[][] train = scaler.transform(s.xTrain()), test = scaler.transform(s.xTest());

        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("hiddenLayerSizes", List.of(List.of(4), List.of(32)));
        grid.put("alpha", List.of(1e-4, 1e-1));
        GridSearchCV<MLPClassifier> search = new GridSearchCV<>(
                        () -> new MLPClassifier().solver("lbfgs").maxIter(200).randomState(0), grid)
                .cv(3)
                .fit(train, s.yTrain());
        System.out.println("best " + search.bestParams() + " cv accuracy " + String.format("%.4f", search.bestScore()));

        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("myelin-estimator");
        Path file = dir.resolve("classifier.safetensors");
        EstimatorFile.save(file, search.bestEstimator());
        MLPClassifier loaded = EstimatorFile.loadClassifier(file);
        int[] sizes = (int[]) loaded.getParams().get("hiddenLayerSizes");
        System.out.println("loaded " + Arrays.toString(sizes) + " test accuracy "
                + String.format("%.4f", loaded.score(test, s.yTest())));
    }
}
