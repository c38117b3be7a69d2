package dev.myelin.data.split;

import java.util.ArrayList;
import java.util.List;

/** Turns a per-sample fold assignment into (train, test) index pairs, both in ascending order. */
final class Folds {
    private Folds() {}

    static List<IndexSplit> fromAssignment(int[] fold, int nSplits) {
        List<IndexSplit> out = new ArrayList<>();
        for (int f = 0; f < nSplits; f++) {
            int nTest = 0;
            for (int v : fold) if (v == f) nTest++;
            int[] test = new int[nTest], train = new int[fold.length - nTest];
            int a = 0, b = 0;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) test[a++] = i;
                else train[b++] = i;
            }
            out.add(new IndexSplit(train, test));
        }
        return out;
    }
}
