/**
 * The dataset registry for MNIST and Fashion-MNIST: finds the files in {@code $MYELIN_DATA}, {@code ~/.myelin/datasets}
 * or the Linux distribution's location, and otherwise downloads them with SHA-256 verification and atomic placement.
 */
package dev.myelin.data.registry;
