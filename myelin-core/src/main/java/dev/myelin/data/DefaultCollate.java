package dev.myelin.data;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** {@link Collate#defaultCollate()}: one class, so the loader can recognise it and copy rows directly. */
final class DefaultCollate implements Collate<Example, Batch> {
    static final DefaultCollate INSTANCE = new DefaultCollate();

    private DefaultCollate() {}

    @Override
    public Batch apply(List<Example> samples) {
        List<Tensor> features = new ArrayList<>(samples.size()), targets = new ArrayList<>(samples.size());
        for (Example e : samples) {
            features.add(e.features());
            targets.add(e.target());
        }
        return new Batch(Tensor.stack(features, 0), Tensor.stack(targets, 0));
    }
}
