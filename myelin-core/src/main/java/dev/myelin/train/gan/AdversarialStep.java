package dev.myelin.train.gan;

import dev.myelin.data.Batch;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.train.TrainStep;
import java.util.SequencedMap;

/**
 * A training step over a generator and a discriminator (or critic): the models, optimizers and noise stream the
 * trainer checkpoints and restores are those of its {@link GanModels}.
 */
public interface AdversarialStep extends TrainStep<Batch> {
    /** {@return the two models, their optimizers and the noise stream} */
    GanModels gan();

    @Override
    default SequencedMap<String, Module> models() {
        return gan().models();
    }

    @Override
    default SequencedMap<String, Optimizer> optimizers() {
        return gan().optimizers();
    }

    @Override
    default SequencedMap<String, Generator> generators() {
        return gan().generators();
    }
}
