/**
 * Ready-made {@link dev.myelin.tune.Objective}s: train a network ({@link dev.myelin.tune.objective.ModuleObjective})
 * or a scikit-learn-style estimator ({@link dev.myelin.tune.objective.EstimatorObjective}) from a
 * {@link dev.myelin.tune.Config} and return its validation score.
 */
package dev.myelin.tune.objective;
