package dev.myelin.train;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * What the {@link Trainer} does with one batch, as Lightning's {@code training_step} or a Keras
 * {@code train_step}: any number of forward passes, losses, backward passes and optimizer steps (a GAN's
 * discriminator update followed by its generator update), returning the step's named metrics. The trainer
 * runs the epochs, the callbacks, the history and the checkpoints around it; {@link SupervisedStep} (one model,
 * one loss, one optimizer) is the default.
 *
 * <p>Names: {@link #metricNames()} are the history's columns (each epoch's value is the sample-weighted mean
 * of the batches'); a name ending in "loss" is a loss, and a non-finite loss stops training (a step should not
 * update its weights on one, as the default step does not). Validation metrics appear with a "val_" prefix.
 *
 * @param <B> the batch type of the {@link dev.myelin.data.DataLoader}
 */
public interface TrainStep<B> {
    /**
     * Trains on one batch.
     *
     * @param batch the batch from the training loader
     * @param ctx the running fit: models, optimizers, epoch and batch
     * @return the batch's metrics, exactly the names of {@link #metricNames()}
     */
    StepMetrics step(B batch, TrainingContext ctx);

    /**
     * {@return the names {@link #step} returns, in the order of the history's columns, e.g.
     * {@code ["d_loss", "g_loss"]}}
     */
    List<String> metricNames();

    /**
     * The models this step trains, by name, in a fixed order: the trainer puts them in train mode each epoch and
     * in eval mode for validation; early stopping and checkpoints save and restore them.
     *
     * @return the models by name
     */
    SequencedMap<String, Module> models();

    /**
     * {@return the optimizers this step uses, by name} Their learning rates are logged ("lr", or "lr_NAME" for
     * several) and checkpointed.
     */
    SequencedMap<String, Optimizer> optimizers();

    /**
     * Generators this step draws from itself (a GAN's noise), by name: training checkpoints save them with the
     * loaders' and the models' ({@link dev.myelin.nn.Stochastic}) so a resumed fit draws the same numbers. None by default.
     *
     * @return the step's own generators by name
     */
    default SequencedMap<String, Generator> generators() {
        return new LinkedHashMap<>();
    }

    /** {@return the names {@link #validate} returns (logged as "val_NAME"); empty when this step does not validate} */
    default List<String> validationNames() {
        return List.of();
    }

    /**
     * Scores one validation batch; the trainer runs it with every model in eval mode and without gradients.
     *
     * @param batch the batch from the validation loader
     * @param ctx the running fit
     * @return the batch's metrics, exactly the names of {@link #validationNames()}
     * @throws UnsupportedOperationException by default, for a step that does not validate
     */
    default StepMetrics validate(B batch, TrainingContext ctx) {
        throw new UnsupportedOperationException(
                getClass().getName() + " does not validate (its validationNames() is empty)");
    }
}
