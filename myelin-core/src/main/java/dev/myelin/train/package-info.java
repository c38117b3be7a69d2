/**
 * Training: the course's loop ({@link dev.myelin.train.Trainer}) over mini-batches, running a replaceable
 * {@link dev.myelin.train.TrainStep} per batch (by default {@link dev.myelin.train.SupervisedStep}; any number of
 * models and optimizers, e.g. a GAN's: {@code dev.myelin.train.gan}), with callbacks for progress, history, early stopping, checkpoints and
 * learning-rate schedules on the step's named metrics.
 */
package dev.myelin.train;
