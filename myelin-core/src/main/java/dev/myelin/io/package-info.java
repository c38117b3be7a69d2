/**
 * Model files: tensors in the safetensors format (readable by Python's {@code safetensors} package),
 * state files that carry an architecture in their metadata, and atomic writes (temp file, fsync, rename)
 * for everything persisted. Readers validate sizes and bounds before they allocate.
 */
package dev.myelin.io;
