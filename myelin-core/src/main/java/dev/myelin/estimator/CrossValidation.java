package dev.myelin.estimator;

import dev.myelin.data.Rows;
import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.KFold;
import dev.myelin.data.split.StratifiedKFold;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * k-fold cross-validation scores as scikit-learn's {@code cross_val_score} with an integer cv: the folds of
 * {@link StratifiedKFold} (without shuffling) for classifiers, of {@link KFold} for regressors; each fold is scored
 * by a fresh estimator.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * Accuracy on each of {@code cv} stratified folds.
     *
     * @param factory makes a fresh, unfitted estimator for each fold
     * @param x the samples, [n_samples][n_features]
     * @param y the labels (classifiers) or targets (regressors), one per sample
     * @param cv the number of folds, in [2, n_samples]
     * @return one score per fold, in fold order
     */
    public static double[] crossValScore(Supplier<? extends Classifier> factory, float[][] x, int[] y, int cv) {
        check(x.length, y.length, cv);
        return scores(new StratifiedKFold(cv).split(y), s -> {
            Classifier c = factory.get();
            c.fit(Rows.take(x, s.train()), Rows.take(y, s.train()));
            return c.score(Rows.take(x, s.test()), Rows.take(y, s.test()));
        });
    }

    /**
     * R² on each of {@code cv} contiguous folds.
     *
     * @param factory makes a fresh, unfitted estimator for each fold
     * @param x the samples, [n_samples][n_features]
     * @param y the labels (classifiers) or targets (regressors), one per sample
     * @param cv the number of folds, in [2, n_samples]
     * @return one score per fold, in fold order
     */
    public static double[] crossValScore(Supplier<? extends Regressor> factory, float[][] x, float[] y, int cv) {
        check(x.length, y.length, cv);
        return scores(new KFold(cv).split(x.length), s -> {
            Regressor r = factory.get();
            r.fit(Rows.take(x, s.train()), Rows.take(y, s.train()));
            return r.score(Rows.take(x, s.test()), Rows.take(y, s.test()));
        });
    }

    private static double[] scores(List<IndexSplit> folds, ToDoubleFunction<IndexSplit> fitAndScore) {
        return folds.stream().mapToDouble(fitAndScore).toArray();
    }

    private static void check(int nx, int ny, int cv) {
        if (nx != ny) {
            throw new IllegalArgumentException("crossValScore: X has " + nx + " samples but y has " + ny);
        }
        if (cv < 2 || cv > nx) {
            throw new IllegalArgumentException(
                    "crossValScore: cv must be between 2 and n_samples (" + nx + "), got " + cv);
        }
    }
}
