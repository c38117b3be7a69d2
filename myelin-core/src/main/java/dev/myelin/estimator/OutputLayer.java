package dev.myelin.estimator;

import dev.myelin.kernel.Softmax;
import dev.myelin.kernel.VectorOps;

/**
 * Output activation paired with its loss, as scikit-learn pairs them: identity + squared error (regression),
 * softmax + log-loss (multi-class), logistic + binary log-loss (binary and multi-label). For each pair the
 * gradient of the loss with respect to the output pre-activation is {@code output - target}, which is why
 * they come together.
 */
enum OutputLayer {
    IDENTITY {
        @Override
        void activate(float[] z, int off, int rows, int cols) {}

        @Override
        double rowLoss(float[] p, int pOff, float[] y, int yOff, int cols) {
            // scikit-learn: ((y - p)^2).mean() / 2, the mean over samples and outputs.
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double d = p[pOff + j] - y[yOff + j];
                s += d * d;
            }
            return s / (2.0 * cols);
        }
    },
    SOFTMAX {
        @Override
        void activate(float[] z, int off, int rows, int cols) {
            Softmax.softmaxRows(z, off, z, off, rows, cols);
        }

        @Override
        double rowLoss(float[] p, int pOff, float[] y, int yOff, int cols) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float t = y[yOff + j];
                if (t != 0f) {
                    s -= t * Math.log(clip(p[pOff + j]));
                }
            }
            return s;
        }
    },
    LOGISTIC {
        @Override
        void activate(float[] z, int off, int rows, int cols) {
            VectorOps.sigmoid(z, off, z, off, rows * cols);
        }

        @Override
        double rowLoss(float[] p, int pOff, float[] y, int yOff, int cols) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double q = clip(p[pOff + j]);
                float t = y[yOff + j];
                if (t != 0f) {
                    s -= t * Math.log(q);
                }
                if (t != 1f) {
                    s -= (1 - t) * Math.log(1 - q);
                }
            }
            return s;
        }
    };

    /** scikit-learn clips probabilities to [eps, 1 - eps] with the data type's machine epsilon (float32 here). */
    private static final double EPS = Math.ulp(1f);

    static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    /** Applies the output activation in place to the first rows×cols values of z. */
    abstract void activate(float[] z, int off, int rows, int cols);

    /** Loss contributed by one sample (the estimator divides the sum by the number of samples). */
    abstract double rowLoss(float[] p, int pOff, float[] y, int yOff, int cols);
}
