package dev.myelin.nn;

/**
 * A max pooling module (the maximum over windows): it commutes with a monotone activation such as ReLU, which
 * {@link Sequential} uses to run a ReLU after the pool instead of before it, on fewer elements.
 */
public interface MaxPooling {
    /** {@return whether forward returns just the pooled values (no indices beside them), so the swap is invisible} */
    boolean poolsOnly();
}
