/**
 * Training: the course's loop ({@link dev.myelin.train.Trainer}) over mini-batches, running a replaceable
 * {@link dev.myelin.train.TrainStep} per batch (by default {@link dev.myelin.train.SupervisedStep}; any number of
 * models and optimizers, e.g. a GAN's: {@code dev.myelin.train.gan}), with callbacks for progress, history, early stopping, checkpoints and
 * learning-rate schedules on the step's named metrics.
 *
 * <pre>{@code
 * History history = Trainer.builder()
 *         .model(model).loss(new CrossEntropyLoss()).optimizer(new Adam(model.parameters(), 1e-3))
 *         .metric(BatchMetric.accuracy(0.5f)).epochs(10)
 *         .callback(new EarlyStopping("val_loss", 2, 0.0, true))
 *         .callback(new ModelCheckpoint(Path.of("best.safetensors"), "val_loss"))
 *         .build()
 *         .fit(trainLoader, validationLoader);
 * history.writeCsv(Path.of("history.csv"));
 * }</pre>
 */
package dev.myelin.train;
