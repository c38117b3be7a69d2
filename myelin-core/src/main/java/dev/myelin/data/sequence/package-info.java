/**
 * Sequence data for the recurrent layers: images as sequences of rows ({@link dev.myelin.data.sequence.ImageSequences}),
 * sliding windows over a time series or a token stream ({@link dev.myelin.data.sequence.SlidingWindows}), a
 * character vocabulary for text ({@link dev.myelin.data.sequence.CharVocabulary}) and drawing the next token from a
 * model's scores with a temperature ({@link dev.myelin.data.sequence.Sampling}).
 */
package dev.myelin.data.sequence;
