package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/** One sample of a {@link Dataset}: its features and its target (a class index or a value). */
public record Example(Tensor features, Tensor target) {}
