/**
 * Convolution layers with PyTorch semantics (NCHW, weight [out, in/groups, kh, kw]): {@link dev.myelin.nn.conv.Conv1d},
 * {@link dev.myelin.nn.conv.Conv2d}, {@link dev.myelin.nn.conv.ConvTranspose2d}, their functional forms in
 * {@link dev.myelin.nn.conv.ConvF} (on {@code kernel.Conv2dKernel}) and the input padding modes.
 */
package dev.myelin.nn.conv;
