/**
 * Per-sample transforms and image augmentation on [C, H, W] or [H, W] tensors (a batch [N, C, H, W] image by image, each with its own draw): random crop (shift), rotation,
 * horizontal flip, Gaussian noise and {@link dev.myelin.data.transform.Compose}. All randomness comes from a passed-in generator.
 */
package dev.myelin.data.transform;
