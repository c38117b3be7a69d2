/**
 * Reverse-mode automatic differentiation: the tape node each op records, the engine that walks it in
 * reverse topological order, the no-grad scope, and a finite-difference gradient checker.
 */
package dev.myelin.autograd;
