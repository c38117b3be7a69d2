/**
 * Optimizers (gradient descent, SGD, Adam, AdamW, RMSprop, Adagrad), learning-rate schedules and gradient
 * clipping, with PyTorch's hyperparameter names, defaults and update formulas. Each optimizer is a short
 * loop over its parameters with explicit, saveable state.
 */
package dev.myelin.optim;
