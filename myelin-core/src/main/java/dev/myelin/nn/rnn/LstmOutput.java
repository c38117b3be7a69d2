package dev.myelin.nn.rnn;

import dev.myelin.tensor.Tensor;

/**
 * What {@link LSTM} returns, PyTorch's {@code (output, (h_n, c_n))}: output [T, B, D·H] ([B, T, D·H] batch
 * first), and the final hidden and cell states h, c [numLayers·D, B, H].
 *
 * @param output the last layer's hidden state at every step, [T, B, D·H] ([B, T, D·H] batch first)
 * @param h the final hidden state of every layer and direction, [numLayers·D, B, H] (PyTorch's h_n)
 * @param c the final cell state of every layer and direction, [numLayers·D, B, H] (PyTorch's c_n)
 */
public record LstmOutput(Tensor output, Tensor h, Tensor c) {}
