package dev.myelin.spark;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;
import dev.myelin.tune.Config;
import dev.myelin.tune.TrialContext;
import dev.myelin.tune.objective.ModuleObjective;

/**
 * A {@link SparkTuner.Trial} that trains core's {@link ModuleObjective} (the MLP or optimizer search of {@code
 * myelin tune}) on data it carries as arrays: features [n, width] and labels, for training and validation. The
 * arrays travel with each task, so this suits data that fits one executor; the search, not the data, is spread.
 *
 * @param trainX the training features, row-major [n, width]
 * @param trainY the training targets: class indices [n] (classification) or values [n, outputs] (regression)
 * @param valX the validation features, row-major [m, width]
 * @param valY the validation targets, as {@code trainY}
 * @param width the number of features per example, &gt;= 1
 * @param classification true: cross-entropy loss and accuracy score; false: MSE loss and loss score
 * @param outputs the number of classes, or of regression targets
 * @param epochs the epochs per trial when the strategy gives no budget
 */
public record ModuleTrial(
        float[] trainX,
        float[] trainY,
        float[] valX,
        float[] valY,
        int width,
        boolean classification,
        int outputs,
        int epochs)
        implements SparkTuner.Trial {
    /**
     * Checks the feature arrays against {@code width} (the arrays are not copied).
     *
     * @throws IllegalArgumentException if width is &lt; 1, or a feature array is not a whole number of rows (or the
     *     training one is empty)
     */
    public ModuleTrial {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
        if (trainX.length % width != 0 || trainX.length == 0)
            throw new IllegalArgumentException("trainX holds " + trainX.length + " values, not rows x " + width);
        if (valX.length % width != 0)
            throw new IllegalArgumentException("valX holds " + valX.length + " values, not rows x " + width);
    }

    /**
     * The examples of core data sets (features [n, width], targets as {@link ModuleObjective} takes them), copied.
     *
     * @param train the training examples
     * @param validation the held-out examples scored after every epoch
     * @param classification true: cross-entropy loss and accuracy score; false: MSE loss and loss score
     * @param outputs the number of classes, or of regression targets
     * @param epochs the epochs per trial when the strategy gives no budget
     * @return the trial
     */
    public static ModuleTrial of(
            TensorDataset train, TensorDataset validation, boolean classification, int outputs, int epochs) {
        int width = train.features().numel() / train.size();
        return new ModuleTrial(
                train.features().contiguous().data().clone(),
                train.targets().contiguous().data().clone(),
                validation.features().contiguous().data().clone(),
                validation.targets().contiguous().data().clone(),
                width,
                classification,
                outputs,
                epochs);
    }

    private TensorDataset dataset(float[] x, float[] y) {
        int n = x.length / width;
        Tensor targets = classification ? new Tensor(y, n) : new Tensor(y, n, y.length / n);
        return new TensorDataset(new Tensor(x, n, width), targets);
    }

    @Override
    public double evaluate(Config config, TrialContext ctx) {
        return new ModuleObjective(dataset(trainX, trainY), dataset(valX, valY), classification, outputs, epochs)
                .evaluate(config, ctx);
    }
}
