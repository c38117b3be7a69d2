/**
 * Charts for training runs: loss/accuracy curves, confusion matrices, decision boundaries, loss surfaces,
 * image grids, a convolutional network's filters and feature maps, and a forecast against the truth, written as PNG or SVG (chosen by the file extension) with XChart and java.awt.
 * {@link dev.myelin.plot.Plots} is the entry point; inputs are plain Java arrays.
 */
package dev.myelin.plot;
