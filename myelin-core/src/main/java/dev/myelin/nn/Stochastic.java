package dev.myelin.nn;

import dev.myelin.tensor.Generator;

/**
 * A module that draws random numbers while it runs, not only when it is built (dropout, a recurrent layer's
 * dropout between layers). Its generator is part of a training run's state: training checkpoints save it, so a
 * resumed run draws the same masks as an uninterrupted one.
 */
public interface Stochastic {
    /** {@return the generator this module draws from while it runs (often shared with other modules of the model)} */
    Generator generator();
}
