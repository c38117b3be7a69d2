/**
 * Attention and Transformers as PyTorch's: the functional {@link dev.myelin.nn.attention.AttentionF}
 * (scaled dot-product attention on the fused {@link dev.myelin.kernel.FlashAttention} kernel, or as a composite of
 * tensor ops), {@link dev.myelin.nn.attention.MultiheadAttention}, the encoder and decoder layers and stacks,
 * {@link dev.myelin.nn.attention.Transformer}, and positional encodings (sinusoidal and learned).
 */
package dev.myelin.nn.attention;
