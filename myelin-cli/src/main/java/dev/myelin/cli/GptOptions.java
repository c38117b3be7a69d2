package dev.myelin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags of {@code myelin demo gpt}: the text, the network's size, the training length and the sampling. */
final class GptOptions {
    @Option(
            names = "--text",
            paramLabel = "FILE|DIR",
            description = "For gpt: quotation files (text separated by lines of %%) instead of "
                    + "/usr/share/games/fortunes.")
    Path text;

    @Option(
            names = "--steps",
            description = "For gpt: optimizer steps (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int steps;

    @Option(
            names = "--layers",
            description = "For gpt: Transformer blocks (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int layers;

    @Option(
            names = "--heads",
            description = "For gpt: attention heads per block; they must divide --dim (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int heads;

    @Option(names = "--dim", description = "For gpt: embedding width (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int dim;

    @Option(
            names = "--context",
            description = "For gpt: characters the model sees at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "64")
    int context;

    @Option(
            names = "--batch-size",
            description = "For gpt: windows per step (default: ${DEFAULT-VALUE}).",
            defaultValue = "32")
    int batchSize;

    @Option(
            names = "--prompt",
            description = "For gpt: the text sampling continues (default: '${DEFAULT-VALUE}').",
            defaultValue = "The ")
    String prompt;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            description = "For gpt: sample among the K likeliest characters only (0: all) (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int topK;

    @Option(
            names = "--length",
            description = "For gpt: characters to sample after the prompt (default: ${DEFAULT-VALUE}).",
            defaultValue = "400")
    int length;

    @Option(
            names = "--seed",
            description = "For gpt: seed of initialization, batches, dropout and sampling (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    /** Fails naming the flag, before any text is read or memory allocated. */
    void check() {
        positive("--steps", steps);
        positive("--layers", layers);
        positive("--heads", heads);
        positive("--dim", dim);
        positive("--batch-size", batchSize);
        if (context < 2) throw new IllegalArgumentException("--context must be >= 2 characters, got " + context);
        if (context > 4096) throw new IllegalArgumentException("--context must be <= 4096 characters, got " + context);
        if (dim > 4096) throw new IllegalArgumentException("--dim must be <= 4096, got " + dim);
        if (layers > 64) throw new IllegalArgumentException("--layers must be <= 64, got " + layers);
        if (dim % heads != 0)
            throw new IllegalArgumentException(
                    "--heads " + heads + " does not divide --dim " + dim + ": each head gets dim / heads features");
        if (topK < 0) throw new IllegalArgumentException("--top-k must be >= 0 (0: all characters), got " + topK);
        if (length < 0) throw new IllegalArgumentException("--length must be >= 0, got " + length);
        if (prompt.isEmpty()) throw new IllegalArgumentException("--prompt must hold at least one character");
    }

    private static void positive(String flag, int value) {
        if (value < 1) throw new IllegalArgumentException(flag + " must be >= 1, got " + value);
    }
}
