package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/**
 * One supervised sample of a {@code Dataset<Example>}: its features and its target (a class index or a value).
 *
 * @param features the sample's features, without a batch dimension (e.g. [C, H, W] for an image)
 * @param target the sample's target: a scalar class index or value, or a tensor of values
 */
public record Example(Tensor features, Tensor target) {}
