package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.graph.KarateClub;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.io.AtomicFiles;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.graph.GCNConv;
import dev.myelin.optim.Adam;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code myelin demo gcn}: semi-supervised node classification on Zachary's karate club, as in Kipf and Welling's
 * GCN paper. Features are the identity (each member a one-hot vector); only two members per faction are labelled
 * (the two leaders, 0 and 33, and one friend of each, 1 and 32). A three-layer GCN (34 → 4 → 4 → 2, tanh) maps every
 * member to a point in the plane and a linear layer classifies the points. The accuracy on the other 30 members is
 * printed and written to {@code summary.json}; {@code embeddings.png} shows the learned 2-D points coloured by the
 * faction each member actually joined.
 */
final class GcnDemo {
    static final int[] LABELLED = {0, 1, 32, 33};
    static final int EPOCHS = 300;
    static final double LR = 0.01;

    private GcnDemo() {}

    /** The GCN paper's karate-club model: three GCN layers down to 2-D embeddings, then a linear classifier. */
    static final class KarateGcn extends Module {
        final GCNConv conv1, conv2, conv3;
        final Linear classifier;

        KarateGcn(Generator gen) {
            conv1 = registerModule("conv1", new GCNConv(KarateClub.NODES, 4, gen));
            conv2 = registerModule("conv2", new GCNConv(4, 4, gen));
            conv3 = registerModule("conv3", new GCNConv(4, 2, gen));
            classifier = registerModule("classifier", new Linear(2, 2, gen));
        }

        /** The 2-D node embeddings [N, 2]. */
        Tensor embed(Tensor x, EdgeIndex edges) {
            return conv3.forward(
                            conv2.forward(conv1.forward(x, edges).tanh(), edges).tanh(), edges)
                    .tanh();
        }
    }

    static int run(PrintStream out, Path dir, long seed) throws IOException {
        Graph club = KarateClub.graph();
        int[] factions = club.y().toArray();
        Generator gen = new Generator(seed);
        KarateGcn model = new KarateGcn(gen);
        Adam optimizer = new Adam(model.parameters(), LR);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        IndexTensor train = IndexTensor.of(LABELLED.clone(), LABELLED.length);
        int[] trainY = new int[LABELLED.length];
        for (int k = 0; k < LABELLED.length; k++) trainY[k] = factions[LABELLED[k]];
        IndexTensor targets = IndexTensor.of(trainY, trainY.length);
        out.printf(
                Locale.ROOT,
                "Zachary's karate club: %d members, %d friendships; labelled: members %s (factions %s)%n",
                club.numNodes(),
                KarateClub.friendships(),
                java.util.Arrays.toString(LABELLED),
                java.util.Arrays.toString(trainY));
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Tensor l = criterion.forward(
                    model.classifier
                            .forward(model.embed(club.x(), club.edges()))
                            .indexSelect(0, train),
                    targets);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            loss = l.item();
            if (epoch % 50 == 0) out.printf(Locale.ROOT, "epoch %3d  loss %.4f%n", epoch, loss);
        }
        Tensor embeddings;
        int[] predicted;
        try (var ignored = NoGrad.enter()) {
            embeddings = model.embed(club.x(), club.edges());
            predicted = model.classifier.forward(embeddings).argmaxIndices(1).toArray();
        }
        boolean[] labelled = new boolean[club.numNodes()];
        for (int i : LABELLED) labelled[i] = true;
        int correct = 0, scored = 0;
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < club.numNodes(); i++) {
            if (labelled[i]) continue;
            scored++;
            if (predicted[i] == factions[i]) correct++;
            else wrong.add(i);
        }
        double accuracy = correct / (double) scored;
        out.printf(
                Locale.ROOT,
                "accuracy on the %d unlabelled members: %.4f (%d/%d)%s%n",
                scored,
                accuracy,
                correct,
                scored,
                wrong.isEmpty() ? "" : "; misclassified: " + wrong);

        Files.createDirectories(dir);
        float[][] xy = new float[club.numNodes()][];
        for (int i = 0; i < xy.length; i++) xy[i] = new float[] {embeddings.get(i, 0), embeddings.get(i, 1)};
        Path plot = dir.resolve("embeddings.png");
        Plots.embeddings(
                xy,
                factions,
                labelled,
                KarateClub.FACTIONS,
                "Karate club: GCN node embeddings (accuracy " + String.format(Locale.ROOT, "%.3f", accuracy) + ")",
                plot);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("demo", "gcn");
        summary.put("dataset", "karate-club");
        summary.put("model", "GCNConv(34, 4) tanh, GCNConv(4, 4) tanh, GCNConv(4, 2) tanh, Linear(2, 2)");
        summary.put("seed", seed);
        summary.put("epochs", EPOCHS);
        summary.put("lr", LR);
        summary.put("labelled_nodes", LABELLED);
        summary.put("final_train_loss", loss);
        summary.put("test_nodes", scored);
        summary.put("test_correct", correct);
        summary.put("test_accuracy", accuracy);
        summary.put("misclassified", wrong);
        summary.put("predicted", predicted);
        summary.put("factions", factions);
        summary.put("faction_names", KarateClub.FACTIONS);
        summary.put("embeddings", xy);
        AtomicFiles.writeString(dir.resolve(RunDirectory.SUMMARY), Json.pretty(summary));
        out.println("embeddings plot written to " + plot + ", summary to " + dir.resolve(RunDirectory.SUMMARY));
        return accuracy >= 0.9 ? 0 : 1;
    }
}
