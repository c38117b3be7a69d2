package dev.myelin.train.spec;

import dev.myelin.data.TensorDataset;

/**
 * The parts of a data set one run uses, as {@link RunSpec#split} cuts them.
 *
 * @param train the examples the model is fitted on
 * @param validation the examples scored after every epoch; null when the run holds none out
 * @param test the held-out examples (the data set's own test part, or a seeded fifth of its training part)
 */
public record RunData(TensorDataset train, TensorDataset validation, TensorDataset test) {}
