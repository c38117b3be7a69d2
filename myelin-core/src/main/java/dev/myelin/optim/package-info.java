/**
 * Optimizers (gradient descent, SGD, Adam, AdamW, RMSprop, Adagrad, L-BFGS) with PyTorch's parameter groups,
 * learning-rate schedules that compose as torch 1.13's do, and gradient clipping, with PyTorch's
 * hyperparameter names, defaults and update formulas. Each optimizer declares its settings once
 * ({@link dev.myelin.optim.Setting}) and is a short loop over its parameters with explicit, saveable state.
 *
 * <p>The course's loop, as in PyTorch:
 * <pre>{@code
 * var opt = new SGD(model.parameters(), 0.1).momentum(0.9);
 * var schedule = new StepLR(opt, 30);            // lr × 0.1 every 30 epochs
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     for (var batch : batches) {
 *         opt.zeroGrad();
 *         lossFn.forward(model.forward(batch.x()), batch.y()).backward();
 *         GradClip.clipGradNorm(model.parameters(), 1.0);
 *         opt.step();
 *     }
 *     schedule.step();
 * }
 * }</pre>
 * Per-group settings: {@code new AdamW(WeightDecayGroups.of(model, 0.1), 3e-4)}, or {@link
 * dev.myelin.optim.ParamGroup#of} with overrides. {@link dev.myelin.optim.Optimizer#stateDict()} and the
 * schedulers' state dicts use PyTorch's keys.
 */
package dev.myelin.optim;
