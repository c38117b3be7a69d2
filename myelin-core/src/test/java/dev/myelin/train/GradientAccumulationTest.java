package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.LinearLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation: for a mean loss, N batches of B with the optimizer stepped every N batches give the
 * weights of one batch of N·B, epoch after epoch, including an epoch's shorter last group.
 */
class GradientAccumulationTest {
    private static TensorDataset data(int n) {
        Generator g = new Generator(11);
        return new TensorDataset(Tensor.randn(g, n, 5), Tensor.randn(g, n, 2));
    }

    private static Module net() {
        return new MLP(5, List.of(8), 2, new Generator(3));
    }

    /** Trains a fresh copy of the same network without shuffling and returns its final parameters. */
    private static List<float[]> train(
            TensorDataset data, int batchSize, int accumulate, Function<Module, Optimizer> optimizer, int epochs) {
        Module model = net();
        Trainer<Batch> t = Trainer.builder()
                .model(model)
                .loss(new MSELoss())
                .optimizer(optimizer.apply(model))
                .epochs(epochs)
                .accumulate(accumulate)
                .callback(new Callback() {})
                .build();
        t.fit(DataLoader.builder(data).batchSize(batchSize).build(), null);
        List<float[]> out = new ArrayList<>();
        model.parameters().forEach(p -> out.add(p.data().clone()));
        return out;
    }

    private static void assertSameWeights(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++)
            for (int j = 0; j < a.get(i).length; j++)
                assertThat(a.get(i)[j])
                        .as("parameter %d[%d]", i, j)
                        .isCloseTo(b.get(i)[j], org.assertj.core.data.Offset.offset(2e-6f));
    }

    @Test
    void fourBatchesOfEightStepLikeOneBatchOfThirtyTwoWithSgd() {
        TensorDataset d = data(64);
        Function<Module, Optimizer> sgd = m -> new SGD(m.parameters(), 0.1).momentum(0.9);
        List<float[]> accumulated = train(d, 8, 4, sgd, 3),
                large = train(d, 32, 1, sgd, 3),
                plain = train(d, 8, 1, sgd, 3);
        assertSameWeights(accumulated, large);
        // and the accumulation did something: stepping every small batch ends elsewhere
        assertThat(accumulated.get(0)[0]).isNotCloseTo(plain.get(0)[0], org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void anEpochsShorterLastGroupIsTheMeanOfItsBatchesAsAShorterLastBatchIs() {
        // 40 examples: batches of 8 grouped by 2 are 16, 16, 8 examples, as batches of 16 are
        TensorDataset d = data(40);
        Function<Module, Optimizer> adam = m -> new Adam(m.parameters(), 0.01);
        assertSameWeights(train(d, 8, 2, adam, 2), train(d, 16, 1, adam, 2));
    }

    @Test
    void aSchedulePerOptimizerStepCountsGroupsNotBatches() {
        TensorDataset d = data(40); // 5 batches of 8 with accumulate 2: 3 optimizer steps an epoch
        Module model = net();
        Optimizer opt = new SGD(model.parameters(), 1.0);
        LRScheduler warm = new LinearLR(opt, 0.25, 1.0, 12);
        Trainer.builder()
                .model(model)
                .loss(new MSELoss())
                .optimizer(opt)
                .epochs(2)
                .accumulate(2)
                .callback(LRSchedulerCallback.everyOptimizerStep(warm, 2))
                .build()
                .fit(DataLoader.builder(d).batchSize(8).build(), null);
        // 6 steps of the warm-up from 0.25 towards 1 over 12: 0.25 + 0.75 * 6 / 12
        assertThat(opt.learningRate()).isCloseTo(0.625, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void accumulateBelowOneIsRefused() {
        assertThatThrownBy(() -> Trainer.builder().accumulate(0)).hasMessageContaining("accumulate must be >= 1");
        Module model = net();
        assertThatThrownBy(
                        () -> new SupervisedStep(model, new MSELoss(), new SGD(model.parameters(), 0.1), null, 0, -2))
                .hasMessageContaining("accumulate must be >= 1 batch, got -2");
    }
}
