package dev.myelin.data.sequence;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Sliding windows over a sequence, for forecasting and next-token prediction: each example is {@code window}
 * consecutive steps, its target what follows. Built on {@link Tensor#unfold} (one view, then one copy per part).
 */
public final class SlidingWindows {
    private SlidingWindows() {}

    /**
     * Windows over a time series [T, F] (or [T]): features [N, window, F], targets [N, horizon] = the next
     * {@code horizon} values of column {@code targetColumn}, a window starting every {@code stride} steps;
     * N = (T − window − horizon) / stride + 1.
     *
     * @param series the time series, [T, F] or [T]
     * @param window the number of input steps per example, &gt;= 1
     * @param horizon the number of future values to predict, &gt;= 1
     * @param targetColumn the column whose future values are the targets, in {@code [0, F)}
     * @param stride the steps between window starts, &gt;= 1
     * @return features [N, window, F] and targets [N, horizon], both copied
     * @throws IllegalArgumentException if the series is not 1-D or 2-D, a size is below 1, the target column is out
     *     of range, or the series is shorter than {@code window + horizon}
     */
    public static TensorDataset series(Tensor series, int window, int horizon, int targetColumn, int stride) {
        Tensor s = series.dim() == 1 ? series.reshape(-1, 1) : series;
        if (s.dim() != 2)
            throw new IllegalArgumentException("SlidingWindows: the series must be [steps, features] or [steps], got "
                    + Shapes.str(series.shape()));
        if (window < 1 || horizon < 1 || stride < 1)
            throw new IllegalArgumentException("SlidingWindows: window, horizon and stride must be >= 1, got " + window
                    + ", " + horizon + " and " + stride);
        int steps = s.size(0), columns = s.size(1);
        if (targetColumn < 0 || targetColumn >= columns)
            throw new IllegalArgumentException(
                    "SlidingWindows: target column " + targetColumn + " is out of range for " + columns + " columns");
        if (steps < window + horizon)
            throw new IllegalArgumentException("SlidingWindows: a series of " + steps
                    + " steps is too short for a window of " + window + " plus a horizon of " + horizon);
        Tensor w = s.unfold(0, window + horizon, stride); // [N, F, window + horizon]
        Tensor features = w.narrow(2, 0, window).permute(0, 2, 1).contiguous();
        Tensor targets = w.select(1, targetColumn).narrow(1, window, horizon).contiguous();
        return new TensorDataset(features, targets);
    }

    /**
     * Windows over a stream of token ids, for next-token prediction: features [N, length] (the ids, as floats),
     * targets [N] = the id that follows each window, a window starting every {@code stride} tokens.
     *
     * @param ids the token stream, e.g. {@link CharVocabulary#encode}'d text
     * @param length the window length (the model's context), &gt;= 1
     * @param stride the tokens between window starts, &gt;= 1
     * @return features [N, length] and targets [N], N = (ids.length − length − 1) / stride + 1
     * @throws IllegalArgumentException if a size is below 1 or the stream is shorter than {@code length + 1}
     */
    public static TensorDataset tokens(int[] ids, int length, int stride) {
        float[] v = new float[ids.length];
        for (int i = 0; i < ids.length; i++) v[i] = ids[i];
        TensorDataset d = series(new Tensor(v, v.length), length, 1, 0, stride);
        return new TensorDataset(
                d.features().reshape(d.size(), length), d.targets().reshape(d.size()));
    }
}
