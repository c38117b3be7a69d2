/**
 * Attention and Transformers as PyTorch's: the functional {@link dev.myelin.nn.attention.AttentionF}
 * (scaled dot-product attention on the fused {@link dev.myelin.kernel.FlashAttention} kernel, or as a composite of
 * tensor ops), {@link dev.myelin.nn.attention.MultiheadAttention}, the encoder and decoder layers and stacks,
 * {@link dev.myelin.nn.attention.Transformer}, and positional encodings (sinusoidal and learned). Masks are
 * {@link dev.myelin.nn.attention.AttentionMask}s, which say whether their values allow, block or add.
 *
 * <p>A causal encoder over batches [N, T, 64], as with {@code torch.nn}:
 * <pre>{@code
 * var gen = new Generator(42);
 * var pos = new SinusoidalPositionalEncoding(64, 0.1, 512, true, gen);
 * var layer = new TransformerEncoderLayer(64, 4, 128, 0.1, Activation.GELU, 1e-5, true, true, gen);
 * var encoder = new TransformerEncoder(layer, 2, new LayerNorm(new int[] {64}, 1e-5, true));
 * var causal = AttentionMask.additive(Transformer.generateSquareSubsequentMask(t));   // [T, T]
 * Tensor h = encoder.forward(pos.forward(x), causal, null);                           // [N, T, 64]
 * }</pre>
 */
package dev.myelin.nn.attention;
