package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.ints;

import dev.myelin.nn.Module;
import dev.myelin.nn.conv.AdaptiveAvgPool2d;
import dev.myelin.nn.conv.AdaptiveMaxPool2d;
import dev.myelin.nn.conv.AvgPool2d;
import dev.myelin.nn.conv.Conv1d;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.ConvNd;
import dev.myelin.nn.conv.ConvPadding;
import dev.myelin.nn.conv.ConvTranspose2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.nn.conv.PaddingMode;
import dev.myelin.nn.conv.Upsample;
import dev.myelin.onnx.proto.Onnx.AttributeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ONNX form of the layers of {@code dev.myelin.nn.conv}: Conv, ConvTranspose, MaxPool, AveragePool, Resize. */
final class ConvExports {
    private ConvExports() {}

    static void addTo(Map<Class<? extends Module>, LayerExport> table) {
        table.put(Conv1d.class, ConvExports::conv);
        table.put(Conv2d.class, ConvExports::conv);
        table.put(ConvTranspose2d.class, ConvExports::conv);
        table.put(MaxPool2d.class, ConvExports::maxPool);
        table.put(AvgPool2d.class, ConvExports::avgPool);
        table.put(
                AdaptiveAvgPool2d.class,
                s -> adaptive(s, "AveragePool", ((AdaptiveAvgPool2d) s.module()).outputSize()));
        table.put(AdaptiveMaxPool2d.class, s -> adaptive(s, "MaxPool", ((AdaptiveMaxPool2d) s.module()).outputSize()));
        table.put(Upsample.class, ConvExports::upsample);
    }

    /**
     * Conv / ConvTranspose with PyTorch's weight layout (ONNX uses the same). Zero padding is the operator's
     * {@code pads}; reflect and replicate padding become a Pad node first, as PyTorch pads before convolving.
     */
    private static String conv(ExportStep s) {
        ConvNd m = (ConvNd) s.module();
        boolean transposed = m instanceof ConvTranspose2d;
        int[] k = m.kernelSize(), d = m.dilation();
        int n = k.length;
        ConvPadding padding = m.padding();
        int[] before = new int[n], after = new int[n];
        for (int i = 0; i < n; i++) {
            int total = padding.sizes() != null ? 2 * padding.sizes()[i] : padding.same() ? d[i] * (k[i] - 1) : 0;
            before[i] = padding.sizes() != null ? padding.sizes()[i] : total / 2;
            after[i] = total - before[i];
        }
        String x = s.input();
        if (m.paddingMode() != PaddingMode.ZEROS) {
            String mode = switch (m.paddingMode()) {
                case REFLECT -> "reflect";
                case REPLICATE -> "edge";
                default ->
                    throw s.unsupported("pads in mode '" + m.paddingMode().key() + "', which ONNX Pad lacks at opset "
                            + OnnxExporter.OPSET + " (its 'wrap' mode came in opset 19)");
            };
            long[] pads = new long[2 * (n + 2)];
            for (int i = 0; i < n; i++) {
                pads[2 + i] = before[i];
                pads[n + 4 + i] = after[i];
            }
            x = s.graph()
                    .node(
                            "Pad",
                            s.hint(),
                            List.of(x, s.graph().longs(s.name("pads"), pads, pads.length)),
                            attr("mode", mode));
            before = new int[n];
            after = new int[n];
        }
        List<AttributeProto> attrs = new ArrayList<>(List.of(
                ints("kernel_shape", k),
                ints("strides", m.stride()),
                ints("pads", concat(before, after)),
                ints("dilations", d),
                attr("group", (long) m.groups())));
        if (transposed) attrs.add(ints("output_padding", ((ConvTranspose2d) m).outputPadding()));
        List<String> inputs = new ArrayList<>(List.of(x, s.graph().weight(s.name("weight"), m.weight())));
        if (m.bias() != null) inputs.add(s.graph().weight(s.name("bias"), m.bias()));
        return s.graph()
                .node(transposed ? "ConvTranspose" : "Conv", s.hint(), inputs, attrs.toArray(AttributeProto[]::new));
    }

    private static String maxPool(ExportStep s) {
        MaxPool2d m = (MaxPool2d) s.module();
        if (m.returnIndices())
            throw s.unsupported("returns indices (returnIndices=true); export the pool without them");
        int[] p = m.padding();
        return s.node(
                "MaxPool",
                s.input(),
                ints("kernel_shape", m.kernelSize()),
                ints("strides", m.stride()),
                ints("pads", concat(p, p)),
                ints("dilations", m.dilation()),
                attr("ceil_mode", m.ceilMode() ? 1L : 0L));
    }

    private static String avgPool(ExportStep s) {
        AvgPool2d m = (AvgPool2d) s.module();
        if (m.divisorOverride() != null)
            throw s.unsupported("divides by divisorOverride=" + m.divisorOverride() + ", which ONNX AveragePool lacks");
        int[] p = m.padding(),
                k = m.kernelSize(),
                st = m.stride(),
                in = s.in().shape(),
                out = s.out().shape();
        boolean padded = false, overhang = false;
        for (int i = 0; i < 2; i++) {
            int size = in[in.length - 2 + i], last = (out[out.length - 2 + i] - 1) * st[i] - p[i];
            padded |= p[i] > 0;
            overhang |= last + k[i] > size + p[i];
        }
        // PyTorch counts padding but never the part of a ceil-mode window past the padding; ONNX counts both or neither
        if (m.countIncludePad() && padded && overhang)
            throw s.unsupported(
                    "counts padding (countIncludePad) in ceil mode with a last window past the padding, which ONNX AveragePool"
                            + " divides differently");
        boolean countPad = m.countIncludePad() && padded;
        return s.node(
                "AveragePool",
                s.input(),
                ints("kernel_shape", k),
                ints("strides", st),
                ints("pads", concat(p, p)),
                attr("ceil_mode", m.ceilMode() ? 1L : 0L),
                attr("count_include_pad", countPad ? 1L : 0L));
    }

    /** An adaptive pool whose bins are equal (the input a multiple of the output) is a plain pool with kernel = stride. */
    private static String adaptive(ExportStep s, String op, int[] outputSize) {
        int[] in = s.in().shape();
        int h = in[in.length - 2], w = in[in.length - 1];
        if (h % outputSize[0] != 0 || w % outputSize[1] != 0)
            throw s.unsupported("pools " + h + "x" + w + " into " + outputSize[0] + "x" + outputSize[1]
                    + " with unequal bins, which ONNX " + op + " (fixed kernel and stride) lacks");
        int[] kernel = {h / outputSize[0], w / outputSize[1]};
        return s.node(op, s.input(), ints("kernel_shape", kernel), ints("strides", kernel));
    }

    /**
     * Resize with PyTorch's coordinate rules (floor for nearest): by the scale factor when one is given (PyTorch maps
     * coordinates with 1/scale then), else to the output size, given as sizes so no float product can round it down:
     * the input's [N, C] (Shape, Slice) followed by the size.
     */
    private static String upsample(ExportStep s) {
        Upsample m = (Upsample) s.module();
        int[] out = s.out().shape();
        int r = out.length;
        OnnxGraph g = s.graph();
        List<String> inputs;
        if (m.scaleFactor() != null) {
            float f = m.scaleFactor().floatValue();
            inputs = List.of(
                    s.input(), "", g.weight(s.name("scales"), dev.myelin.tensor.Tensor.fromArray(new float[] {1, 1, f, f
                    })));
        } else {
            String batchAndChannels = s.op(
                    "Slice",
                    s.op("Shape", s.input()),
                    g.longs(s.name("starts"), new long[] {0}, 1),
                    g.longs(s.name("ends"), new long[] {2}, 1));
            String sizes = g.node(
                    "Concat",
                    s.hint(),
                    List.of(batchAndChannels, g.longs(s.name("size"), new long[] {out[r - 2], out[r - 1]}, 2)),
                    attr("axis", 0L));
            inputs = List.of(s.input(), "", "", sizes);
        }
        List<AttributeProto> attrs = new ArrayList<>();
        if (m.mode() == Upsample.Mode.NEAREST) {
            attrs.add(attr("mode", "nearest"));
            attrs.add(attr("coordinate_transformation_mode", "asymmetric"));
            attrs.add(attr("nearest_mode", "floor"));
        } else {
            attrs.add(attr("mode", "linear"));
            attrs.add(
                    attr("coordinate_transformation_mode", m.alignCorners() ? "align_corners" : "pytorch_half_pixel"));
        }
        return g.node("Resize", s.hint(), inputs, attrs.toArray(AttributeProto[]::new));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = new int[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
