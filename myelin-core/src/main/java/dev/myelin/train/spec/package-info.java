/** The run specification below the CLI and the tuner: the network and optimizer factories ({@link dev.myelin.train.spec.NetworkConfig}) that {@code myelin train}, {@code myelin tune} and the tuning objectives share. */
package dev.myelin.train.spec;
