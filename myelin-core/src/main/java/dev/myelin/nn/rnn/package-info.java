/**
 * Recurrent layers as PyTorch's: {@link dev.myelin.nn.rnn.RNN} (tanh or relu), {@link dev.myelin.nn.rnn.LSTM},
 * {@link dev.myelin.nn.rnn.GRU} (layers, directions, dropout between layers, initial states, variable lengths)
 * and the single-step cells; the LSTM and GRU gates run as fused ops on the kernels in {@code dev.myelin.kernel}.
 */
package dev.myelin.nn.rnn;
