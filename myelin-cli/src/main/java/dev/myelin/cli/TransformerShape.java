package dev.myelin.cli;

/**
 * The size of the Transformer built-in ({@code --model transformer}): encoder layers, attention heads, model width
 * and dropout (PyTorch's {@code num_layers}, {@code nhead}, {@code d_model}, {@code dropout}); the feed-forward
 * block is twice the width wide.
 */
record TransformerShape(int layers, int heads, int dim, double dropout) {
    /** 2 encoder layers of d 64 with 4 heads, feed-forward 128, dropout 0.1: the built-in's default. */
    static final TransformerShape DEFAULT = new TransformerShape(2, 4, 64, 0.1);

    TransformerShape {
        if (layers < 1) throw new IllegalArgumentException("--layers must be >= 1, got " + layers);
        if (heads < 1) throw new IllegalArgumentException("--heads must be >= 1, got " + heads);
        if (dim < 1) throw new IllegalArgumentException("--dim must be >= 1, got " + dim);
        if (dim % heads != 0)
            throw new IllegalArgumentException("--heads " + heads + " does not divide --dim " + dim
                    + ": each head attends with dim / heads features; choose a dim that is a multiple of the heads");
        if (layers > 256 || dim > 8192)
            throw new IllegalArgumentException(
                    "--layers " + layers + " / --dim " + dim + ": at most 256 layers of width 8192");
        if (!(dropout >= 0 && dropout < 1))
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }

    int feedForward() {
        return 2 * dim;
    }
}
