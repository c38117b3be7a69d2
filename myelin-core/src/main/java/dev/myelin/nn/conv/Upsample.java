package dev.myelin.nn.conv;

import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Resizes images [N, C, H, W] to a fixed size or by a scale factor, as {@code nn.Upsample(size=None,
 * scale_factor=None, mode='nearest', align_corners=None)} with mode {@code nearest} or {@code bilinear}
 * ({@code alignCorners} applies to bilinear only; PyTorch's None means false).
 */
public class Upsample extends Module {
    /** The interpolation, by PyTorch's mode name. */
    public enum Mode {
        /** Copy the nearest input pixel (PyTorch's {@code 'nearest'}, the default). */
        NEAREST,
        /** Mix the four nearest input pixels linearly in each dim (PyTorch's {@code 'bilinear'}). */
        BILINEAR;

        /** {@return PyTorch's name, e.g. {@code "bilinear"}} */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The mode with PyTorch's name.
         *
         * @param name "nearest" or "bilinear"
         * @return the mode
         * @throws IllegalArgumentException if the name is neither
         */
        public static Mode parse(String name) {
            for (Mode m : values()) if (m.key().equals(name)) return m;
            throw new IllegalArgumentException("Upsample: unknown mode '" + name + "' (expected nearest or bilinear)");
        }
    }

    private static final Arg<Upsample, int[]> SIZE = PoolArgs.optionalPair("size", 1, Upsample::size);
    private static final Arg<Upsample, Double> SCALE_FACTOR = Arg.of(
            "scaleFactor",
            false,
            null,
            (v, f) -> {
                if (!v.isNumber() || !(v.doubleValue() > 0)) throw Arg.invalid(f, "must be a positive number", v);
                return v.doubleValue();
            },
            Upsample::scaleFactor,
            (Double v, String f) -> v == null ? null : DoubleNode.valueOf(v));
    private static final Arg<Upsample, Mode> MODE =
            Arg.named("mode", Mode.NEAREST, Mode::parse, Mode::key, Upsample::mode);
    private static final Arg<Upsample, Boolean> ALIGN_CORNERS = Arg.bool("alignCorners", false, Upsample::alignCorners);
    /** The architecture-JSON type: {@code {"type":"Upsample","scaleFactor":2,"mode":"bilinear"}}. */
    public static final ModuleType<Upsample> TYPE = ModuleType.of(
            Upsample.class,
            List.of(SIZE, SCALE_FACTOR, MODE, ALIGN_CORNERS),
            (a, gen) -> new Upsample(a.get(SIZE), a.get(SCALE_FACTOR), a.get(MODE), a.get(ALIGN_CORNERS)),
            a -> new StateShapes());

    private final int[] size;
    private final Double scaleFactor;
    private final Mode mode;
    private final boolean alignCorners;

    /**
     * All settings, as PyTorch's constructor. Exactly one of {@code size} and {@code scaleFactor} must be given;
     * giving neither is accepted here and fails at {@code forward}, as in PyTorch.
     *
     * @param size         output (height, width), each {@code >= 1}, or null when scaling
     * @param scaleFactor  output = ⌊input·scaleFactor⌋ per side, {@code > 0}; or null when {@code size} is given
     * @param mode         the interpolation (PyTorch's default nearest)
     * @param alignCorners for bilinear only: align the corner pixels instead of the outer edges (default false)
     * @throws IllegalArgumentException if both sizes are given, a value is out of range, {@code mode} is null, or
     *     {@code alignCorners} is set for nearest
     */
    public Upsample(int[] size, Double scaleFactor, Mode mode, boolean alignCorners) {
        // neither is allowed until forward, as in PyTorch (and so that the registry can build the defaults)
        if (size != null && scaleFactor != null)
            throw new IllegalArgumentException("Upsample: give only one of size and scaleFactor");
        if (scaleFactor != null && !(scaleFactor > 0))
            throw new IllegalArgumentException("Upsample: scaleFactor must be positive, got " + scaleFactor);
        if (mode == null) throw new IllegalArgumentException("Upsample: mode is null (nearest or bilinear)");
        if (alignCorners && mode != Mode.BILINEAR)
            throw new IllegalArgumentException(
                    "Upsample: alignCorners applies to bilinear mode only, got mode " + mode.key());
        this.size = size == null ? null : PoolArgs.checked("Upsample", "size", size, 1);
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /**
     * Scaling by a factor: {@code nn.Upsample(scale_factor=s, mode=mode)}.
     *
     * @param scaleFactor output = ⌊input·scaleFactor⌋ per side, {@code > 0}
     * @param mode        the interpolation
     * @throws IllegalArgumentException if {@code scaleFactor <= 0} or {@code mode} is null
     */
    public Upsample(double scaleFactor, Mode mode) {
        this(null, scaleFactor, mode, false);
    }

    /** {@return the output (height, width) (a copy), or null when scaling} */
    public int[] size() {
        return size == null ? null : size.clone();
    }

    /** {@return the scale factor, or null when the size is fixed} */
    public Double scaleFactor() {
        return scaleFactor;
    }

    /** {@return the interpolation} */
    public Mode mode() {
        return mode;
    }

    /** {@return whether bilinear interpolation aligns the corner pixels} */
    public boolean alignCorners() {
        return alignCorners;
    }

    @Override
    public Tensor forward(Tensor input) {
        return mode == Mode.NEAREST
                ? ImageF.nearest("Upsample", input, size, scaleFactor)
                : ImageF.bilinear("Upsample", input, size, scaleFactor, alignCorners);
    }

    @Override
    protected String extraRepr() {
        return (scaleFactor != null
                        ? "scale_factor=" + Repr.pyFloat(scaleFactor)
                        : size != null ? "size=" + PoolArgs.repr(size) : "size=None")
                + ", mode='" + mode.key() + "'";
    }
}
