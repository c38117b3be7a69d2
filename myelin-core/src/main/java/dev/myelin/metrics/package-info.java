/**
 * Evaluation metrics with scikit-learn's definitions: accuracy, precision/recall/F1 (per class, macro,
 * weighted, micro; zero_division=0), confusion matrix, the classification report, and MSE/MAE/R².
 */
package dev.myelin.metrics;
