/**
 * The {@code myelin} command (picocli): train, eval, predict, demo and info. Commands turn user errors
 * (bad files, bad data, bad flags) into one-line messages; the library does the work.
 */
package dev.myelin.cli;
