/**
 * Small array-based preprocessing as scikit-learn's {@code preprocessing}: scalers, label and one-hot encoders on
 * {@code float[][]} (the tensor-based transforms live in dev.myelin.data).
 */
package dev.myelin.estimator.preprocessing;
