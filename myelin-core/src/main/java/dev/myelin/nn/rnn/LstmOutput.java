package dev.myelin.nn.rnn;

import dev.myelin.tensor.Tensor;

/**
 * What {@link LSTM} returns, PyTorch's {@code (output, (h_n, c_n))}: output [T, B, D·H] ([B, T, D·H] batch
 * first), and the final hidden and cell states h, c [numLayers·D, B, H].
 */
public record LstmOutput(Tensor output, Tensor h, Tensor c) {}
