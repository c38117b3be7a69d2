package dev.myelin.examples;

import dev.myelin.data.graph.KarateClub;
import dev.myelin.graph.Graph;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.graph.GCNConv;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

import java.util.List;
import java.util.stream.Stream;

/**
 * A graph network (docs/GRAPHS.md): two GCN layers classify the 34 members of Zachary's karate club into the two
 * factions from four labelled members (0 and 1: Mr. Hi's, 32 and 33: the officer's). Prints the final loss and
 * "accuracy on the 30 unlabelled members: ..." (0.9667 with seed 42: member 8, with more friends on the other side, is the miss).
 */
public final class GcnKarateClub {
    private GcnKarateClub() {
    }

    public static void main(String[] args) {
        Generator gen = new Generator(42);
        Graph club = KarateClub.graph();                      // 34 members, 78 friendships, identity features, factions as y
        GCNConv conv1 = new GCNConv(34, 16, gen), conv2 = new GCNConv(16, 2, gen);
        Adam optimizer = new Adam(Stream.of(conv1, conv2).flatMap(m -> m.parameters().stream()).toList(), 0.01);
        IndexTensor labelled = IndexTensor.of(new int[] {0, 1, 32, 33}, 4);
        IndexTensor targets = IndexTensor.of(new int[] {0, 0, 1, 1}, 4);
        Tensor logits = null;
        float loss = Float.NaN;
        for (int epoch = 0; epoch < 200; epoch++) {
            logits = conv2.forward(conv1.forward(club.x(), club.edges()).relu(), club.edges());
            Tensor l = new CrossEntropyLoss().forward(logits.indexSelect(0, labelled), targets);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            loss = l.item();
        }
        float[] p = logits.values();
        int[] factions = club.y().toArray();
        List<Integer> known = List.of(0, 1, 32, 33);
        int right = 0;
        for (int i = 0; i < KarateClub.NODES; i++) {
            if (!known.contains(i) && (p[2 * i + 1] > p[2 * i] ? 1 : 0) == factions[i]) right++;
        }
        System.out.printf("final loss %.4f%n", loss);
        System.out.printf("accuracy on the 30 unlabelled members: %.4f%n", right / 30.0);
    }
}
