package dev.myelin.train;

import dev.myelin.tensor.Tensor;

/**
 * A metric that can be accumulated over mini-batches: each batch contributes the sum of its
 * per-sample scores, and the epoch value is that total divided by the number of samples.
 */
public interface BatchMetric {
    /** {@return the metric's name in the history's "metric" column and in messages, e.g. "accuracy"} */
    String name();

    /**
     * Scores one batch.
     *
     * @param predictions the model's outputs for the batch, [N, ...] (compact)
     * @param targets the batch's targets, [N, ...] (compact)
     * @return the sum of the batch's per-sample scores (the epoch value divides the total by the samples)
     */
    double batchSum(Tensor predictions, Tensor targets);

    /**
     * Classification accuracy. With several output columns the predicted class is the argmax and
     * targets are class indices [N] or one-hot rows [N, C]; with one output column the prediction is
     * positive above {@code threshold} (0.5 for probabilities, 0 for logits) and targets are 0/1.
     *
     * @param threshold the decision threshold of a single output column
     * @return a metric named "accuracy" whose batch sum is the number of correct predictions
     */
    static BatchMetric accuracy(float threshold) {
        return new BatchMetric() {
            @Override
            public String name() {
                return "accuracy";
            }

            @Override
            public double batchSum(Tensor predictions, Tensor targets) {
                int n = predictions.size(0);
                int cols = predictions.numel() / Math.max(n, 1);
                float[] p = predictions.values(), t = targets.values();
                int correct = 0;
                boolean oneHot = targets.numel() == predictions.numel() && cols > 1;
                for (int i = 0; i < n; i++) {
                    int predicted, truth;
                    if (cols == 1) {
                        predicted = p[i] > threshold ? 1 : 0;
                        truth = t[i] > 0.5f ? 1 : 0;
                    } else {
                        predicted = argmax(p, i * cols, cols);
                        truth = oneHot ? argmax(t, i * cols, cols) : (int) t[i];
                    }
                    if (predicted == truth) correct++;
                }
                return correct;
            }
        };
    }

    /**
     * {@return a metric named "mse": each sample's squared error averaged over its output columns (for regression
     * runs)}
     */
    static BatchMetric meanSquaredError() {
        return new BatchMetric() {
            @Override
            public String name() {
                return "mse";
            }

            @Override
            public double batchSum(Tensor predictions, Tensor targets) {
                float[] p = predictions.values(), t = targets.values();
                int n = predictions.size(0), per = p.length / Math.max(n, 1);
                double s = 0;
                for (int i = 0; i < p.length; i++) s += (p[i] - t[i]) * (double) (p[i] - t[i]);
                return s / per;
            }
        };
    }

    private static int argmax(float[] a, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (a[from + j] > a[from + best]) best = j;
        return best;
    }
}
