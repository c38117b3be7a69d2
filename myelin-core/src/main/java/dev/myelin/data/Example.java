package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/** One supervised sample of a {@code Dataset<Example>}: its features and its target (a class index or a value). */
public record Example(Tensor features, Tensor target) {}
