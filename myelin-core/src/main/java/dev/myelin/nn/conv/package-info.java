/**
 * Convolution layers with PyTorch semantics (NCHW, weight [out, in/groups, kh, kw]): {@link dev.myelin.nn.conv.Conv1d},
 * {@link dev.myelin.nn.conv.Conv2d}, {@link dev.myelin.nn.conv.ConvTranspose2d}, their functional forms in
 * {@link dev.myelin.nn.conv.ConvF} (on {@code kernel.Conv2dKernel}), the input padding modes,
 * and the other layers for images [N, C, H, W]: pooling (max, average, adaptive; functional forms in {@link dev.myelin.nn.conv.PoolF}),
 * {@code BatchNorm2d}, {@code Dropout2d} and {@code Upsample} (functional forms in {@link dev.myelin.nn.conv.ImageF}).
 */
package dev.myelin.nn.conv;
