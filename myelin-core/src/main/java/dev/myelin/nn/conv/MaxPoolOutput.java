package dev.myelin.nn.conv;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

/**
 * Max pooling's two results, as PyTorch's {@code return_indices=True}: the pooled values and, for each, the
 * position h·W + w of its maximum within its input plane (int32, the shape of the output).
 *
 * @param output  the pooled values, [N, C, H_out, W_out] (or unbatched [C, H_out, W_out])
 * @param indices the flat position h·W + w of each maximum in its input plane, the shape of {@code output}
 */
public record MaxPoolOutput(Tensor output, IndexTensor indices) {}
