package dev.myelin.nn.rnn;

import dev.myelin.tensor.Tensor;

/**
 * The state an {@link LSTMCell} returns, PyTorch's {@code (h_1, c_1)}: both [B, H] ([H] unbatched).
 *
 * @param h the next hidden state
 * @param c the next cell state
 */
public record LstmState(Tensor h, Tensor c) {}
