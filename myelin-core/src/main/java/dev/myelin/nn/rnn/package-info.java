/**
 * Recurrent layers as PyTorch's: {@link dev.myelin.nn.rnn.RNN} (tanh or relu), {@link dev.myelin.nn.rnn.LSTM},
 * {@link dev.myelin.nn.rnn.GRU} (layers, directions, dropout between layers, initial states, variable lengths)
 * and the single-step cells. Each layer and direction runs as one op over the whole sequence on the kernels in
 * {@code dev.myelin.kernel} ({@code SequenceOp}); the cells' LSTM and GRU gates are fused ops too.
 */
package dev.myelin.nn.rnn;
