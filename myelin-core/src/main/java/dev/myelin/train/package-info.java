/**
 * Training: the course's loop ({@link dev.myelin.train.Trainer}) over mini-batches, with callbacks for
 * progress, history, early stopping, checkpoints and learning-rate schedules.
 */
package dev.myelin.train;
