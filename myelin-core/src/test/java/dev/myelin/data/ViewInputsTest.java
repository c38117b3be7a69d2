package dev.myelin.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.metrics.Labels;
import dev.myelin.metrics.RegressionMetrics;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data utilities read their tensor arguments, so a view (a transposed or narrowed tensor, as PyTorch users pass
 * without thinking) gives the same result as its compact copy instead of the "this tensor is a view" error.
 */
class ViewInputsTest {
    @Test
    void scalersMetricsAndLabelsTakeViews() {
        Tensor base = Tensor.arange(24).reshape(4, 6).mul(0.5f).add(1f);
        Tensor view = base.t().narrow(0, 1, 4); // [4, 4], strided
        assertThat(view.isContiguous()).isFalse();
        assertThat(new StandardScaler().fitTransform(view).toArray())
                .containsExactly(
                        new StandardScaler().fitTransform(view.contiguous()).toArray());
        Tensor other = base.narrow(1, 2, 4);
        assertThat(RegressionMetrics.r2(view, other))
                .isEqualTo(RegressionMetrics.r2(view.contiguous(), other.contiguous()));
        assertThat(Labels.argmax(view)).containsExactly(Labels.argmax(view.contiguous()));
        Tensor labels = Tensor.fromArray(new float[] {0, 1, 2, 1, 0, 2}).narrow(0, 1, 4);
        assertThat(Labels.of(labels)).containsExactly(1, 2, 1, 0);
    }

    @Test
    void aTensorDatasetOverViewsBatchesTheirRows() {
        Tensor x = Tensor.arange(20).reshape(5, 4).t(); // [4, 5]: sample i is column i of the original
        Tensor y = Tensor.arange(8).narrow(0, 2, 4);
        List<Float> firstFeatures = new ArrayList<>(), targets = new ArrayList<>();
        for (Batch b : DataLoader.builder(new TensorDataset(x, y)).batchSize(3).build()) {
            float[] f = b.inputs().toArray();
            for (int r = 0; r < b.inputs().size(0); r++) firstFeatures.add(f[r * 5]);
            for (float t : b.targets().toArray()) targets.add(t);
        }
        assertThat(firstFeatures).containsExactly(0f, 1f, 2f, 3f);
        assertThat(targets).containsExactly(2f, 3f, 4f, 5f);
    }
}
