/**
 * Convolution layers with PyTorch semantics (NCHW, weight [out, in/groups, kh, kw]): {@link dev.myelin.nn.conv.Conv1d},
 * {@link dev.myelin.nn.conv.Conv2d}, {@link dev.myelin.nn.conv.ConvTranspose2d}, their functional forms in
 * {@link dev.myelin.nn.conv.ConvF} (on {@code kernel.Conv2dKernel}), the input padding modes,
 * and the other layers for images [N, C, H, W]: pooling (max, average, adaptive; functional forms in {@link dev.myelin.nn.conv.PoolF}),
 * {@code BatchNorm2d}, {@code Dropout2d} and {@code Upsample} (functional forms in {@link dev.myelin.nn.conv.ImageF}).
 *
 * <p>A small CNN for 28×28 grey images, as one would write it with {@code torch.nn}:
 * <pre>{@code
 * var gen = new Generator(42);
 * var model = new Sequential(
 *         new Conv2d(1, 32, 3, 1, 1, gen), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2), // [N, 32, 14, 14]
 *         new Conv2d(32, 64, 3, 1, 1, gen), new ReLU(), new AdaptiveAvgPool2d(1),           // [N, 64, 1, 1]
 *         new Flatten(), new Linear(64, 10, gen));
 * Tensor logits = model.forward(images);                                                   // [N, 10]
 * }</pre>
 */
package dev.myelin.nn.conv;
