package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.sequence.CharVocabulary;
import dev.myelin.data.sequence.Sampling;
import dev.myelin.io.AtomicFiles;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.optim.AdamW;
import dev.myelin.optim.GradClip;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.WeightDecayGroups;
import dev.myelin.plot.FeatureMap;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.spec.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code myelin demo gpt}: a small decoder-only Transformer ({@link CharGpt}) learns to continue text one
 * character at a time from the quotations of Debian's {@code fortunes} package ({@link FortuneText}), then writes
 * new text from a prompt. A tenth of the quotations (drawn with the seed) is held out; the training windows are
 * {@code context + 1} characters at random places of the other nine tenths, each position predicting the next
 * character. AdamW (weight decay 0.1 on the weight matrices only), a linear warm-up then cosine decay of the rate,
 * gradients clipped to norm 1, as minGPT trains. The held-out loss per character is compared with a character
 * bigram model's ({@link CharBigram}) on the same windows; the attention of every head for one held-out window
 * goes to {@code attention.png}, the samples to {@code samples.txt}.
 */
final class GptDemo {
    static final double LR = 3e-3, WEIGHT_DECAY = 0.1, CLIP = 1.0, DROPOUT = 0.1;
    /** Held-out windows scored at the end (at most), and during training (a quick estimate). */
    static final int EVAL_WINDOWS = 1024, QUICK_WINDOWS = 128, REPORTS = 6;

    private GptDemo() {}

    static int run(PrintStream out, Path dir, GptOptions o, double temperature) throws IOException {
        o.check();
        if (!(temperature > 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("--temperature must be positive, got " + temperature);
        List<String> quotes = FortuneText.quotations(o.text, out);
        Generator gen = new Generator(o.seed);
        int[] order = gen.permutation(quotes.size());
        int heldOut = Math.max(1, quotes.size() / 10);
        StringBuilder trainText = new StringBuilder(), valText = new StringBuilder();
        for (int i = 0; i < order.length; i++)
            (i < heldOut ? valText : trainText).append(quotes.get(order[i])).append("\n\n");
        CharVocabulary vocabulary = CharVocabulary.of(trainText.toString() + valText);
        int[] train = vocabulary.encode(trainText), val = vocabulary.encode(valText);
        int window = o.context + 1;
        if (train.length < window || val.length < window)
            throw new IllegalArgumentException("the text is too short for --context " + o.context + ": " + train.length
                    + " training and " + val.length + " held-out characters; use a shorter context or more text");
        int[] prompt = encodePrompt(vocabulary, o.prompt);
        out.printf(
                Locale.ROOT,
                "%d quotations: %d characters for training, %d held out; %d distinct characters%n",
                quotes.size(),
                train.length,
                val.length,
                vocabulary.size());

        List<int[]> valWindows = windows(val, window, EVAL_WINDOWS);
        double bigramLoss = new CharBigram(List.of(train), vocabulary.size()).loss(valWindows);
        CharGpt model = new CharGpt(vocabulary.size(), o.context, o.layers, o.heads, o.dim, DROPOUT, gen);
        AdamW optimizer = new AdamW(WeightDecayGroups.of(model, WEIGHT_DECAY), LR);
        int warmup = Math.max(1, Math.min(100, o.steps / 10));
        LRScheduler schedule = o.steps > warmup ? RunSpec.warmupCosine(optimizer, warmup, o.steps) : null;
        out.printf(
                Locale.ROOT,
                "model: %d blocks of dim %d, %d heads, context %d, %d parameters; %d steps of %d windows, AdamW lr %s "
                        + "(warm-up %d steps, cosine decay), weight decay %s, clip %s%n",
                o.layers,
                o.dim,
                o.heads,
                o.context,
                model.parameterCount(),
                o.steps,
                o.batchSize,
                LR,
                warmup,
                WEIGHT_DECAY,
                CLIP);
        out.printf(Locale.ROOT, "character bigram model: held-out loss %.4f per character%n", bigramLoss);

        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Generator batches = gen.split();
        long start = System.nanoTime();
        double running = Double.NaN;
        int every = Math.max(1, o.steps / REPORTS);
        for (int step = 1; step <= o.steps; step++) {
            Tensor[] b = batch(train, o.batchSize, window, batches);
            Tensor loss = criterion.forward(
                    model.forward(b[0]).reshape(-1, vocabulary.size()), IndexTensor.of(toInts(b[1]), b[1].numel()));
            optimizer.zeroGrad();
            loss.backward();
            GradClip.clipGradNorm(model.parameters(), CLIP);
            optimizer.step();
            if (schedule != null) schedule.step();
            float l = loss.item();
            if (!Float.isFinite(l))
                throw new IllegalStateException("demo gpt: the training loss became " + l + " at step " + step);
            running = Double.isNaN(running) ? l : 0.95 * running + 0.05 * l;
            if (step % every == 0 || step == o.steps)
                out.printf(
                        Locale.ROOT,
                        "step %d/%d  train loss %.4f  held-out loss %.4f  (%.0f s)%n",
                        step,
                        o.steps,
                        running,
                        loss(
                                model,
                                valWindows.subList(0, Math.min(QUICK_WINDOWS, valWindows.size())),
                                vocabulary.size()),
                        (System.nanoTime() - start) / 1e9);
        }
        double gptLoss = loss(model, valWindows, vocabulary.size());
        out.printf(
                Locale.ROOT,
                "held-out loss per character (nats, %d windows of %d): Transformer %.4f, character bigram %.4f%n",
                valWindows.size(),
                window,
                gptLoss,
                bigramLoss);
        out.println(
                gptLoss < bigramLoss
                        ? "the Transformer predicts held-out text better than the bigram model"
                        : "the Transformer does not beat the bigram model here (too few steps or too little text)");

        Files.createDirectories(dir);
        StringBuilder samples = new StringBuilder();
        out.printf(
                Locale.ROOT,
                "sampled at temperature %s, top-k %d, from the prompt \"%s\":%n",
                temperature,
                o.topK,
                o.prompt);
        for (int s = 0; s < 3; s++) {
            String text =
                    sample(model, vocabulary, prompt, o.length, temperature, o.topK, new Generator(o.seed + 1 + s));
            samples.append("--- sample ")
                    .append(s + 1)
                    .append(" (temperature ")
                    .append(temperature)
                    .append(", top-k ")
                    .append(o.topK)
                    .append(")\n")
                    .append(text)
                    .append("\n\n");
            if (s == 0) out.println(text);
        }
        AtomicFiles.writeString(dir.resolve("samples.txt"), samples.toString());
        Path picture = dir.resolve("attention.png");
        plotAttention(model, valWindows.get(0), vocabulary, picture);
        out.println(
                "samples written to " + dir.resolve("samples.txt") + "; attention weights of each head to " + picture);
        return 0;
    }

    /** The prompt's ids; a character the text never holds is refused by name. */
    private static int[] encodePrompt(CharVocabulary vocabulary, String prompt) {
        for (int i = 0; i < prompt.length(); ) {
            int cp = prompt.codePointAt(i);
            if (!vocabulary.contains(cp))
                throw new IllegalArgumentException(
                        "--prompt: the character '" + new String(Character.toChars(cp)) + "' never occurs in the text");
            i += Character.charCount(cp);
        }
        return vocabulary.encode(prompt);
    }

    /** Up to {@code max} consecutive non-overlapping windows of {@code length} ids from the start of {@code ids}. */
    static List<int[]> windows(int[] ids, int length, int max) {
        List<int[]> w = new ArrayList<>();
        for (int s = 0; s + length <= ids.length && w.size() < max; s += length)
            w.add(java.util.Arrays.copyOfRange(ids, s, s + length));
        return w;
    }

    /** Inputs [B, T] and targets [B, T] (the inputs shifted by one) of {@code b} windows at random starts. */
    private static Tensor[] batch(int[] ids, int b, int window, Generator gen) {
        int t = window - 1;
        float[] x = new float[b * t], y = new float[b * t];
        for (int i = 0; i < b; i++) {
            int s = (int) (gen.nextDouble() * (ids.length - window + 1));
            for (int j = 0; j < t; j++) {
                x[i * t + j] = ids[s + j];
                y[i * t + j] = ids[s + j + 1];
            }
        }
        return new Tensor[] {new Tensor(x, b, t), new Tensor(y, b, t)};
    }

    private static int[] toInts(Tensor t) {
        float[] v = t.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    /** The mean loss per predicted character over the windows (each predicts its last {@code length − 1} ids), in eval mode. */
    private static double loss(CharGpt model, List<int[]> windows, int vocabulary) {
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        double total = 0;
        int n = 0;
        model.eval();
        try (var ignored = NoGrad.enter()) {
            for (int i = 0; i < windows.size(); i += 64) {
                List<int[]> part = windows.subList(i, Math.min(windows.size(), i + 64));
                int t = part.get(0).length - 1;
                float[] x = new float[part.size() * t];
                int[] y = new int[part.size() * t];
                for (int w = 0; w < part.size(); w++)
                    for (int j = 0; j < t; j++) {
                        x[w * t + j] = part.get(w)[j];
                        y[w * t + j] = part.get(w)[j + 1];
                    }
                Tensor scores = model.forward(new Tensor(x, part.size(), t)).reshape(-1, vocabulary);
                total += criterion.forward(scores, IndexTensor.of(y, y.length)).item() * y.length;
                n += y.length;
            }
        } finally {
            model.train();
        }
        return total / n;
    }

    /** The prompt followed by {@code length} characters, each drawn from the scores of the last {@code context} characters. */
    static String sample(
            CharGpt model,
            CharVocabulary vocabulary,
            int[] prompt,
            int length,
            double temperature,
            int topK,
            Generator gen) {
        List<Integer> ids = new ArrayList<>();
        for (int id : prompt) ids.add(id);
        int v = vocabulary.size();
        model.eval();
        try (var ignored = NoGrad.enter()) {
            for (int i = 0; i < length; i++) {
                int from = Math.max(0, ids.size() - model.context()), t = ids.size() - from;
                float[] x = new float[t];
                for (int j = 0; j < t; j++) x[j] = ids.get(from + j);
                float[] scores = model.forward(new Tensor(x, 1, t)).contiguous().toArray();
                ids.add(Sampling.sample(scores, (t - 1) * v, v, temperature, topK, gen));
            }
        } finally {
            model.train();
        }
        return vocabulary.decode(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every block's heads attending over one held-out window (its first {@code context} characters), one heat map each. */
    private static void plotAttention(CharGpt model, int[] window, CharVocabulary vocabulary, Path file) {
        int t = window.length - 1;
        float[] x = new float[t];
        for (int j = 0; j < t; j++) x[j] = window[j];
        List<float[]> weights;
        model.eval();
        try (var ignored = NoGrad.enter()) {
            weights = model.attentionWeights(new Tensor(x, 1, t));
        } finally {
            model.train();
        }
        List<FeatureMap> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++)
            layers.add(new FeatureMap("block " + (l + 1), weights.get(l), model.heads(), t, t));
        String text = vocabulary
                .decode(java.util.Arrays.copyOf(window, Math.min(t, 40)))
                .replace("\n", "\\n");
        Plots.attention(layers, "causal self-attention over \"" + text + (t > 40 ? "..." : "") + "\"", file);
    }
}
