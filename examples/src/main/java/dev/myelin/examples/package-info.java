/**
 * Complete, runnable programs for a Java developer using Myelin as a library: the README's snippets with their
 * imports, a custom module saved and reloaded by another program, and a Fashion-MNIST training run with a
 * {@code DataLoader}, a {@code Trainer}, callbacks and a {@code ModelCheckpoint}; one program per architecture
 * (CNN, LSTM, Transformer, GCN, GAN). Each sets its seeds and says in its
 * comment what it prints; the build runs every one of them ({@code ExamplesTest}).
 */
package dev.myelin.examples;
