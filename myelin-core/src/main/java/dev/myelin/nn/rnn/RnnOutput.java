package dev.myelin.nn.rnn;

import dev.myelin.tensor.Tensor;

/**
 * What {@link RNN} and {@link GRU} return, PyTorch's {@code (output, h_n)}: output [T, B, D·H] ([B, T, D·H]
 * batch first) with the last layer's state at every step, and h [numLayers·D, B, H] the final states.
 *
 * @param output the last layer's hidden state at every step, [T, B, D·H] ([B, T, D·H] batch first)
 * @param h the final hidden state of every layer and direction, [numLayers·D, B, H] (PyTorch's h_n)
 */
public record RnnOutput(Tensor output, Tensor h) {}
