package dev.myelin.cli;

import java.util.List;

/**
 * The baseline a character model has to beat: P(next | previous character) from counts over the training
 * sequences, with add-one (Laplace) smoothing so that an unseen pair is not infinitely surprising.
 */
final class CharBigram {
    private final double[][] logP;

    /** Counts the pairs of consecutive ids in each sequence (ids in [0, vocabulary)). */
    CharBigram(List<int[]> sequences, int vocabulary) {
        long[][] counts = new long[vocabulary][vocabulary];
        for (int[] s : sequences) for (int t = 1; t < s.length; t++) counts[s[t - 1]][s[t]]++;
        logP = new double[vocabulary][vocabulary];
        for (int a = 0; a < vocabulary; a++) {
            long row = vocabulary; // the added ones
            for (long c : counts[a]) row += c;
            for (int b = 0; b < vocabulary; b++) logP[a][b] = Math.log((counts[a][b] + 1.0) / row);
        }
    }

    /** The mean negative log-likelihood (nats) of every id after the first, over all sequences: a cross-entropy loss. */
    double loss(List<int[]> sequences) {
        double sum = 0;
        long n = 0;
        for (int[] s : sequences) for (int t = 1; t < s.length; t++, n++) sum -= logP[s[t - 1]][s[t]];
        return sum / n;
    }
}
