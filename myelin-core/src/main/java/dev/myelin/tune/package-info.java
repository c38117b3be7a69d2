/**
 * Hyperparameter search: a {@link dev.myelin.tune.SearchSpace} of named dimensions, an {@link dev.myelin.tune.Objective}
 * to minimize or maximize, strategies (grid, random, particle swarm, genetic, successive halving) and a
 * {@link dev.myelin.tune.Tuner} that runs trials in parallel, logs them as JSON lines and resumes interrupted searches.
 */
package dev.myelin.tune;
