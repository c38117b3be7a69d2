/**
 * Optimizers (gradient descent, SGD, Adam, AdamW, RMSprop, Adagrad) with PyTorch's parameter groups,
 * learning-rate schedules that compose as torch 1.13's do, and gradient clipping, with PyTorch's
 * hyperparameter names, defaults and update formulas. Each optimizer declares its settings once
 * ({@link dev.myelin.optim.Setting}) and is a short loop over its parameters with explicit, saveable state.
 */
package dev.myelin.optim;
