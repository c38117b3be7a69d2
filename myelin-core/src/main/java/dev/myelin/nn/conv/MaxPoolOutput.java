package dev.myelin.nn.conv;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

/**
 * Max pooling's two results, as PyTorch's {@code return_indices=True}: the pooled values and, for each, the
 * position h·W + w of its maximum within its input plane (int32, the shape of the output).
 */
public record MaxPoolOutput(Tensor output, IndexTensor indices) {}
