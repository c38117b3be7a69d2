package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.sequence.CharVocabulary;
import dev.myelin.data.sequence.Sampling;
import dev.myelin.io.AtomicFiles;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Reduction;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.nn.rnn.LstmOutput;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code myelin demo names}: a character-level LSTM learns to spell English words and then makes up new ones. The
 * words are the lowercase entries of Debian's {@code wamerican} list ({@code /usr/share/dict/words}), or a small
 * built-in list when that is not installed; a tenth is held out. Each word is a sequence "\n w o r d \n" and the model
 * predicts every next character at once (a padded batch with lengths, padding ignored by the loss). It is compared
 * with a character bigram model on the held-out words, then samples words at a temperature.
 */
final class NamesDemo {
    static final Path WORDS = Path.of("/usr/share/dict/words");
    static final int EMBEDDING = 32, HIDDEN = 128, BATCH = 64, EPOCHS = 2, SAMPLES = 15, MAX_LENGTH = 24;
    /** Optimizer steps at least: a short word list gets more epochs (the full list takes 2 epochs of ~900 steps). */
    static final int MIN_STEPS = 100;

    static final double LR = 3e-3;
    /** Start and end of every word. */
    static final char BOUNDARY = '\n';

    private NamesDemo() {}

    /** The model: embedding, one batch-first LSTM layer, a linear layer to the scores of the next character at every step. */
    static final class CharLstm extends Module {
        final Embedding embedding;
        final LSTM lstm;
        final Linear fc;

        CharLstm(int vocabulary, Generator gen) {
            embedding = registerModule("embedding", new Embedding(vocabulary, EMBEDDING, gen));
            lstm = registerModule("lstm", new LSTM(EMBEDDING, HIDDEN, 1, true, true, 0, false, gen));
            fc = registerModule("fc", new Linear(HIDDEN, vocabulary, gen));
        }

        /** Scores [B, T, V] for padded ids [B, T] (as floats) of sequences of the given lengths, from zero states. */
        Tensor forward(Tensor ids, int[] lengths) {
            return fc.forward(lstm.forward(embedding.forward(ids), lengths).output());
        }

        /** One step from state (h, c) (null: zeros) for one id: the LSTM's output and new state. */
        LstmOutput step(int id, Tensor h, Tensor c) {
            return lstm.forward(embedding.forward(new Tensor(new float[] {id}, 1, 1)), h, c, null);
        }
    }

    /** Trains on the words of {@code wordFile} (null: the system list, or the built-in one), writes samples.txt to {@code dir}. */
    static int run(PrintStream out, Path dir, Path wordFile, double temperature, long seed) throws IOException {
        if (!(temperature > 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("--temperature must be positive, got " + temperature);
        List<String> words = words(wordFile, out);
        CharVocabulary vocabulary = CharVocabulary.of(BOUNDARY + String.join("", words));
        Generator gen = new Generator(seed);
        int[] order = gen.permutation(words.size());
        int heldOut = Math.max(1, words.size() / 10);
        List<int[]> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < order.length; i++)
            (i < heldOut ? test : train).add(vocabulary.encode(BOUNDARY + words.get(order[i]) + BOUNDARY));
        out.printf(
                Locale.ROOT,
                "%d words for training, %d held out; %d characters with the word boundary%n",
                train.size(),
                test.size(),
                vocabulary.size());

        CharBigram bigram = new CharBigram(train, vocabulary.size());
        CharLstm model = new CharLstm(vocabulary.size(), gen);
        Adam optimizer = new Adam(model.parameters(), LR);
        CrossEntropyLoss sum = new CrossEntropyLoss(Reduction.SUM);
        StringBuilder samples = new StringBuilder();
        Set<String> known = new HashSet<>(words);
        Files.createDirectories(dir);
        double trainLoss = Double.NaN, testLoss = Double.NaN;
        int perEpoch = (train.size() + BATCH - 1) / BATCH,
                epochs = Math.max(EPOCHS, (MIN_STEPS + perEpoch - 1) / perEpoch);
        int every = Math.max(1, epochs / 10); // about ten reports
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double total = 0;
            long predicted = 0;
            for (List<int[]> batch : batches(train, gen)) {
                Batch b = Batch.of(batch);
                Tensor loss = sum.forward(model.forward(b.inputs, b.lengths).reshape(-1, vocabulary.size()), b.targets);
                optimizer.zeroGrad();
                loss.div(b.predicted).backward(); // the mean over the batch's characters
                optimizer.step();
                total += loss.item();
                predicted += b.predicted;
            }
            trainLoss = total / predicted;
            if (epoch % every != 0 && epoch != epochs) continue;
            testLoss = loss(model, test, vocabulary.size());
            out.printf(
                    Locale.ROOT,
                    "epoch %d/%d  train loss %.4f  held-out loss %.4f  (%.1f s)%n",
                    epoch,
                    epochs,
                    trainLoss,
                    testLoss,
                    (System.nanoTime() - start) / 1e9);
            samples.append("epoch ")
                    .append(epoch)
                    .append(" (temperature ")
                    .append(temperature)
                    .append("):\n");
            for (String w : sample(model, vocabulary, SAMPLES, temperature, new Generator(seed + epoch)))
                samples.append(w)
                        .append(known.contains(w) ? "  (in the list)" : "")
                        .append('\n');
            samples.append('\n');
            AtomicFiles.writeString(dir.resolve("samples.txt"), samples.toString());
        }
        double bigramLoss = bigram.loss(test);
        out.printf(
                Locale.ROOT,
                "loss per character (nats): LSTM %.4f on training words, %.4f on held-out words; "
                        + "character bigram %.4f on held-out words (%.4f on training words)%n",
                trainLoss,
                testLoss,
                bigramLoss,
                bigram.loss(train));
        out.println(
                testLoss < bigramLoss
                        ? "the LSTM predicts held-out words better than the bigram model"
                        : "the LSTM does not beat the bigram model on held-out words here (too few words or epochs)");
        out.printf(Locale.ROOT, "new words at temperature %s (a word already in the list is marked):%n", temperature);
        for (String w : sample(model, vocabulary, SAMPLES, temperature, new Generator(seed)))
            out.println("  " + w + (known.contains(w) ? "  (in the list)" : ""));
        out.println("samples of every epoch written to " + dir.resolve("samples.txt"));
        return 0;
    }

    /**
     * The words of lowercase letters a-z, one a line, of {@code file}; with null, of the system word list, or of the
     * built-in list when that is not installed.
     */
    static List<String> words(Path file, PrintStream out) throws IOException {
        List<String> lines;
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IOException("--words " + file + ": no such file");
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            out.println("words from " + file);
        } else if (Files.isRegularFile(WORDS)) {
            lines = Files.readAllLines(WORDS, StandardCharsets.UTF_8);
            out.println("words from " + WORDS + " (Debian's wamerican)");
        } else {
            lines = builtInWords();
            out.println(WORDS + " not found (apt-get install wamerican); using the built-in list of " + lines.size()
                    + " words");
        }
        List<String> words = lines.stream()
                .map(String::strip)
                .filter(w -> w.matches("[a-z]+"))
                .distinct()
                .toList();
        if (words.size() < 2)
            throw new IOException((file != null ? "--words " + file : WORDS.toString())
                    + " holds fewer than two words of lowercase letters a-z");
        return words;
    }

    /** The small word list the demo falls back on (resource words.txt, one word a line). */
    static List<String> builtInWords() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(NamesDemo.class.getResourceAsStream("words.txt"), "resource words.txt"),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    /**
     * The training sequences in batches for one epoch: shuffled, then sorted by length within groups of 16 batches so
     * that a batch pads little, and the batches in random order.
     */
    private static List<List<int[]>> batches(List<int[]> sequences, Generator gen) {
        int[] order = gen.permutation(sequences.size());
        List<List<int[]>> batches = new ArrayList<>();
        for (int g = 0; g < order.length; g += 16 * BATCH) {
            List<int[]> group = new ArrayList<>();
            for (int i = g; i < Math.min(order.length, g + 16 * BATCH); i++) group.add(sequences.get(order[i]));
            group.sort(Comparator.comparingInt(s -> s.length));
            for (int i = 0; i < group.size(); i += BATCH)
                batches.add(group.subList(i, Math.min(group.size(), i + BATCH)));
        }
        int[] batchOrder = gen.permutation(batches.size());
        return Arrays.stream(batchOrder).mapToObj(batches::get).toList();
    }

    /** The mean loss per predicted character over {@code sequences}, in eval mode without a graph. */
    private static double loss(CharLstm model, List<int[]> sequences, int vocabulary) {
        CrossEntropyLoss sum = new CrossEntropyLoss(Reduction.SUM);
        double total = 0;
        long predicted = 0;
        model.eval();
        try (var ignored = NoGrad.enter()) {
            for (int i = 0; i < sequences.size(); i += 512) {
                Batch b = Batch.of(sequences.subList(i, Math.min(sequences.size(), i + 512)));
                total += sum.forward(model.forward(b.inputs, b.lengths).reshape(-1, vocabulary), b.targets)
                        .item();
                predicted += b.predicted;
            }
        } finally {
            model.train();
        }
        return total / predicted;
    }

    /** {@code n} words, each drawn character by character from the boundary until the next boundary. */
    static List<String> sample(CharLstm model, CharVocabulary vocabulary, int n, double temperature, Generator gen) {
        int boundary = vocabulary.encode(String.valueOf(BOUNDARY))[0];
        List<String> words = new ArrayList<>();
        model.eval();
        try (var ignored = NoGrad.enter()) {
            for (int w = 0; w < n; w++) {
                StringBuilder word = new StringBuilder();
                Tensor h = null, c = null;
                int id = boundary;
                while (word.length() < MAX_LENGTH) {
                    LstmOutput o = model.step(id, h, c);
                    h = o.h();
                    c = o.c();
                    float[] scores = model.fc.forward(o.output()).toArray();
                    id = Sampling.sample(scores, 0, scores.length, temperature, gen);
                    if (id == boundary) break;
                    word.appendCodePoint(vocabulary.codePoint(id));
                }
                words.add(word.toString());
            }
        } finally {
            model.train();
        }
        return words;
    }

    /**
     * A padded batch: inputs [B, T] (every sequence but its last id), targets [B·T] (every sequence but its first id,
     * −100 past its end, which the loss ignores), the lengths and how many targets count.
     */
    private record Batch(Tensor inputs, IndexTensor targets, int[] lengths, int predicted) {
        static Batch of(List<int[]> sequences) {
            int b = sequences.size(), steps = 0, predicted = 0;
            for (int[] s : sequences) steps = Math.max(steps, s.length - 1);
            float[] in = new float[b * steps];
            int[] target = new int[b * steps], lengths = new int[b];
            Arrays.fill(target, -100);
            for (int i = 0; i < b; i++) {
                int[] s = sequences.get(i);
                lengths[i] = s.length - 1;
                predicted += lengths[i];
                for (int t = 0; t < lengths[i]; t++) {
                    in[i * steps + t] = s[t];
                    target[i * steps + t] = s[t + 1];
                }
            }
            return new Batch(new Tensor(in, b, steps), IndexTensor.of(target, b * steps), lengths, predicted);
        }
    }
}
