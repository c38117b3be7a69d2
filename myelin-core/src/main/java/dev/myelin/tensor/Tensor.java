package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.autograd.Node;
import dev.myelin.kernel.VectorOps;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional float32 array that can record the ops applied to it, so that {@link #backward()}
 * can compute gradients (define-by-run, as in PyTorch). Not final only so that
 * {@code dev.myelin.nn.Parameter} can be a tensor, as {@code nn.Parameter} is in PyTorch.
 *
 * <p>A tensor is (storage, offset, shape, strides), as in PyTorch: the layout ops ({@link #transpose},
 * {@link #permute}, {@link #narrow}, {@link #slice}, {@link #select}, {@link #expand},
 * {@link #unsqueeze}, {@link #squeeze}, {@link #chunk}, {@link #split}, {@link #unfold}, and
 * {@link #view}/{@link #reshape} where the strides allow) are O(1) views that share the storage, and
 * their backward adds the gradient into the matching region of the base's gradient. Every op accepts
 * views; ops produce compact tensors (contiguous, offset 0, owning their storage). The storage's
 * version counter is bumped by every in-place write ({@link #add_}, {@link #copy_}, optimizer steps),
 * and backward refuses to use a saved tensor whose storage changed after it was saved.
 *
 * <p>The op methods here are thin: each family's forward and backward code sits side by side in
 * {@link Pointwise}, {@link Reductions}, {@link Layout}, {@link Indexing} and {@link MatMul}.
 */
public class Tensor {
    private final Storage storage;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final boolean compact;
    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;
    private boolean gradOwned; // grad's storage belongs to this tensor alone, so backward may add into it in place
    private Node gradFn;
    private String overwrittenBy; // the in-place op that wrote over this tensor's values under autograd (see relu_)

    /** Wraps {@code data} (not copied) with the given shape; the caller hands over ownership of the array. */
    public Tensor(float[] data, int... shape) {
        int n = Shapes.numel(shape);
        if (data.length != n)
            throw new ShapeMismatchException("Tensor: " + data.length + " values do not fill shape " + Shapes.str(shape)
                    + " (" + n + " elements)");
        this.storage = new Storage(data);
        this.offset = 0;
        this.shape = shape.clone();
        this.strides = Shapes.strides(shape);
        this.compact = true;
    }

    /** A view of {@code storage}: element (i0, i1, ...) is at {@code offset + Σ ik·strides[k]}. */
    Tensor(Storage storage, int offset, int[] shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.compact = offset == 0 && storage.length() == Shapes.numel(shape) && Shapes.isContiguous(shape, strides);
    }

    /** A view of this tensor's storage with another geometry (no autograd record; the layout ops add that). */
    Tensor viewOf(int newOffset, int[] newShape, int[] newStrides) {
        return new Tensor(storage, newOffset, newShape, newStrides);
    }

    // ---------------------------------------------------------------- factories

    /** A tensor holding a copy of {@code values}, with the given shape (default: 1-D). */
    public static Tensor fromArray(float[] values, int... shape) {
        return new Tensor(values.clone(), shape.length == 0 && values.length != 1 ? new int[] {values.length} : shape);
    }

    public static Tensor fromArray(double[] values, int... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return new Tensor(f, shape.length == 0 && values.length != 1 ? new int[] {values.length} : shape);
    }

    /** A 2-D tensor from rows; all rows must have the same length. */
    public static Tensor fromRows(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols)
                throw new IllegalArgumentException(
                        "fromRows: row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            System.arraycopy(rows[r], 0, d, r * cols, cols);
        }
        return new Tensor(d, rows.length, cols);
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value});
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.numel(Shapes.checked("zeros", shape))], shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.numel(Shapes.checked("full", shape))];
        Arrays.fill(d, value);
        return new Tensor(d, shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.shape);
    }

    /** Values start, start+step, ... below end (as {@code torch.arange}). */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step) || Float.isNaN(start) || Float.isNaN(end))
            throw new IllegalArgumentException("arange: step must be non-zero and bounds finite, got start=" + start
                    + " end=" + end + " step=" + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / (double) step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (start + (double) i * step);
        return new Tensor(d, n);
    }

    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /** {@code steps} evenly spaced values from start to end inclusive. */
    public static Tensor linspace(float start, float end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        float[] d = new float[steps];
        for (int i = 0; i < steps; i++)
            d[i] = steps == 1 ? start : (float) (start + (end - (double) start) * i / (steps - 1));
        return new Tensor(d, steps);
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) t.storage.data()[i * n + i] = 1;
        return t;
    }

    /** Standard normal samples. */
    public static Tensor randn(Generator gen, int... shape) {
        float[] d = new float[Shapes.numel(Shapes.checked("randn", shape))];
        for (int i = 0; i < d.length; i++) d[i] = (float) gen.nextGaussian();
        return new Tensor(d, shape);
    }

    /** Uniform samples in [0, 1). */
    public static Tensor rand(Generator gen, int... shape) {
        return uniform(gen, 0, 1, shape);
    }

    /** Uniform samples in [low, high). */
    public static Tensor uniform(Generator gen, float low, float high, int... shape) {
        if (!(low <= high) || !Float.isFinite(low) || !Float.isFinite(high))
            throw new IllegalArgumentException("uniform: need finite low <= high, got low=" + low + " high=" + high);
        float[] d = new float[Shapes.numel(Shapes.checked("uniform", shape))];
        for (int i = 0; i < d.length; i++) d[i] = low + (high - low) * gen.nextFloat();
        return new Tensor(d, shape);
    }

    /** Integers uniform in [low, high), stored as floats. */
    public static Tensor randint(Generator gen, int low, int high, int... shape) {
        if (high <= low)
            throw new IllegalArgumentException("randint: need low < high, got low=" + low + " high=" + high);
        float[] d = new float[Shapes.numel(Shapes.checked("randint", shape))];
        for (int i = 0; i < d.length; i++) d[i] = low + gen.nextInt(high - low);
        return new Tensor(d, shape);
    }

    // ---------------------------------------------------------------- accessors

    public int[] shape() {
        return shape.clone();
    }

    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shapes.numel(shape);
    }

    /** Steps in the storage between neighbours along each dim, as {@code stride()}. */
    public int[] stride() {
        return strides.clone();
    }

    public int stride(int dim) {
        return strides[Shapes.dim("stride", dim, shape.length)];
    }

    /** Whether this tensor is its storage, whole and in row-major order (offset 0, contiguous, nothing else in it). */
    boolean isCompact() {
        return compact;
    }

    /** A new tensor on the same storage, shape and strides: the output of an in-place op under autograd. */
    Tensor alias() {
        return new Tensor(storage, offset, shape, strides);
    }

    /**
     * After an in-place op under autograd wrote over this tensor (and was recorded on it): recording an op on it
     * from now on fails, since its gradient would bypass the in-place op.
     */
    void markOverwritten(String op) {
        overwrittenBy = op;
    }

    /** The in-place op that wrote over this tensor under autograd (use the tensor it returned instead), or null. */
    public String overwrittenBy() {
        return overwrittenBy;
    }

    /** Where element (0, 0, ...) sits in the storage, as {@code storage_offset()}. */
    public int storageOffset() {
        return offset;
    }

    /** Row-major strides (size-1 dims may have any stride), as {@code is_contiguous()}. */
    public boolean isContiguous() {
        return Shapes.isContiguous(shape, strides);
    }

    /** Whether the two tensors share memory (one is a view of the other, or both of a third). */
    public boolean sharesStorage(Tensor other) {
        return storage == other.storage;
    }

    /**
     * The version of the storage: bumped by every in-place write through any view of it. Saved
     * tensors remember it, and backward fails if it moved (as PyTorch's {@code _version}).
     */
    public int version() {
        return storage.version();
    }

    /** Marks the storage as written in place; call it after writing into {@link #data()} directly. */
    public void bumpVersion() {
        storage.bump();
    }

    /**
     * The storage array shared by this tensor and its views, for kernels that read a view in place
     * with {@link #storageOffset()} and {@link #stride()}. Read only: writes must go through the
     * in-place ops (or be followed by {@link #bumpVersion()}).
     */
    public float[] storageArray() {
        return storage.data();
    }

    /**
     * The backing array in row-major order, for a compact tensor (contiguous, offset 0, owning its
     * storage; every op output is one). Writing into it changes the tensor and every view of it: do so
     * only under {@link NoGrad}, then call {@link #bumpVersion()}. For a view, use
     * {@link #values()} or {@link #toArray()} to read, or the in-place ops to write.
     */
    public float[] data() {
        if (!compact)
            throw new IllegalStateException(
                    "data(): this tensor is a view (shape " + Shapes.str(shape) + ", strides " + Shapes.str(strides)
                            + ", offset " + offset + " into a storage of " + storage.length()
                            + "); read it with values() or toArray(), "
                            + "write it with the in-place ops (copy_, add_, ...)");
        return storage.data();
    }

    /**
     * The values in row-major order, for reading only (kernels, losses): the storage itself when the
     * tensor is compact, else a gathered copy. Never recorded; works for views.
     */
    public float[] values() {
        return compact ? storage.data() : Layout.gatherStrided(storage.data(), offset, shape, strides);
    }

    /** A copy of the values in row-major order (works for views). */
    public float[] toArray() {
        return compact ? storage.data().clone() : Layout.gatherStrided(storage.data(), offset, shape, strides);
    }

    /** The value of a one-element tensor, like {@code .item()}. */
    public float item() {
        if (numel() != 1)
            throw new IllegalStateException("item: tensor has " + numel() + " elements, shape " + Shapes.str(shape));
        return storage.data()[offset];
    }

    /** The element at the given indices (one per dim). */
    public float get(int... index) {
        return storage.data()[storageIndex(index)];
    }

    /** Sets an element in place (no autograd record; bumps the version). */
    public void set(float value, int... index) {
        storage.data()[storageIndex(index)] = value;
        storage.bump();
    }

    private int storageIndex(int[] index) {
        if (index.length != shape.length)
            throw new IllegalArgumentException(
                    "index has " + index.length + " coordinates, tensor has rank " + shape.length);
        int at = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i])
                throw new IndexOutOfBoundsException(
                        "index " + index[i] + " is out of bounds for dim " + i + " of size " + shape[i]);
            at += index[i] * strides[i];
        }
        return at;
    }

    /** A new compact tensor with its own copy of the data, outside the graph. */
    public Tensor copy() {
        return new Tensor(toArray(), shape);
    }

    /** This tensor if it is compact, else a compact copy (recorded, so gradients flow back), as {@code contiguous()}. */
    public Tensor contiguous() {
        return compact ? this : Layout.contiguous(this);
    }

    // ---------------------------------------------------------------- in place (bump the version; not recorded)

    /** {@code this += other} (broadcast to this shape), as {@code add_}. */
    public Tensor add_(Tensor other) {
        return InPlace.binary("add_", this, other, (x, y) -> x + y);
    }

    public Tensor sub_(Tensor other) {
        return InPlace.binary("sub_", this, other, (x, y) -> x - y);
    }

    public Tensor mul_(Tensor other) {
        return InPlace.binary("mul_", this, other, (x, y) -> x * y);
    }

    public Tensor div_(Tensor other) {
        return InPlace.binary("div_", this, other, (x, y) -> x / y);
    }
    /** Copies other's values (broadcast to this shape) into this tensor, as {@code copy_}. */
    public Tensor copy_(Tensor other) {
        return InPlace.binary("copy_", this, other, (x, y) -> y);
    }

    public Tensor add_(float s) {
        return InPlace.unary("add_", this, x -> x + s);
    }

    public Tensor mul_(float s) {
        return InPlace.unary("mul_", this, x -> x * s);
    }

    public Tensor fill_(float value) {
        return InPlace.unary("fill_", this, x -> value);
    }

    public Tensor zero_() {
        return fill_(0f);
    }

    public Tensor clamp_(float min, float max) {
        return InPlace.unary("clamp_", this, x -> Math.min(Math.max(x, min), max));
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** Marks a leaf as needing a gradient; returns this for chaining. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value)
            throw new IllegalStateException("requiresGrad(false) on a non-leaf tensor; use detach()");
        this.requiresGrad = value;
        return this;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    public Node gradFn() {
        return gradFn;
    }

    /** Called by {@link Engine#record}; not for user code. */
    public void setGradFn(Node node) {
        this.gradFn = node;
    }

    public Tensor grad() {
        return grad;
    }

    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape))
            throw new ShapeMismatchException("setGrad: gradient shape " + Shapes.str(g.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        this.grad = g;
        this.gradOwned = false;
    }

    /** Keep this non-leaf tensor's gradient after backward (as {@code retain_grad()}). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() {
        return retainGrad || gradFn == null;
    }

    /**
     * Adds {@code g} into {@code .grad}. In a plain backward (grad mode off) the sum is formed in place in
     * a gradient this tensor owns; when backward builds a graph of its own ({@code createGraph}), the sum is
     * a recorded op, so the gradient can be differentiated again.
     */
    public void accumulateGrad(Tensor g) {
        if (!Arrays.equals(g.shape, shape))
            throw new ShapeMismatchException("accumulateGrad: gradient shape " + Shapes.str(g.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        if (NoGrad.isGradEnabled()) {
            grad = grad == null
                    ? g.contiguous()
                    : grad.add(g); // compact, so .grad().data() works as after a plain backward
            gradOwned = false;
        } else if (grad == null) {
            grad = new Tensor(g.toArray(), shape); // owned copy: g may be another tensor's gradient or a view of it
            gradOwned = true;
        } else {
            addIntoGrad(g.values());
        }
    }

    /**
     * Adds a freshly computed gradient, given as an array that nothing else references: on the first
     * contribution the array becomes this tensor's {@code .grad} storage (no copy; a backward step of a
     * big layer would otherwise copy its whole weight gradient), later ones are added into it.
     */
    public void accumulateNewGrad(float[] gradient) {
        if (gradient.length != numel())
            throw new ShapeMismatchException("accumulateGrad: gradient has " + gradient.length
                    + " elements, tensor shape " + Shapes.str(shape) + " has " + numel());
        if (NoGrad.isGradEnabled()) accumulateGrad(new Tensor(gradient, shape));
        else if (grad == null) {
            grad = new Tensor(gradient, shape);
            gradOwned = true;
        } else addIntoGrad(gradient);
    }

    /**
     * The backward of a view: adds {@code g} (the view's gradient) into the region of this tensor's
     * gradient that the view covers, given in this tensor's row-major index space. Costs O(g), not
     * O(this), once the gradient exists, so unrolling over T slices stays linear in T.
     */
    void accumulateGradRegion(Tensor g, int regionOffset, int[] regionStrides) {
        if (NoGrad.isGradEnabled()) {
            accumulateGrad(Layout.stridedScatter(g, shape, regionOffset, regionStrides));
            return;
        }
        Layout.scatterAddStrided(g.values(), ownedGradData(), regionOffset, g.shape, regionStrides);
    }

    private void addIntoGrad(float[] gradient) {
        float[] gd = ownedGradData();
        VectorOps.add(gd, 0, gradient, 0, gd, 0, gradient.length);
    }

    /** The gradient's array, made this tensor's own first (zeros if there is none, a copy if it is shared), to add into in place. */
    private float[] ownedGradData() {
        if (grad == null || !gradOwned) {
            grad = grad == null ? zeros(shape) : new Tensor(grad.toArray(), shape);
            gradOwned = true;
        }
        return grad.storage.data();
    }

    /**
     * Whether the gradient's array belongs to this tensor alone (it came from {@code accumulateNewGrad} or a copy),
     * so that the engine, freeing it after its backward step, may let that step reuse it.
     */
    public boolean ownsGrad() {
        return grad != null && gradOwned;
    }

    public void zeroGrad() {
        grad = null;
    }

    /** Gradient of this scalar with respect to every leaf that requires grad. */
    public void backward() {
        if (numel() != 1)
            throw new IllegalStateException(
                    "backward: grad can be implicitly created only for a scalar output, this has shape "
                            + Shapes.str(shape) + "; pass a gradient: backward(gradient)");
        Engine.backward(this, ones(shape), false);
    }

    /** Vector-Jacobian product: backpropagates {@code gradient}, which must have this tensor's shape. */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * As {@link #backward(Tensor)}; with {@code createGraph} the backward pass is itself recorded, so the
     * gradients it leaves in {@code .grad} can be differentiated again (a gradient penalty), as
     * {@code backward(create_graph=True)}.
     */
    public void backward(Tensor gradient, boolean createGraph) {
        if (!Arrays.equals(gradient.shape, shape))
            throw new ShapeMismatchException("backward: gradient shape " + Shapes.str(gradient.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        Engine.backward(this, gradient, createGraph);
    }

    /** The same values, cut from the graph (shares storage, as {@code detach()}). */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides);
    }

    // ---------------------------------------------------------------- pointwise

    public Tensor add(Tensor o) {
        return Pointwise.add(this, o);
    }

    public Tensor sub(Tensor o) {
        return Pointwise.sub(this, o);
    }

    public Tensor mul(Tensor o) {
        return Pointwise.mul(this, o);
    }

    public Tensor div(Tensor o) {
        return Pointwise.div(this, o);
    }

    public Tensor pow(Tensor o) {
        return Pointwise.pow(this, o);
    }

    public Tensor maximum(Tensor o) {
        return Pointwise.maximum(this, o);
    }

    public Tensor minimum(Tensor o) {
        return Pointwise.minimum(this, o);
    }

    public Tensor add(float s) {
        return Pointwise.addScalar(this, s);
    }

    public Tensor sub(float s) {
        return Pointwise.addScalar(this, -s);
    }

    public Tensor mul(float s) {
        return Pointwise.mulScalar(this, s);
    }

    public Tensor div(float s) {
        return Pointwise.mulScalar(this, 1f / s);
    }
    /** {@code s - this}. */
    public Tensor rsub(float s) {
        return Pointwise.addScalar(Pointwise.neg(this), s);
    }

    public Tensor pow(float p) {
        return Pointwise.powScalar(this, p);
    }

    public Tensor neg() {
        return Pointwise.neg(this);
    }

    public Tensor abs() {
        return Pointwise.abs(this);
    }

    public Tensor exp() {
        return Pointwise.exp(this);
    }

    public Tensor log() {
        return Pointwise.log(this);
    }

    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    public Tensor sin() {
        return Pointwise.sin(this);
    }

    public Tensor cos() {
        return Pointwise.cos(this);
    }

    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    public Tensor relu() {
        return Pointwise.relu(this);
    }

    /** ReLU in place, as {@code relu_()}; under autograd use the returned tensor (see {@link Pointwise}'s reluInPlace). */
    public Tensor relu_() {
        return Pointwise.reluInPlace(this);
    }

    public Tensor square() {
        return Pointwise.mul(this, this);
    }

    public Tensor reciprocal() {
        return Pointwise.powScalar(this, -1);
    }

    public Tensor clamp(float min, float max) {
        return Pointwise.clamp(this, min, max);
    }

    public Tensor clampMin(float min) {
        return Pointwise.clamp(this, min, Float.POSITIVE_INFINITY);
    }

    // comparisons give 0/1 masks and are not differentiable
    public Tensor gt(Tensor o) {
        return Pointwise.compare("gt", this, o);
    }

    public Tensor ge(Tensor o) {
        return Pointwise.compare("ge", this, o);
    }

    public Tensor lt(Tensor o) {
        return Pointwise.compare("lt", this, o);
    }

    public Tensor le(Tensor o) {
        return Pointwise.compare("le", this, o);
    }

    public Tensor eq(Tensor o) {
        return Pointwise.compare("eq", this, o);
    }

    public Tensor ne(Tensor o) {
        return Pointwise.compare("ne", this, o);
    }

    public Tensor gt(float s) {
        return gt(scalar(s));
    }

    public Tensor ge(float s) {
        return ge(scalar(s));
    }

    public Tensor lt(float s) {
        return lt(scalar(s));
    }

    public Tensor le(float s) {
        return le(scalar(s));
    }

    public Tensor eq(float s) {
        return eq(scalar(s));
    }

    /** Elementwise {@code condition != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Pointwise.where(condition, a, b);
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, new int[] {dim}, keepDim);
    }

    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, new int[] {dim}, keepDim);
    }

    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }
    /** Variance with Bessel's correction (unbiased), as {@code torch.var}. */
    public Tensor var() {
        return Reductions.var(this, allDims(), 1, false);
    }

    public Tensor var(int dim, boolean keepDim) {
        return Reductions.var(this, new int[] {dim}, 1, keepDim);
    }
    /** Variance with the given correction (0 = population variance, 1 = unbiased). */
    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Reductions.var(this, dims, correction, keepDim);
    }

    public Tensor std() {
        return var().sqrt();
    }

    public Tensor std(int dim, boolean keepDim) {
        return var(dim, keepDim).sqrt();
    }

    public Tensor max() {
        return Reductions.extremeAll(this, true);
    }

    public Tensor min() {
        return Reductions.extremeAll(this, false);
    }
    /** Max along a dim with the argmax indices, as {@code torch.max(x, dim)}. */
    public ValuesIndices max(int dim, boolean keepDim) {
        return Reductions.extreme(this, dim, keepDim, true);
    }

    public ValuesIndices min(int dim, boolean keepDim) {
        return Reductions.extreme(this, dim, keepDim, false);
    }
    /** The argmax along a dim as floats (exact below 2^24; {@link #argmaxIndices(int)} is exact for any size). */
    public Tensor argmax(int dim) {
        return Reductions.extreme(this, dim, false, true).indices();
    }

    public Tensor argmin(int dim) {
        return Reductions.extreme(this, dim, false, false).indices();
    }
    /** The argmax of the flattened tensor as a float (exact below 2^24; {@link #argmaxIndices()} is exact). */
    public Tensor argmax() {
        return Reductions.extreme(reshape(-1), 0, false, true).indices();
    }
    /** The argmax along a dim as an {@link IndexTensor}, as {@code torch.argmax(x, dim)} (int32, exact). */
    public IndexTensor argmaxIndices(int dim) {
        return Reductions.extreme(this, dim, false, true).indexTensor();
    }

    public IndexTensor argminIndices(int dim) {
        return Reductions.extreme(this, dim, false, false).indexTensor();
    }
    /** The argmax of the flattened tensor as a 0-d {@link IndexTensor}. */
    public IndexTensor argmaxIndices() {
        return Reductions.extreme(reshape(-1), 0, false, true).indexTensor();
    }

    public Tensor logsumexp(int dim, boolean keepDim) {
        return Reductions.logsumexp(this, dim, keepDim);
    }

    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim);
    }

    public Tensor logSoftmax(int dim) {
        return Reductions.logSoftmax(this, dim);
    }

    private int[] allDims() {
        int[] d = new int[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return d;
    }

    // ---------------------------------------------------------------- layout (views share storage)

    /** Same data, new shape (one size may be -1): a view when the strides allow it, else a copy. */
    public Tensor reshape(int... newShape) {
        return Layout.reshape(this, newShape);
    }
    /** Same data, new shape (one size may be -1): always a view; fails where the strides do not allow one, as {@code view}. */
    public Tensor view(int... newShape) {
        return Layout.view(this, newShape);
    }

    public Tensor flatten() {
        return Layout.reshape(this, -1);
    }
    /** Flattens dims from {@code startDim} to the end, as {@code torch.flatten(x, startDim)}. */
    public Tensor flatten(int startDim) {
        return Layout.flatten(this, startDim);
    }

    public Tensor squeeze() {
        return Layout.squeeze(this);
    }

    public Tensor squeeze(int dim) {
        return Layout.squeeze(this, dim);
    }

    public Tensor unsqueeze(int dim) {
        return Layout.unsqueeze(this, dim);
    }

    public Tensor permute(int... dims) {
        return Layout.permute(this, dims);
    }

    public Tensor transpose(int d0, int d1) {
        return Layout.transpose(this, d0, d1);
    }
    /** Transpose of a 2-D tensor (or the last two dims). */
    public Tensor t() {
        return Layout.transpose(this, -2, -1);
    }
    /** Broadcasts to a larger shape (-1 keeps a size) as a view with stride 0 along the new dims. */
    public Tensor expand(int... newShape) {
        return Layout.expand(this, newShape);
    }
    /** Elements start..start+length-1 along a dim. */
    public Tensor narrow(int dim, int start, int length) {
        return Layout.narrow(this, dim, start, length);
    }
    /** Elements from start (inclusive) to end (exclusive) along a dim with a step, as {@code x[..., start:end:step]}. */
    public Tensor slice(int dim, int start, int end, int step) {
        return Layout.slice(this, dim, start, end, step);
    }
    /** The slice at {@code index} along a dim, without that dim, as {@code x.select(dim, index)} or {@code x[:, index]}. */
    public Tensor select(int dim, int index) {
        return Layout.select(this, dim, index);
    }
    /** Windows of {@code size} elements every {@code step} along a dim, as a new last dim, as {@code unfold}. */
    public Tensor unfold(int dim, int size, int step) {
        return Layout.unfold(this, dim, size, step);
    }

    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Layout.cat(tensors, dim);
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Layout.stack(tensors, dim);
    }
    /** Splits into views of {@code splitSize} along a dim (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) {
        return Layout.split(this, splitSize, dim);
    }
    /** Splits into {@code chunks} views along a dim, as {@code torch.chunk}. */
    public List<Tensor> chunk(int chunks, int dim) {
        if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        return Layout.split(this, Math.max(1, (size(dim) + chunks - 1) / chunks), dim);
    }

    // ---------------------------------------------------------------- indexing

    // Indices are IndexTensors (int32, exact for every int). The float overloads take whole numbers stored as
    // floats, convert them once (refusing magnitudes of 2^24 or more, where floats skip whole numbers) and run the same
    // op.

    /** Slices along dim picked by a 1-D index, as {@code index_select}. */
    public Tensor indexSelect(int dim, IndexTensor index) {
        return Indexing.indexSelect(this, dim, index);
    }
    /** As {@link #indexSelect(int, IndexTensor)} with whole-number float indices (below 2^24). */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, Indexing.floatIndices("indexSelect", index));
    }
    /** {@code out[..i..] = this[..index[..i..]..]} along dim, as {@code torch.gather}. */
    public Tensor gather(int dim, IndexTensor index) {
        return Indexing.gather(this, dim, index);
    }
    /** As {@link #gather(int, IndexTensor)} with whole-number float indices (below 2^24). */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, Indexing.floatIndices("gather", index));
    }
    /** Out-of-place {@code scatter_add}: a copy of this with {@code src} added at {@code index} along dim. */
    public Tensor scatterAdd(int dim, IndexTensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }
    /** As {@link #scatterAdd(int, IndexTensor, Tensor)} with whole-number float indices (below 2^24). */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, Indexing.floatIndices("scatterAdd", index), src);
    }
    /** Labels of shape S as a one-hot float tensor of shape S + [numClasses], as {@code F.one_hot}. */
    public static Tensor oneHot(IndexTensor labels, int numClasses) {
        return Indexing.oneHot(labels, numClasses);
    }
    /** As {@link #oneHot(IndexTensor, int)} with whole-number float labels (below 2^24). */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        return Indexing.oneHot(Indexing.floatIndices("oneHot", labels), numClasses);
    }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product with PyTorch's rules: 1-D, 2-D and batched with broadcast batch dims. */
    public Tensor matmul(Tensor o) {
        return MatMul.matmul(this, o);
    }
    /** {@code torch.matmul(this, o, out=out)}: the product written into a compact {@code out} (no autograd). */
    public Tensor matmul(Tensor o, Tensor out) {
        return MatMul.matmulInto(this, o, out);
    }
    /** Batched product of [B, n, m] and [B, m, p] tensors, as {@code torch.bmm} (no broadcasting). */
    public Tensor bmm(Tensor o) {
        if (dim() != 3 || o.dim() != 3 || size(0) != o.size(0))
            throw new ShapeMismatchException("bmm: expected [B, n, m] and [B, m, p] with the same B, got "
                    + Shapes.str(shape) + " and " + Shapes.str(o.shape));
        return MatMul.matmul(this, o);
    }
    /** {@code beta·this + alpha·(b1 @ b2)} for batches of matrices, as {@code torch.baddbmm}. */
    public Tensor baddbmm(Tensor b1, Tensor b2, float beta, float alpha) {
        Tensor p = b1.bmm(b2);
        if (alpha != 1) p = p.mul(alpha);
        if (!Arrays.equals(Shapes.broadcast("baddbmm", shape, p.shape), p.shape))
            throw new ShapeMismatchException("baddbmm: input of shape " + Shapes.str(shape)
                    + " does not broadcast to the product's shape " + Shapes.str(p.shape));
        if (beta == 0) return p; // the input is ignored, NaN or not, as in PyTorch
        return p.add(beta == 1 ? this : this.mul(beta));
    }

    // ---------------------------------------------------------------- printing and equality

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /** True when shapes are equal and every value differs by at most atol + rtol·|other|. */
    public boolean allClose(Tensor other, float rtol, float atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        float[] x = toArray(), y = other.toArray();
        for (int i = 0; i < x.length; i++) {
            float a = x[i], b = y[i];
            if (Float.isNaN(a) || Float.isNaN(b)) {
                if (!(Float.isNaN(a) && Float.isNaN(b))) return false;
            } else if (Math.abs(a - b) > atol + rtol * Math.abs(b)) return false;
        }
        return true;
    }
}
