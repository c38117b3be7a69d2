package dev.myelin.tensor;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: {@code tensor([[1., 2.], [3., 4.]])}, four decimals unless
 * every value is whole, scientific notation for wide ranges, and "..." eliding the middle of each
 * dim once the tensor has more than 1000 elements. Large tensors also show their shape.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000, EDGE = 3;

    private TensorFormat() {}

    static String format(Tensor t) {
        int[] shape = t.shape();
        float[] d = t.values();
        boolean elide = d.length > THRESHOLD;
        String body;
        if (d.length == 0) body = "[]";
        else {
            String fmt = chooseFormat(d);
            int width = 0;
            for (float v : d) width = Math.max(width, number(v, fmt).length());
            StringBuilder sb = new StringBuilder();
            write(sb, d, shape, 0, 0, fmt, width, elide, "tensor(".length());
            body = sb.toString();
        }
        StringBuilder out = new StringBuilder("tensor(").append(body);
        if ((d.length == 0 && shape.length != 1) || elide)
            out.append(", size=(").append(joined(shape)).append(")");
        if (t.gradFn() != null)
            out.append(", grad_fn=<").append(t.gradFn().op()).append(">");
        else if (t.requiresGrad()) out.append(", requires_grad=True");
        return out.append(")").toString();
    }

    private static String joined(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        if (shape.length == 1) sb.append(",");
        return sb.toString();
    }

    private static String chooseFormat(float[] d) {
        boolean whole = true;
        float maxAbs = 0, minAbs = Float.MAX_VALUE;
        for (float v : d) {
            if (!Float.isFinite(v)) continue;
            whole &= v == Math.rint(v);
            float a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) minAbs = Math.min(minAbs, a);
        }
        if (maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8f || (!whole && minAbs < 1e-4f))) return "sci";
        return whole ? "whole" : "fixed";
    }

    private static String number(float v, String fmt) {
        if (Float.isNaN(v)) return "nan";
        if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return switch (fmt) {
            case "whole" -> String.format(Locale.ROOT, "%.0f.", v);
            case "sci" -> String.format(Locale.ROOT, "%.4e", v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }

    /** PyTorch right-aligns every number to the widest one. */
    private static String padded(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    private static void write(
            StringBuilder sb,
            float[] d,
            int[] shape,
            int dim,
            int offset,
            String fmt,
            int width,
            boolean elide,
            int indent) {
        if (shape.length == 0) {
            sb.append(number(d[0], fmt));
            return;
        }
        int n = shape[dim];
        int stride = Shapes.prod(shape, dim + 1, shape.length);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) sb.append(padded(number(d[offset + i], fmt), width));
            else write(sb, d, shape, dim + 1, offset + i * stride, fmt, width, elide, indent);
            if (i < n - 1)
                sb.append(
                        dim == shape.length - 1
                                ? ", "
                                : ",\n" + "\n".repeat(shape.length - dim - 2) + " ".repeat(indent + dim + 1));
        }
        sb.append(']');
    }
}
