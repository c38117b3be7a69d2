/**
 * Layers for images [N, C, H, W]: pooling (max, average, adaptive; functional forms in {@link dev.myelin.nn.conv.PoolF}),
 * {@code BatchNorm2d}, {@code Dropout2d} and {@code Upsample} (functional forms in {@link dev.myelin.nn.conv.ImageF}).
 */
package dev.myelin.nn.conv;
