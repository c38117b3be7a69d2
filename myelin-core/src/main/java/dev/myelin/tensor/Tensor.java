package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.autograd.Node;
import dev.myelin.kernel.VectorOps;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional float32 array that can record the ops applied to it, so that {@link #backward()} can compute
 * gradients (define-by-run, as {@code torch.Tensor} with autograd). Not final only so that
 * {@code dev.myelin.nn.Parameter} can be a tensor, as {@code nn.Parameter} is in PyTorch.
 * <pre>{@code
 * Generator gen = new Generator(0);                               // one seed fixes every draw
 * Tensor w = Tensor.randn(gen, 3, 2).requiresGrad(true);          // a leaf of shape [3, 2]
 * Tensor x = Tensor.fromRows(new float[][] {{1, 2, 3}, {4, 5, 6}}); // [2, 3]
 * Tensor loss = x.matmul(w).relu().sum();                         // [2, 2], then a 0-d scalar
 * loss.backward();                                                // fills w.grad(), shape [3, 2]
 * System.out.println(w.grad());
 * }</pre>
 *
 * <p><b>Ops and autograd.</b> Every op returns a new tensor and leaves its inputs unchanged, except the in-place ops,
 * whose names end in {@code _} as in PyTorch. An op is recorded (its result gets a {@link #gradFn()}) when grad mode is
 * on ({@link NoGrad} is not active) and at least one input {@link #requiresGrad()}; otherwise the result is a plain
 * leaf. Gradients accumulate into {@link #grad()} of the leaves that require grad, as in PyTorch, until
 * {@link #zeroGrad()}. Binary pointwise ops broadcast as NumPy and PyTorch do (shapes aligned from the right, each pair
 * of sizes equal or one of them 1); an input that was broadcast receives its gradient summed over the stretched dims.
 *
 * <p><b>Views and copies.</b> A tensor is (storage, offset, shape, strides), as in PyTorch: the layout ops
 * ({@link #transpose}, {@link #permute}, {@link #narrow}, {@link #slice}, {@link #select}, {@link #expand},
 * {@link #unsqueeze}, {@link #squeeze}, {@link #chunk}, {@link #split}, {@link #unfold}, and
 * {@link #view}/{@link #reshape} where the strides allow) are O(1) views that share the storage, and their backward
 * adds the gradient into the matching region of the base's gradient. Every op accepts views; all other ops produce
 * compact tensors (contiguous, offset 0, owning their storage). The storage's version counter is bumped by every
 * in-place write ({@link #add_}, {@link #copy_}, optimizer steps), and backward refuses to use a saved tensor whose
 * storage changed after it was saved.
 *
 * <p><b>Errors.</b> Shapes that do not fit throw {@link ShapeMismatchException} naming the op and both shapes; a dim
 * out of range, a bad size or argument throws {@link IllegalArgumentException}; an index out of range throws
 * {@link IndexOutOfBoundsException}; a misuse of autograd (an in-place write to a tensor that requires grad, backward
 * of a non-scalar without a gradient) throws {@link IllegalStateException}. Dims may be negative, counting from the end
 * as in PyTorch ({@code -1} is the last dim).
 *
 * <p>The op methods here are thin: each family's forward and backward code sits side by side in {@link Pointwise},
 * {@link Reductions}, {@link Layout}, {@link Indexing} and {@link MatMul}.
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

    /**
     * Wraps {@code data} (not copied) as a tensor of the given shape, as a leaf that does not require grad; the caller
     * hands over the array, and later writes into it change the tensor. No shape means a 0-d tensor (one value).
     *
     * @param data the values in row-major order; its length must be the product of {@code shape}
     * @param shape the size of each dim
     * @throws ShapeMismatchException if {@code data.length} does not equal the number of elements of {@code shape}
     * @throws IllegalArgumentException if a size is negative
     */
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

    /**
     * A tensor holding a copy of {@code values}, as {@code torch.tensor(values).reshape(shape)}. Without a shape the
     * result is 1-D of length {@code values.length}, except that a single value gives a 0-d tensor.
     *
     * @param values the values in row-major order (copied)
     * @param shape the size of each dim; none for 1-D
     * @return a new compact leaf tensor
     * @throws ShapeMismatchException if the values do not fill {@code shape}
     */
    public static Tensor fromArray(float[] values, int... shape) {
        return new Tensor(values.clone(), shape.length == 0 && values.length != 1 ? new int[] {values.length} : shape);
    }

    /**
     * As {@link #fromArray(float[], int...)}, rounding each value to the nearest float.
     *
     * @param values the values in row-major order (converted, so never shared)
     * @param shape the size of each dim; none for 1-D (or 0-d for a single value)
     * @return a new compact leaf tensor
     * @throws ShapeMismatchException if the values do not fill {@code shape}
     */
    public static Tensor fromArray(double[] values, int... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return new Tensor(f, shape.length == 0 && values.length != 1 ? new int[] {values.length} : shape);
    }

    /**
     * A 2-D tensor of shape [rows.length, rows[0].length] holding a copy of the rows, as
     * {@code torch.tensor([[...], ...])}; no rows give shape [0, 0].
     *
     * @param rows the rows, all of the same length
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a row's length differs from the first row's
     */
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

    /**
     * A 0-d tensor (shape []) holding one value, as {@code torch.tensor(value)}.
     *
     * @param value the value
     * @return a new 0-d leaf tensor
     */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value});
    }

    /**
     * A tensor of zeros, as {@code torch.zeros}; no shape gives a 0-d zero.
     *
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a size is negative or the element count exceeds 2^31-1
     */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.numel(Shapes.checked("zeros", shape))], shape);
    }

    /**
     * A tensor of ones, as {@code torch.ones}; no shape gives a 0-d one.
     *
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a size is negative or the element count exceeds 2^31-1
     */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /**
     * A tensor with every element {@code value}, as {@code torch.full(shape, value)}.
     *
     * @param value the value of every element
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a size is negative or the element count exceeds 2^31-1
     */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.numel(Shapes.checked("full", shape))];
        Arrays.fill(d, value);
        return new Tensor(d, shape);
    }

    /**
     * Zeros of {@code t}'s shape, as {@code torch.zeros_like}: compact and not requiring grad, whatever {@code t} is.
     *
     * @param t the tensor whose shape is used
     * @return a new compact leaf tensor
     */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    /**
     * Ones of {@code t}'s shape, as {@code torch.ones_like}: compact and not requiring grad, whatever {@code t} is.
     *
     * @param t the tensor whose shape is used
     * @return a new compact leaf tensor
     */
    public static Tensor onesLike(Tensor t) {
        return ones(t.shape);
    }

    /**
     * The 1-D tensor start, start + step, ... up to but excluding {@code end}, as
     * {@code torch.arange(start, end, step)}; empty when {@code step} points away from {@code end}. Each value is
     * computed as {@code start + i·step} (not by repeated addition), so rounding does not build up.
     *
     * @param start the first value
     * @param end the bound, not included
     * @param step the distance between neighbours, positive or negative
     * @return a new 1-D leaf tensor of {@code ceil((end - start) / step)} values
     * @throws IllegalArgumentException if {@code step} is zero or any argument is NaN
     */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step) || Float.isNaN(start) || Float.isNaN(end))
            throw new IllegalArgumentException("arange: step must be non-zero and bounds finite, got start=" + start
                    + " end=" + end + " step=" + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / (double) step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (start + (double) i * step);
        return new Tensor(d, n);
    }

    /**
     * The 1-D tensor 0, 1, ..., end - 1 as floats, as {@code torch.arange(end)}; empty for {@code end <= 0}. For
     * indices, {@link IndexTensor#arange(int)} is exact beyond 2^24.
     *
     * @param end the bound, not included
     * @return a new 1-D leaf tensor
     */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /**
     * {@code steps} evenly spaced values from {@code start} to {@code end}, both included, as {@code torch.linspace};
     * one step gives just {@code start}, zero steps an empty tensor.
     *
     * @param start the first value
     * @param end the last value
     * @param steps the number of values
     * @return a new 1-D leaf tensor of {@code steps} values
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public static Tensor linspace(float start, float end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        float[] d = new float[steps];
        for (int i = 0; i < steps; i++)
            d[i] = steps == 1 ? start : (float) (start + (end - (double) start) * i / (steps - 1));
        return new Tensor(d, steps);
    }

    /**
     * The n×n identity matrix, as {@code torch.eye(n)}.
     *
     * @param n the number of rows and columns
     * @return a new [n, n] leaf tensor
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor eye(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) t.storage.data()[i * n + i] = 1;
        return t;
    }

    /**
     * Samples of the standard normal distribution (mean 0, variance 1), as {@code torch.randn}. The values depend only
     * on {@code gen}'s state, so the same seed gives the same tensor; they are not the numbers PyTorch draws for that
     * seed.
     *
     * @param gen the source of randomness; it advances by one normal draw per element
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor randn(Generator gen, int... shape) {
        float[] d = new float[Shapes.numel(Shapes.checked("randn", shape))];
        for (int i = 0; i < d.length; i++) d[i] = (float) gen.nextGaussian();
        return new Tensor(d, shape);
    }

    /**
     * Samples uniform in [0, 1), as {@code torch.rand}.
     *
     * @param gen the source of randomness; it advances by one draw per element
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor rand(Generator gen, int... shape) {
        return uniform(gen, 0, 1, shape);
    }

    /**
     * Samples uniform in [low, high), as {@code torch.empty(shape).uniform_(low, high)}.
     *
     * @param gen the source of randomness; it advances by one draw per element
     * @param low the lower bound, included
     * @param high the upper bound, excluded (equal to {@code low} gives a constant tensor)
     * @param shape the size of each dim
     * @return a new compact leaf tensor
     * @throws IllegalArgumentException if a bound is not finite, {@code low > high} or a size is negative
     */
    public static Tensor uniform(Generator gen, float low, float high, int... shape) {
        if (!(low <= high) || !Float.isFinite(low) || !Float.isFinite(high))
            throw new IllegalArgumentException("uniform: need finite low <= high, got low=" + low + " high=" + high);
        float[] d = new float[Shapes.numel(Shapes.checked("uniform", shape))];
        for (int i = 0; i < d.length; i++) d[i] = low + (high - low) * gen.nextFloat();
        return new Tensor(d, shape);
    }

    /**
     * Integers uniform in [low, high), stored as floats, as {@code torch.randint(low, high, shape)}.
     *
     * @param gen the source of randomness; it advances by one draw per element
     * @param low the smallest value
     * @param high the bound, not included
     * @param shape the size of each dim
     * @return a new compact leaf tensor of whole numbers
     * @throws IllegalArgumentException if {@code high <= low} or a size is negative
     */
    public static Tensor randint(Generator gen, int low, int high, int... shape) {
        if (high <= low)
            throw new IllegalArgumentException("randint: need low < high, got low=" + low + " high=" + high);
        float[] d = new float[Shapes.numel(Shapes.checked("randint", shape))];
        for (int i = 0; i < d.length; i++) d[i] = low + gen.nextInt(high - low);
        return new Tensor(d, shape);
    }

    // ---------------------------------------------------------------- accessors

    /** {@return a copy of the sizes of the dims, as {@code x.shape}; empty for a 0-d tensor} */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The size of one dim, as {@code x.size(dim)}.
     *
     * @param dim the dim, negative counting from the end
     * @return the number of elements along {@code dim}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /** {@return the number of dims (the rank), as {@code x.dim()}; 0 for a scalar} */
    public int dim() {
        return shape.length;
    }

    /** {@return the number of elements, the product of the sizes, as {@code x.numel()}} */
    public int numel() {
        return Shapes.numel(shape);
    }

    /**
     * {@return a copy of the strides: how many storage elements apart neighbours are along each dim, as
     * {@code x.stride()}}
     */
    public int[] stride() {
        return strides.clone();
    }

    /**
     * The stride of one dim, as {@code x.stride(dim)}.
     *
     * @param dim the dim, negative counting from the end
     * @return how many storage elements apart neighbours along {@code dim} are
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
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

    /**
     * The in-place op (such as {@code "relu_"}) that wrote over this tensor under autograd, or null. Recording an op on
     * an overwritten tensor fails; use the tensor the in-place op returned instead.
     *
     * @return the op's name, or null if this tensor was not overwritten
     */
    public String overwrittenBy() {
        return overwrittenBy;
    }

    /** {@return where element (0, 0, ...) sits in the storage, as {@code x.storage_offset()}} */
    public int storageOffset() {
        return offset;
    }

    /**
     * Whether the elements lie in row-major order in the storage (size-1 dims may have any stride), as
     * {@code x.is_contiguous()}. A contiguous view may still start at an offset into a larger storage.
     *
     * @return true if the strides are the row-major ones
     */
    public boolean isContiguous() {
        return Shapes.isContiguous(shape, strides);
    }

    /**
     * Whether the two tensors share memory: one is a view (or {@link #detach()}) of the other, or both are views of a
     * third. Writing in place into one then changes the other.
     *
     * @param other the tensor to compare with
     * @return true if both read the same storage
     */
    public boolean sharesStorage(Tensor other) {
        return storage == other.storage;
    }

    /**
     * The storage's version: bumped by every in-place write through any view of it. Tensors saved for backward remember
     * it, and backward fails if it moved (as PyTorch's {@code x._version}).
     *
     * @return the number of in-place writes the storage has seen
     */
    public int version() {
        return storage.version();
    }

    /**
     * Marks the storage as written in place; call it after writing into {@link #data()} or {@link #storageArray()}
     * directly, so that backward detects the change.
     */
    public void bumpVersion() {
        storage.bump();
    }

    /**
     * The storage array shared by this tensor and its views, for kernels that read a view in place with
     * {@link #storageOffset()} and {@link #stride()}. Read only: writes must go through the in-place ops (or be
     * followed by {@link #bumpVersion()}).
     *
     * @return the backing array itself, not a copy; it may hold elements outside this view
     */
    public float[] storageArray() {
        return storage.data();
    }

    /**
     * The backing array in row-major order, for a compact tensor (contiguous, offset 0, owning its storage; every op
     * output is one). Writing into it changes the tensor and every view of it: do so only under {@link NoGrad}, then
     * call {@link #bumpVersion()}. For a view, use {@link #values()} or {@link #toArray()} to read, or the in-place ops
     * to write.
     *
     * @return the backing array itself, not a copy
     * @throws IllegalStateException if this tensor is a view (not compact); the message says what to use instead
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
     * The values in row-major order, for reading only (kernels, losses): the storage itself when the tensor is compact,
     * else a gathered copy. Never recorded; works for views.
     *
     * @return the values; do not write into the array, it may be the tensor's own storage
     */
    public float[] values() {
        return compact ? storage.data() : Layout.gatherStrided(storage.data(), offset, shape, strides);
    }

    /**
     * A copy of the values in row-major order (works for views), as {@code x.flatten().tolist()}.
     *
     * @return a new array of {@link #numel()} values that the caller owns
     */
    public float[] toArray() {
        return compact ? storage.data().clone() : Layout.gatherStrided(storage.data(), offset, shape, strides);
    }

    /**
     * The value of a one-element tensor, as {@code x.item()}; any shape with one element works ([], [1], [1, 1], ...).
     *
     * @return the single value
     * @throws IllegalStateException if the tensor has more or fewer than one element
     */
    public float item() {
        if (numel() != 1)
            throw new IllegalStateException("item: tensor has " + numel() + " elements, shape " + Shapes.str(shape));
        return storage.data()[offset];
    }

    /**
     * The element at the given coordinates, as {@code x[i, j, ...].item()}; works for views. Negative coordinates are
     * not accepted.
     *
     * @param index one coordinate per dim, each in [0, size)
     * @return the element's value
     * @throws IllegalArgumentException if the number of coordinates is not {@link #dim()}
     * @throws IndexOutOfBoundsException if a coordinate is outside its dim
     */
    public float get(int... index) {
        return storage.data()[storageIndex(index)];
    }

    /**
     * Sets one element in place, writing through a view to its base; not recorded by autograd, and it bumps the version
     * (so backward fails if the tensor was saved for it).
     *
     * @param value the new value
     * @param index one coordinate per dim, each in [0, size)
     * @throws IllegalArgumentException if the number of coordinates is not {@link #dim()}
     * @throws IndexOutOfBoundsException if a coordinate is outside its dim
     */
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

    /**
     * A compact copy with its own storage, outside the graph: not recorded and not requiring grad, as
     * {@code x.detach().clone()}.
     *
     * @return a new compact leaf tensor with the same shape and values
     */
    public Tensor copy() {
        return new Tensor(toArray(), shape);
    }

    /**
     * This tensor if it is compact, else a compact copy in row-major order, as {@code x.contiguous()}. The copy is
     * recorded, so gradients flow back to the view.
     *
     * @return this tensor or a compact copy of it
     */
    public Tensor contiguous() {
        return compact ? this : Layout.contiguous(this);
    }

    // ---------------------------------------------------------------- in place (bump the version; not recorded)

    /**
     * {@code this += other} in place, as {@code x.add_(other)}; {@code other} is broadcast to this tensor's shape.
     * Writes through a view into its base, bumps the version and is not recorded.
     *
     * @param other the tensor to add, broadcastable to this shape; it may overlap this tensor
     * @return this tensor
     * @throws ShapeMismatchException if {@code other} does not broadcast to this shape
     * @throws IllegalStateException if this tensor requires grad while grad mode is on (use {@link NoGrad}), or is an
     *     expanded view in which several elements share one location
     */
    public Tensor add_(Tensor other) {
        return InPlace.binary("add_", this, other, (x, y) -> x + y);
    }

    /**
     * {@code this -= other} in place, as {@code x.sub_(other)}; broadcasting, views and errors as
     * {@link #add_(Tensor)}.
     *
     * @param other the tensor to subtract, broadcastable to this shape
     * @return this tensor
     * @throws ShapeMismatchException if {@code other} does not broadcast to this shape
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor sub_(Tensor other) {
        return InPlace.binary("sub_", this, other, (x, y) -> x - y);
    }

    /**
     * {@code this *= other} in place, as {@code x.mul_(other)}; broadcasting, views and errors as
     * {@link #add_(Tensor)}.
     *
     * @param other the factor, broadcastable to this shape
     * @return this tensor
     * @throws ShapeMismatchException if {@code other} does not broadcast to this shape
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor mul_(Tensor other) {
        return InPlace.binary("mul_", this, other, (x, y) -> x * y);
    }

    /**
     * {@code this /= other} in place, as {@code x.div_(other)}; broadcasting, views and errors as
     * {@link #add_(Tensor)}.
     *
     * @param other the divisor, broadcastable to this shape
     * @return this tensor
     * @throws ShapeMismatchException if {@code other} does not broadcast to this shape
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor div_(Tensor other) {
        return InPlace.binary("div_", this, other, (x, y) -> x / y);
    }
    /**
     * Copies {@code other}'s values into this tensor, as {@code x.copy_(other)}; {@code other} is broadcast to this
     * shape and read completely before anything is written, so it may overlap this tensor ({@code x.copy_(x.t())}).
     *
     * @param other the source, broadcastable to this shape
     * @return this tensor
     * @throws ShapeMismatchException if {@code other} does not broadcast to this shape
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor copy_(Tensor other) {
        return InPlace.binary("copy_", this, other, (x, y) -> y);
    }

    /**
     * Adds {@code s} to every element in place, as {@code x.add_(s)}; views and errors as {@link #add_(Tensor)}.
     *
     * @param s the number to add
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor add_(float s) {
        return InPlace.unary("add_", this, x -> x + s);
    }

    /**
     * Multiplies every element by {@code s} in place, as {@code x.mul_(s)}; views and errors as {@link #add_(Tensor)}.
     *
     * @param s the factor
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor mul_(float s) {
        return InPlace.unary("mul_", this, x -> x * s);
    }

    /**
     * Sets every element to {@code value} in place, as {@code x.fill_(value)}; views and errors as
     * {@link #add_(Tensor)}.
     *
     * @param value the new value of every element
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor fill_(float value) {
        return InPlace.unary("fill_", this, x -> value);
    }

    /**
     * Sets every element to 0 in place, as {@code x.zero_()}; views and errors as {@link #add_(Tensor)}.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor zero_() {
        return fill_(0f);
    }

    /**
     * Clamps every element into [min, max] in place, as {@code x.clamp_(min, max)}; views and errors as
     * {@link #add_(Tensor)}. Unlike {@link #clamp}, the bounds are not checked: with {@code min > max} every element
     * becomes {@code max}, as in PyTorch.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while grad mode is on, or is an expanded view
     */
    public Tensor clamp_(float min, float max) {
        return InPlace.unary("clamp_", this, x -> Math.min(Math.max(x, min), max));
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Whether gradients flow to or through this tensor, as {@code x.requires_grad}: true for a leaf marked with
     * {@link #requiresGrad(boolean)} (a parameter) and for every recorded op's result.
     *
     * @return true if backward reaches this tensor
     */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /**
     * Marks a leaf as needing a gradient (or not), as {@code x.requires_grad_(value)}; ops on it from then on are
     * recorded, and {@link #backward()} leaves its gradient in {@link #grad()}.
     *
     * @param value whether the leaf needs a gradient
     * @return this tensor, for chaining ({@code Tensor.randn(gen, 3).requiresGrad(true)})
     * @throws IllegalStateException if {@code value} is false on a non-leaf (a recorded result); use {@link #detach()}
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value)
            throw new IllegalStateException("requiresGrad(false) on a non-leaf tensor; use detach()");
        this.requiresGrad = value;
        return this;
    }

    /**
     * Whether this tensor was not produced by a recorded op, as {@code x.is_leaf}: tensors made by the factories,
     * results computed under {@link NoGrad} or from inputs that do not require grad, and {@link #detach()}ed tensors.
     *
     * @return true if this tensor has no {@link #gradFn()}
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** {@return the autograd node that produced this tensor, as {@code x.grad_fn}, or null for a leaf} */
    public Node gradFn() {
        return gradFn;
    }

    /**
     * Attaches the autograd node that produced this tensor. Called by {@link Engine#record}; not for user code.
     *
     * @param node the node, or null to make this tensor a leaf again
     */
    public void setGradFn(Node node) {
        this.gradFn = node;
    }

    /**
     * The gradient accumulated by backward, as {@code x.grad}: set on leaves that require grad, and on non-leaves only
     * after {@link #retainGrad()}. Backward adds into it; {@link #zeroGrad()} clears it.
     *
     * @return the gradient, of this tensor's shape, or null if none has been computed
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Replaces the gradient, as assigning {@code x.grad = g}. The tensor is stored as given (not copied); a later
     * backward adds into a copy, leaving {@code g} unchanged.
     *
     * @param g the new gradient, of this tensor's shape, or null to clear it
     * @throws ShapeMismatchException if {@code g}'s shape differs from this tensor's
     */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape))
            throw new ShapeMismatchException("setGrad: gradient shape " + Shapes.str(g.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        this.grad = g;
        this.gradOwned = false;
    }

    /**
     * Keeps this non-leaf tensor's gradient after backward, as {@code x.retain_grad()}; without it the gradients of
     * intermediate results are freed as soon as they have been passed on.
     *
     * @return this tensor
     */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    /**
     * Whether backward leaves this tensor's gradient in {@link #grad()}, as {@code x.retains_grad} (which, unlike this,
     * is false for leaves).
     *
     * @return true for leaves and for non-leaves after {@link #retainGrad()}
     */
    public boolean retainsGrad() {
        return retainGrad || gradFn == null;
    }

    /**
     * Adds {@code g} into {@link #grad()}; backward steps call it for each input. In a plain backward (grad mode off)
     * the sum is formed in place in a gradient this tensor owns; when backward builds a graph of its own
     * ({@code createGraph}), the sum is a recorded op, so the gradient can be differentiated again.
     *
     * @param g the contribution, of this tensor's shape; never written into
     * @throws ShapeMismatchException if {@code g}'s shape differs from this tensor's
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
     * Adds a freshly computed gradient, given as an array that nothing else references: on the first contribution the
     * array becomes this tensor's {@code .grad} storage (no copy; a backward step of a big layer would otherwise copy
     * its whole weight gradient), later ones are added into it. For backward steps; the caller must not touch the array
     * afterwards.
     *
     * @param gradient the contribution in row-major order, {@link #numel()} values
     * @throws ShapeMismatchException if the array's length is not {@link #numel()}
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
     * Whether the gradient's array belongs to this tensor alone (it came from {@code accumulateNewGrad} or a copy), so
     * that the engine, freeing it after its backward step, may let that step reuse it.
     *
     * @return true if a gradient exists and no other tensor holds its array
     */
    public boolean ownsGrad() {
        return grad != null && gradOwned;
    }

    /**
     * Clears the gradient (sets it to null, as PyTorch's {@code zero_grad(set_to_none=True)}), so the next backward
     * starts afresh instead of adding to it.
     */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Computes the gradient of this scalar with respect to every leaf that requires grad, as {@code loss.backward()}:
     * each such leaf's {@link #grad()} gets d this / d leaf added to it. Gradients of intermediate results are freed on
     * the way unless {@link #retainGrad() retained}.
     *
     * @throws IllegalStateException if this tensor has more than one element (use {@link #backward(Tensor)}), does not
     *     require grad, or a tensor saved for backward was modified in place since
     */
    public void backward() {
        if (numel() != 1)
            throw new IllegalStateException(
                    "backward: grad can be implicitly created only for a scalar output, this has shape "
                            + Shapes.str(shape) + "; pass a gradient: backward(gradient)");
        Engine.backward(this, ones(shape), false);
    }

    /**
     * Backpropagates {@code gradient} from this tensor (a vector-Jacobian product), as {@code y.backward(gradient)}:
     * each leaf that requires grad gets {@code gradient · d this / d leaf} added to its {@link #grad()}.
     *
     * @param gradient d(something)/d this, of this tensor's shape
     * @throws ShapeMismatchException if {@code gradient}'s shape differs from this tensor's
     * @throws IllegalStateException if this tensor does not require grad, or a tensor saved for backward was modified
     *     in place since
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * As {@link #backward(Tensor)}; with {@code createGraph} the backward pass is itself recorded, so the gradients it
     * leaves in {@code .grad} can be differentiated again (a gradient penalty), as
     * {@code backward(gradient, create_graph=True)}.
     *
     * @param gradient d(something)/d this, of this tensor's shape
     * @param createGraph whether to record the backward pass for higher-order derivatives
     * @throws ShapeMismatchException if {@code gradient}'s shape differs from this tensor's
     * @throws IllegalStateException if this tensor does not require grad, or a tensor saved for backward was modified
     *     in place since
     */
    public void backward(Tensor gradient, boolean createGraph) {
        if (!Arrays.equals(gradient.shape, shape))
            throw new ShapeMismatchException("backward: gradient shape " + Shapes.str(gradient.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        Engine.backward(this, gradient, createGraph);
    }

    /**
     * The same values cut from the graph, as {@code x.detach()}: a leaf that does not require grad and shares this
     * tensor's storage (no copy), so in-place writes to either are seen by both.
     *
     * @return a new tensor on the same storage, shape and strides
     */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides);
    }

    // ---------------------------------------------------------------- pointwise

    /**
     * Elementwise {@code this + o} with broadcasting, as {@code torch.add}; the result has the broadcast shape.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor add(Tensor o) {
        return Pointwise.add(this, o);
    }

    /**
     * Elementwise {@code this - o} with broadcasting, as {@code torch.sub}.
     *
     * @param o the operand to subtract
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor sub(Tensor o) {
        return Pointwise.sub(this, o);
    }

    /**
     * Elementwise product {@code this * o} with broadcasting, as {@code torch.mul} (for the matrix product see
     * {@link #matmul(Tensor)}).
     *
     * @param o the other factor
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor mul(Tensor o) {
        return Pointwise.mul(this, o);
    }

    /**
     * Elementwise {@code this / o} with broadcasting, as {@code torch.div} (true division; x/0 gives ±inf or NaN).
     *
     * @param o the divisor
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor div(Tensor o) {
        return Pointwise.div(this, o);
    }

    /**
     * Elementwise {@code this ^ o} with broadcasting, as {@code torch.pow}. The gradient with respect to the exponent
     * is {@code this^o · ln(this)}, NaN where {@code this} is negative.
     *
     * @param o the exponent
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor pow(Tensor o) {
        return Pointwise.pow(this, o);
    }

    /**
     * Elementwise maximum with broadcasting, as {@code torch.maximum}. The gradient goes to the larger operand, half to
     * each at a tie, as in PyTorch.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor maximum(Tensor o) {
        return Pointwise.maximum(this, o);
    }

    /**
     * Elementwise minimum with broadcasting, as {@code torch.minimum}; the gradient goes to the smaller operand, half
     * to each at a tie.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor minimum(Tensor o) {
        return Pointwise.minimum(this, o);
    }

    /**
     * {@return a new tensor {@code this + s}, as {@code x + s}}
     *
     * @param s the number to add to every element
     */
    public Tensor add(float s) {
        return Pointwise.addScalar(this, s);
    }

    /**
     * {@return a new tensor {@code this - s}, as {@code x - s}}
     *
     * @param s the number to subtract from every element
     */
    public Tensor sub(float s) {
        return Pointwise.addScalar(this, -s);
    }

    /**
     * {@return a new tensor {@code this · s}, as {@code x * s}}
     *
     * @param s the factor
     */
    public Tensor mul(float s) {
        return Pointwise.mulScalar(this, s);
    }

    /**
     * Divides every element by {@code s}, as {@code x / s}, computed as a multiplication by {@code 1 / s} (so a result
     * may differ from true division in the last bit).
     *
     * @param s the divisor
     * @return a new tensor of this shape
     */
    public Tensor div(float s) {
        return Pointwise.mulScalar(this, 1f / s);
    }
    /**
     * {@return a new tensor {@code s - this}, as {@code s - x} or {@code torch.rsub(x, s)}}
     *
     * @param s the number the elements are subtracted from
     */
    public Tensor rsub(float s) {
        return Pointwise.addScalar(Pointwise.neg(this), s);
    }

    /**
     * Raises every element to the power {@code p}, as {@code x ** p}; the gradient is {@code p · x^(p-1)}.
     *
     * @param p the exponent
     * @return a new tensor of this shape
     */
    public Tensor pow(float p) {
        return Pointwise.powScalar(this, p);
    }

    /** {@return a new tensor {@code -this}, as {@code torch.neg}} */
    public Tensor neg() {
        return Pointwise.neg(this);
    }

    /**
     * Elementwise absolute value, as {@code torch.abs}; the gradient is {@code sign(x)}, 0 at 0 as in PyTorch.
     *
     * @return a new tensor of this shape
     */
    public Tensor abs() {
        return Pointwise.abs(this);
    }

    /** {@return a new tensor of e to the power of each element, as {@code torch.exp}} */
    public Tensor exp() {
        return Pointwise.exp(this);
    }

    /**
     * Elementwise natural logarithm, as {@code torch.log}: -inf at 0, NaN below 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor log() {
        return Pointwise.log(this);
    }

    /**
     * Elementwise square root, as {@code torch.sqrt}: NaN below 0; the gradient {@code 1 / (2·sqrt(x))} is inf at 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /** {@return a new tensor of the sine of each element (radians), as {@code torch.sin}} */
    public Tensor sin() {
        return Pointwise.sin(this);
    }

    /** {@return a new tensor of the cosine of each element (radians), as {@code torch.cos}} */
    public Tensor cos() {
        return Pointwise.cos(this);
    }

    /** {@return a new tensor of the hyperbolic tangent of each element, as {@code torch.tanh}} */
    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    /**
     * {@return a new tensor of the logistic sigmoid {@code 1 / (1 + exp(-x))} of each element, as
     * {@code torch.sigmoid}}
     */
    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    /**
     * Elementwise {@code max(0, x)}, as {@code torch.relu}; the gradient is 1 where x &gt; 0 and 0 elsewhere (also at
     * 0). Large tensors are split over the threads of {@code dev.myelin.kernel.Parallel}.
     *
     * @return a new tensor of this shape
     */
    public Tensor relu() {
        return Pointwise.relu(this);
    }

    /**
     * ReLU written over this tensor's storage, as {@code x.relu_()} or {@code nn.ReLU(inplace=True)}: no new array is
     * allocated. Outside autograd it returns this tensor (a view is written through to its base). Under autograd it
     * returns a new tensor on the same storage that carries ReLU's backward, and this tensor is marked
     * {@link #overwrittenBy() overwritten}: keep using the returned tensor, since an op recorded on this one afterwards
     * fails.
     *
     * @return this tensor, or under autograd a new tensor on the same storage
     * @throws IllegalStateException under autograd, if this tensor is a leaf that requires grad or a view
     */
    public Tensor relu_() {
        return Pointwise.reluInPlace(this);
    }

    /** {@return a new tensor {@code this · this}, as {@code torch.square}} */
    public Tensor square() {
        return Pointwise.mul(this, this);
    }

    /** {@return a new tensor {@code 1 / this}, as {@code torch.reciprocal} (inf at 0)} */
    public Tensor reciprocal() {
        return Pointwise.powScalar(this, -1);
    }

    /**
     * Clamps every element into [min, max], as {@code torch.clamp(x, min, max)}; the gradient passes where
     * {@code min <= x <= max} and is 0 outside. Use an infinite bound for a one-sided clamp.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if a bound is NaN or {@code min > max}
     */
    public Tensor clamp(float min, float max) {
        return Pointwise.clamp(this, min, max);
    }

    /**
     * Raises every element below {@code min} to {@code min}, as {@code torch.clamp(x, min=min)}.
     *
     * @param min the lower bound
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if {@code min} is NaN
     */
    public Tensor clampMin(float min) {
        return Pointwise.clamp(this, min, Float.POSITIVE_INFINITY);
    }

    // comparisons give 0/1 masks and are not differentiable
    /**
     * Elementwise {@code this > o} with broadcasting, as {@code torch.gt}, as a float mask of 1s and 0s. Comparisons
     * are never recorded: the mask does not require grad.
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor gt(Tensor o) {
        return Pointwise.compare("gt", this, o);
    }

    /**
     * Elementwise {@code this >= o} with broadcasting, as {@code torch.ge}, as a 0/1 float mask (not recorded).
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor ge(Tensor o) {
        return Pointwise.compare("ge", this, o);
    }

    /**
     * Elementwise {@code this < o} with broadcasting, as {@code torch.lt}, as a 0/1 float mask (not recorded).
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor lt(Tensor o) {
        return Pointwise.compare("lt", this, o);
    }

    /**
     * Elementwise {@code this <= o} with broadcasting, as {@code torch.le}, as a 0/1 float mask (not recorded).
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor le(Tensor o) {
        return Pointwise.compare("le", this, o);
    }

    /**
     * Elementwise {@code this == o} with broadcasting, as {@code torch.eq}, as a 0/1 float mask (not recorded); NaN
     * equals nothing.
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor eq(Tensor o) {
        return Pointwise.compare("eq", this, o);
    }

    /**
     * Elementwise {@code this != o} with broadcasting, as {@code torch.ne}, as a 0/1 float mask (not recorded).
     *
     * @param o the other operand
     * @return a new 0/1 tensor of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor ne(Tensor o) {
        return Pointwise.compare("ne", this, o);
    }

    /**
     * {@return a new 0/1 mask of {@code this > s}, as {@code x > s} (not recorded)}
     *
     * @param s the number to compare with
     */
    public Tensor gt(float s) {
        return gt(scalar(s));
    }

    /**
     * {@return a new 0/1 mask of {@code this >= s}, as {@code x >= s} (not recorded)}
     *
     * @param s the number to compare with
     */
    public Tensor ge(float s) {
        return ge(scalar(s));
    }

    /**
     * {@return a new 0/1 mask of {@code this < s}, as {@code x < s} (not recorded)}
     *
     * @param s the number to compare with
     */
    public Tensor lt(float s) {
        return lt(scalar(s));
    }

    /**
     * {@return a new 0/1 mask of {@code this <= s}, as {@code x <= s} (not recorded)}
     *
     * @param s the number to compare with
     */
    public Tensor le(float s) {
        return le(scalar(s));
    }

    /**
     * {@return a new 0/1 mask of {@code this == s}, as {@code x == s} (not recorded)}
     *
     * @param s the number to compare with
     */
    public Tensor eq(float s) {
        return eq(scalar(s));
    }

    /**
     * Elementwise {@code condition != 0 ? a : b}, broadcasting all three, as {@code torch.where}. The gradient flows to
     * {@code a} where the condition holds and to {@code b} elsewhere; the condition gets none.
     *
     * @param condition the mask; any non-zero value (also NaN) picks {@code a}
     * @param a the values where the condition holds
     * @param b the values elsewhere
     * @return a new tensor of the broadcast shape of the three
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Pointwise.where(condition, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /**
     * The sum of all elements as a 0-d tensor, as {@code x.sum()}; accumulated in double, since losses are sums of many
     * terms.
     *
     * @return a new 0-d tensor
     */
    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    /**
     * The sum along one dim, which is removed, as {@code x.sum(dim)}: [N, C] summed along 1 gives [N].
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return a new tensor with one dim fewer
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    /**
     * The sum over several dims, as {@code x.sum(dims, keepdim)}; an empty {@code dims} reduces every dim (as
     * {@code sum(dim=[])} in PyTorch 1.13).
     *
     * @param dims the dims to reduce, each once, negative counting from the end
     * @param keepDim whether the reduced dims stay as size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     * @throws IllegalArgumentException if a dim is out of range or repeated
     */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    /**
     * The sum along one dim, as {@code x.sum(dim, keepdim)}.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, new int[] {dim}, keepDim);
    }

    /**
     * The mean of all elements as a 0-d tensor, as {@code x.mean()} (NaN for an empty tensor).
     *
     * @return a new 0-d tensor
     */
    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    /**
     * The mean along one dim, which is removed, as {@code x.mean(dim)}.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return a new tensor with one dim fewer
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    /**
     * The mean along one dim, as {@code x.mean(dim, keepdim)}.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, new int[] {dim}, keepDim);
    }

    /**
     * The mean over several dims, as {@code x.mean(dims, keepdim)}; an empty {@code dims} reduces every dim. For
     * example, the per-channel mean of [N, C, H, W] is {@code mean(new int[] {0, 2, 3}, true)}, of shape [1, C, 1, 1].
     *
     * @param dims the dims to reduce, each once, negative counting from the end
     * @param keepDim whether the reduced dims stay as size 1
     * @return a new tensor
     * @throws IllegalArgumentException if a dim is out of range or repeated
     */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }
    /**
     * The variance of all elements with Bessel's correction (dividing by N - 1), as {@code torch.var(x)}; a 0-d tensor.
     *
     * @return a new 0-d tensor
     */
    public Tensor var() {
        return Reductions.var(this, allDims(), 1, false);
    }

    /**
     * The unbiased variance (dividing by N - 1) along one dim, as {@code torch.var(x, dim, keepdim=keepDim)}.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor var(int dim, boolean keepDim) {
        return Reductions.var(this, new int[] {dim}, 1, keepDim);
    }
    /**
     * The variance over several dims, dividing the sum of squared deviations by N - correction, as
     * {@code torch.var(x, dims, correction=correction, keepdim=keepDim)}; an empty {@code dims} reduces every dim.
     *
     * @param dims the dims to reduce, each once, negative counting from the end
     * @param correction 0 for the population variance (as BatchNorm uses), 1 for the unbiased one
     * @param keepDim whether the reduced dims stay as size 1
     * @return a new tensor
     * @throws IllegalArgumentException if a dim is out of range or repeated
     */
    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Reductions.var(this, dims, correction, keepDim);
    }

    /**
     * The standard deviation of all elements with Bessel's correction, {@code sqrt(var())}, as {@code torch.std(x)}.
     *
     * @return a new 0-d tensor
     */
    public Tensor std() {
        return var().sqrt();
    }

    /**
     * The unbiased standard deviation along one dim, {@code sqrt(var(dim, keepDim))}, as
     * {@code torch.std(x, dim, keepdim=keepDim)}.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor std(int dim, boolean keepDim) {
        return var(dim, keepDim).sqrt();
    }

    /**
     * The largest element as a 0-d tensor, as {@code x.max()}; NaN if any element is NaN. The gradient is shared evenly
     * among the elements equal to the maximum, as in PyTorch.
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor max() {
        return Reductions.extremeAll(this, true);
    }

    /**
     * The smallest element as a 0-d tensor, as {@code x.min()}; NaN if any element is NaN. The gradient is shared
     * evenly among the elements equal to the minimum.
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor min() {
        return Reductions.extremeAll(this, false);
    }
    /**
     * The maximum along a dim with its position, as {@code torch.max(x, dim, keepdim)}: at a tie the first position
     * wins, and NaN counts as the largest. The gradient of the values goes to the element the index points at.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return the values and their indices along {@code dim}, all of the same shape
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public ValuesIndices max(int dim, boolean keepDim) {
        return Reductions.extreme(this, dim, keepDim, true);
    }

    /**
     * The minimum along a dim with its position, as {@code torch.min(x, dim, keepdim)}: at a tie the first position
     * wins, and NaN counts as the smallest. The gradient of the values goes to the element the index points at.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return the values and their indices along {@code dim}, all of the same shape
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public ValuesIndices min(int dim, boolean keepDim) {
        return Reductions.extreme(this, dim, keepDim, false);
    }
    /**
     * The position of the maximum along a dim, which is removed, as floats, as {@code torch.argmax(x, dim)}; the first
     * at a tie. Exact below 2^24; {@link #argmaxIndices(int)} is exact for any size. Not differentiable.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return a new tensor of whole numbers with one dim fewer
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public Tensor argmax(int dim) {
        return Reductions.extreme(this, dim, false, true).indices();
    }

    /**
     * The position of the minimum along a dim, which is removed, as floats, as {@code torch.argmin(x, dim)}; the first
     * at a tie. Exact below 2^24; {@link #argminIndices(int)} is exact for any size. Not differentiable.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return a new tensor of whole numbers with one dim fewer
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public Tensor argmin(int dim) {
        return Reductions.extreme(this, dim, false, false).indices();
    }
    /**
     * The row-major position of the maximum of the flattened tensor as a 0-d float, as {@code torch.argmax(x)}; the
     * first at a tie. Exact below 2^24; {@link #argmaxIndices()} is exact for any size.
     *
     * @return a new 0-d tensor holding a whole number
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor argmax() {
        return Reductions.extreme(reshape(-1), 0, false, true).indices();
    }
    /**
     * The position of the maximum along a dim, which is removed, as an int32 {@link IndexTensor}, as
     * {@code torch.argmax(x, dim)}; the first at a tie. Exact for any size, and ready for {@link #gather} and friends.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return the indices, with one dim fewer than this tensor
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public IndexTensor argmaxIndices(int dim) {
        return Reductions.extreme(this, dim, false, true).indexTensor();
    }

    /**
     * The position of the minimum along a dim, which is removed, as an int32 {@link IndexTensor}, as
     * {@code torch.argmin(x, dim)}; the first at a tie.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @return the indices, with one dim fewer than this tensor
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public IndexTensor argminIndices(int dim) {
        return Reductions.extreme(this, dim, false, false).indexTensor();
    }
    /**
     * The row-major position of the maximum of the flattened tensor as a 0-d {@link IndexTensor}, as
     * {@code torch.argmax(x)}; the first at a tie.
     *
     * @return a 0-d index
     * @throws IllegalArgumentException if the tensor is empty
     */
    public IndexTensor argmaxIndices() {
        return Reductions.extreme(reshape(-1), 0, false, true).indexTensor();
    }

    /**
     * {@code log(sum(exp(x)))} along a dim, computed stably (shifted by the maximum, so large values do not overflow),
     * as {@code torch.logsumexp(x, dim, keepdim)}. A slice of all -inf gives -inf.
     *
     * @param dim the dim to reduce, negative counting from the end
     * @param keepDim whether the reduced dim stays as size 1 instead of being removed
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public Tensor logsumexp(int dim, boolean keepDim) {
        return Reductions.logsumexp(this, dim, keepDim);
    }

    /**
     * Softmax along a dim, {@code exp(x) / sum(exp(x))}, as {@code torch.softmax(x, dim)}: each slice along {@code dim}
     * becomes positive and sums to 1 (computed shifted by the slice's maximum, so it cannot overflow). For logits of
     * shape [N, C], {@code softmax(1)} gives class probabilities per row.
     *
     * @param dim the dim to normalize, negative counting from the end
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim);
    }

    /**
     * Log-softmax along a dim, {@code x - logsumexp(x)}, as {@code torch.log_softmax(x, dim)}; more accurate than
     * {@code softmax(dim).log()} for very negative logits. {@code NLLLoss} of it is {@code CrossEntropyLoss}.
     *
     * @param dim the dim to normalize, negative counting from the end
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logSoftmax(int dim) {
        return Reductions.logSoftmax(this, dim);
    }

    private int[] allDims() {
        int[] d = new int[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return d;
    }

    // ---------------------------------------------------------------- layout (views share storage)

    /**
     * The same values in a new shape, as {@code x.reshape(shape)}: a view sharing the storage when the strides allow
     * one (always for a contiguous tensor), else a copy. One size may be -1, inferred from the others.
     *
     * @param newShape the new sizes, with as many elements in total as this tensor
     * @return a view or a compact copy of the new shape
     * @throws ShapeMismatchException if the element counts differ
     * @throws IllegalArgumentException if more than one size is -1 or a size is otherwise negative
     */
    public Tensor reshape(int... newShape) {
        return Layout.reshape(this, newShape);
    }
    /**
     * The same values in a new shape, always as a view sharing the storage, as {@code x.view(shape)}. One size may be
     * -1, inferred from the others.
     *
     * @param newShape the new sizes, with as many elements in total as this tensor
     * @return a view of the new shape
     * @throws IllegalStateException if the strides do not allow a view (a non-contiguous tensor whose merged dims are
     *     not contiguous with each other); use {@link #reshape} instead
     * @throws ShapeMismatchException if the element counts differ
     */
    public Tensor view(int... newShape) {
        return Layout.view(this, newShape);
    }

    /** {@return the values as a 1-D tensor, as {@code x.flatten()}: a view when the strides allow one, else a copy} */
    public Tensor flatten() {
        return Layout.reshape(this, -1);
    }
    /**
     * Flattens the dims from {@code startDim} to the end into one, as {@code torch.flatten(x, startDim)}: [N, C, H, W]
     * flattened from 1 gives [N, C·H·W]. A view when the strides allow one, else a copy; a 0-d tensor gives shape [1].
     *
     * @param startDim the first dim to merge, negative counting from the end
     * @return a tensor of {@code startDim + 1} dims
     * @throws IllegalArgumentException if {@code startDim} is out of range
     */
    public Tensor flatten(int startDim) {
        return Layout.flatten(this, startDim);
    }

    /** {@return a view without the size-1 dims, as {@code x.squeeze()} (this tensor itself if it has none)} */
    public Tensor squeeze() {
        return Layout.squeeze(this);
    }

    /**
     * Removes one dim if its size is 1, as {@code x.squeeze(dim)}; otherwise returns this tensor unchanged.
     *
     * @param dim the dim to remove, negative counting from the end
     * @return a view with one dim fewer, or this tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor squeeze(int dim) {
        return Layout.squeeze(this, dim);
    }

    /**
     * Inserts a dim of size 1 at {@code dim}, as {@code x.unsqueeze(dim)}: [C] unsqueezed at 0 gives [1, C], at -1
     * gives [C, 1].
     *
     * @param dim the position of the new dim in the result, in [-dim()-1, dim()]
     * @return a view with one dim more
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor unsqueeze(int dim) {
        return Layout.unsqueeze(this, dim);
    }

    /**
     * Reorders the dims, as {@code x.permute(dims)}: result dim i is this tensor's dim {@code dims[i]}, so [N, H, W, C]
     * permuted by (0, 3, 1, 2) gives [N, C, H, W]. A view; call {@link #contiguous()} for a row-major copy.
     *
     * @param dims a permutation of the dims, negative counting from the end
     * @return a view with the dims reordered
     * @throws ShapeMismatchException if {@code dims} does not have one entry per dim
     * @throws IllegalArgumentException if a dim is out of range or repeated
     */
    public Tensor permute(int... dims) {
        return Layout.permute(this, dims);
    }

    /**
     * Swaps two dims, as {@code x.transpose(d0, d1)}; a view.
     *
     * @param d0 one dim, negative counting from the end
     * @param d1 the other dim
     * @return a view with the two dims swapped
     * @throws IllegalArgumentException if a dim is out of range
     */
    public Tensor transpose(int d0, int d1) {
        return Layout.transpose(this, d0, d1);
    }
    /**
     * The transpose of a matrix, as {@code x.t()}: a view of [m, n] as [n, m]; a 0-D or 1-D tensor is returned
     * unchanged, as in PyTorch. Like PyTorch's, it refuses more dims: {@link #mT()} swaps the last two.
     *
     * @return a view with the two dims swapped, or this tensor if it has fewer than two
     * @throws IllegalArgumentException if the tensor has more than 2 dims
     */
    public Tensor t() {
        if (dim() > 2)
            throw new IllegalArgumentException("t() expects a tensor with at most 2 dims, but this one has shape "
                    + Shapes.str(shape) + "; use mT() or transpose(-2, -1) to transpose its last two dims");
        return dim() < 2 ? this : Layout.transpose(this, 0, 1);
    }

    /**
     * The batch of matrices transposed, as PyTorch's {@code x.mT}: a view with the last two dims swapped ([B, m, n]
     * as [B, n, m]), for tensors of at least 2 dims.
     *
     * @return a view with the last two dims swapped
     * @throws IllegalArgumentException if the tensor has fewer than 2 dims
     */
    public Tensor mT() {
        if (dim() < 2)
            throw new IllegalArgumentException(
                    "mT expects a tensor with at least 2 dims, but this one has shape " + Shapes.str(shape));
        return Layout.transpose(this, -2, -1);
    }

    /**
     * Broadcasts to a larger shape as a view, as {@code x.expand(shape)}: size-1 dims are stretched and new leading
     * dims added, with stride 0, so no memory is copied ([3, 1] expanded to (2, 3, 4) gives [2, 3, 4]). -1 keeps a
     * dim's size. The gradient is summed over the stretched dims. Such a view cannot be written in place.
     *
     * @param newShape the target sizes, at least as many as this tensor has dims
     * @return a view of the new shape, or this tensor if the shape is unchanged
     * @throws ShapeMismatchException if a dim of size other than 1 would change, or the target has fewer dims
     * @throws IllegalArgumentException if -1 is given for a new leading dim
     */
    public Tensor expand(int... newShape) {
        return Layout.expand(this, newShape);
    }
    /**
     * Elements {@code start .. start + length - 1} along a dim, as {@code x.narrow(dim, start, length)}; a view.
     *
     * @param dim the dim to narrow, negative counting from the end
     * @param start the first element kept, not negative
     * @param length how many elements to keep
     * @return a view with {@code length} elements along {@code dim}
     * @throws IndexOutOfBoundsException if the range does not lie within the dim
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor narrow(int dim, int start, int length) {
        return Layout.narrow(this, dim, start, length);
    }
    /**
     * Elements from {@code start} (inclusive) to {@code end} (exclusive) every {@code step} along a dim, as Python's
     * {@code x[..., start:end:step]}; a view. Negative {@code start}/{@code end} count from the end, and bounds beyond
     * the dim are clipped as in Python (so {@code slice(0, 0, Integer.MAX_VALUE, 2)} takes every other row).
     *
     * @param dim the dim to slice, negative counting from the end
     * @param start the first position (clipped)
     * @param end the position to stop before (clipped)
     * @param step the distance between taken positions, positive
     * @return a view, possibly with no elements along {@code dim}
     * @throws IllegalArgumentException if {@code step} is not positive or {@code dim} is out of range
     */
    public Tensor slice(int dim, int start, int end, int step) {
        return Layout.slice(this, dim, start, end, step);
    }
    /**
     * The slice at {@code index} along a dim, without that dim, as {@code x.select(dim, index)} or {@code x[:, index]}:
     * selecting row 2 of [N, C] gives [C]. A view.
     *
     * @param dim the dim to select from, negative counting from the end
     * @param index the position along {@code dim}, negative counting from the end
     * @return a view with one dim fewer
     * @throws IndexOutOfBoundsException if {@code index} is outside the dim
     * @throws IllegalArgumentException if the tensor is 0-d or {@code dim} is out of range
     */
    public Tensor select(int dim, int index) {
        return Layout.select(this, dim, index);
    }
    /**
     * Windows of {@code size} elements every {@code step} along a dim, as a new last dim, as
     * {@code x.unfold(dim, size, step)}: a dim of n becomes {@code (n - size) / step + 1} windows. A view; windows
     * overlap when {@code step < size}.
     *
     * @param dim the dim to cut into windows, negative counting from the end
     * @param size the length of each window, in [0, size of dim]
     * @param step the distance between window starts, positive
     * @return a view with one dim more
     * @throws IllegalArgumentException if {@code size} or {@code step} is out of range, or {@code dim} is out of range
     */
    public Tensor unfold(int dim, int size, int step) {
        return Layout.unfold(this, dim, size, step);
    }

    /**
     * Concatenates tensors along an existing dim, as {@code torch.cat(tensors, dim)}: [2, 3] and [4, 3] along 0 give
     * [6, 3]. Copies; the gradient is cut back into one slice per input.
     *
     * @param tensors the tensors, all of the same rank and of equal sizes outside {@code dim}
     * @param dim the dim to join along, negative counting from the end
     * @return a new compact tensor
     * @throws ShapeMismatchException if the shapes differ outside {@code dim}
     * @throws IllegalArgumentException if the list is empty or {@code dim} is out of range
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Layout.cat(tensors, dim);
    }

    /**
     * Stacks tensors of one shape along a new dim, as {@code torch.stack(tensors, dim)}: three [4, 5] tensors stacked
     * at 0 give [3, 4, 5]. Copies.
     *
     * @param tensors the tensors, all of the same shape
     * @param dim the position of the new dim in the result, in [-dim()-1, dim()] of the inputs
     * @return a new compact tensor
     * @throws ShapeMismatchException if the shapes differ
     * @throws IllegalArgumentException if the list is empty or {@code dim} is out of range
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Layout.stack(tensors, dim);
    }
    /**
     * Splits along a dim into views of {@code splitSize} elements each (the last may be smaller), as
     * {@code torch.split(x, splitSize, dim)}.
     *
     * @param splitSize the size of each part, positive
     * @param dim the dim to split, negative counting from the end
     * @return the views, in order
     * @throws IllegalArgumentException if {@code splitSize} is not positive or {@code dim} is out of range
     */
    public List<Tensor> split(int splitSize, int dim) {
        return Layout.split(this, splitSize, dim);
    }
    /**
     * Splits along a dim into {@code chunks} views of {@code ceil(size / chunks)} elements (the last may be smaller),
     * as {@code torch.chunk}; like PyTorch, this can give fewer than {@code chunks} parts (a dim of 6 in 4 chunks gives
     * 3 of 2).
     *
     * @param chunks the number of parts wanted, positive
     * @param dim the dim to split, negative counting from the end
     * @return the views, in order
     * @throws IllegalArgumentException if {@code chunks} is not positive or {@code dim} is out of range
     */
    public List<Tensor> chunk(int chunks, int dim) {
        if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        return Layout.split(this, Math.max(1, (size(dim) + chunks - 1) / chunks), dim);
    }

    // ---------------------------------------------------------------- indexing

    // Indices are IndexTensors (int32, exact for every int). The float overloads take whole numbers stored as
    // floats, convert them once (refusing magnitudes of 2^24 or more, where floats skip whole numbers) and run the same
    // op.

    /**
     * The slices along a dim picked by a 1-D index, as {@code torch.index_select(x, dim, index)}: rows (2, 0, 2) of [N,
     * C] along 0 give [3, C]. Copies; indices may repeat, and their gradients then add up.
     *
     * @param dim the dim to index, negative counting from the end
     * @param index positions along {@code dim}, each in [0, size)
     * @return a new tensor with {@code index.numel()} elements along {@code dim}
     * @throws ShapeMismatchException if {@code index} has more than one dim
     * @throws IndexOutOfBoundsException if an index is outside the dim (the message names its position and value)
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor indexSelect(int dim, IndexTensor index) {
        return Indexing.indexSelect(this, dim, index);
    }
    /**
     * As {@link #indexSelect(int, IndexTensor)} with whole-number float indices (below 2^24).
     *
     * @param dim the dim to index, negative counting from the end
     * @param index positions along {@code dim} as whole-number floats
     * @return a new tensor with {@code index.numel()} elements along {@code dim}
     * @throws IllegalArgumentException if an index is not a whole number or its magnitude is 2^24 or more
     * @throws IndexOutOfBoundsException if an index is outside the dim
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, Indexing.floatIndices("indexSelect", index));
    }
    /**
     * Picks one element per index along a dim, as {@code torch.gather(x, dim, index)}:
     * {@code out[i][j] = x[i][index[i][j]]} for {@code dim = 1}. Taking the logit of each row's target from [N, C] with
     * an index of shape [N, 1] gives [N, 1]. The gradient is added back at the picked positions.
     *
     * @param dim the dim the indices address, negative counting from the end
     * @param index indices of this tensor's rank, no larger than this tensor in the other dims, each in [0, size of
     *     dim)
     * @return a new tensor of {@code index}'s shape
     * @throws ShapeMismatchException if {@code index}'s rank differs or it is larger in another dim
     * @throws IndexOutOfBoundsException if an index is outside the dim
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor gather(int dim, IndexTensor index) {
        return Indexing.gather(this, dim, index);
    }
    /**
     * As {@link #gather(int, IndexTensor)} with whole-number float indices (below 2^24).
     *
     * @param dim the dim the indices address, negative counting from the end
     * @param index indices as whole-number floats
     * @return a new tensor of {@code index}'s shape
     * @throws IllegalArgumentException if an index is not a whole number or its magnitude is 2^24 or more
     * @throws ShapeMismatchException if {@code index}'s shape does not fit this tensor
     * @throws IndexOutOfBoundsException if an index is outside the dim
     */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, Indexing.floatIndices("gather", index));
    }
    /**
     * Out-of-place {@code scatter_add}, as {@code x.scatter_add(dim, index, src)}: a copy of this tensor with each
     * {@code src} element added at the position its index names along {@code dim}
     * ({@code out[i][index[i][j]] += src[i][j]} for {@code dim = 1}); repeated indices add up. The inverse of
     * {@link #gather(int, IndexTensor)}.
     *
     * @param dim the dim the indices address, negative counting from the end
     * @param index indices of this tensor's rank, no larger than it in the other dims, each in [0, size of dim)
     * @param src the values to add, of {@code index}'s shape
     * @return a new tensor of this shape
     * @throws ShapeMismatchException if {@code index} and {@code src} differ in shape, or {@code index} does not fit
     * @throws IndexOutOfBoundsException if an index is outside the dim
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor scatterAdd(int dim, IndexTensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }
    /**
     * As {@link #scatterAdd(int, IndexTensor, Tensor)} with whole-number float indices (below 2^24).
     *
     * @param dim the dim the indices address, negative counting from the end
     * @param index indices as whole-number floats
     * @param src the values to add, of {@code index}'s shape
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if an index is not a whole number or its magnitude is 2^24 or more
     * @throws ShapeMismatchException if {@code index} and {@code src} differ in shape, or {@code index} does not fit
     * @throws IndexOutOfBoundsException if an index is outside the dim
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, Indexing.floatIndices("scatterAdd", index), src);
    }
    /**
     * Class labels as one-hot rows, as {@code F.one_hot(labels, numClasses)} (but float): labels of shape S give shape
     * S + [numClasses], 1 at each label's class and 0 elsewhere. Not differentiable.
     *
     * @param labels class indices, each in [0, numClasses)
     * @param numClasses the number of classes
     * @return a new float tensor of one more dim than {@code labels}
     * @throws IllegalArgumentException if {@code numClasses} is not positive
     * @throws IndexOutOfBoundsException if a label is outside [0, numClasses)
     */
    public static Tensor oneHot(IndexTensor labels, int numClasses) {
        return Indexing.oneHot(labels, numClasses);
    }
    /**
     * As {@link #oneHot(IndexTensor, int)} with whole-number float labels (below 2^24).
     *
     * @param labels class indices as whole-number floats
     * @param numClasses the number of classes
     * @return a new float tensor of one more dim than {@code labels}
     * @throws IllegalArgumentException if a label is not a whole number, its magnitude is 2^24 or more, or
     *     {@code numClasses} is not positive
     * @throws IndexOutOfBoundsException if a label is outside [0, numClasses)
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        return Indexing.oneHot(Indexing.floatIndices("oneHot", labels), numClasses);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * The matrix product with PyTorch's {@code torch.matmul} rules: 1-D · 1-D is the dot product (0-d); [m, k] · [k, n]
     * gives [m, n]; a 1-D operand is treated as a row (left) or column (right) vector whose dim is removed again; with
     * more dims, the last two are the matrices and the leading (batch) dims broadcast, so [B, m, k] · [k, n] gives [B,
     * m, n]. Runs on the multithreaded GEMM kernels; transposed views are read in place, not copied.
     *
     * @param o the right operand
     * @return a new tensor
     * @throws ShapeMismatchException if an operand is 0-d, the inner sizes differ, or the batch dims do not broadcast
     */
    public Tensor matmul(Tensor o) {
        return MatMul.matmul(this, o);
    }
    /**
     * {@code torch.matmul(this, o, out=out)}: the product of two operands of at least 2 dims written into {@code out},
     * so a loop can reuse one buffer instead of allocating a new one. Not recorded (as PyTorch's {@code out=} forms do
     * not support autograd); bumps {@code out}'s version.
     *
     * @param o the right operand
     * @param out a compact tensor of the product's shape that shares no memory with the operands
     * @return {@code out}
     * @throws ShapeMismatchException if an operand has fewer than 2 dims, the shapes do not multiply, or {@code out}
     *     has the wrong shape
     * @throws IllegalStateException if an operand requires grad while grad mode is on, or {@code out} is a view
     * @throws IllegalArgumentException if {@code out} shares memory with an operand
     */
    public Tensor matmul(Tensor o, Tensor out) {
        return MatMul.matmulInto(this, o, out);
    }
    /**
     * The batched matrix product of [B, n, m] and [B, m, p], giving [B, n, p], as {@code torch.bmm} (no broadcasting).
     *
     * @param o the right operand, [B, m, p]
     * @return a new [B, n, p] tensor
     * @throws ShapeMismatchException if an operand is not 3-D, the batch sizes differ or the inner sizes differ
     */
    public Tensor bmm(Tensor o) {
        if (dim() != 3 || o.dim() != 3 || size(0) != o.size(0))
            throw new ShapeMismatchException("bmm: expected [B, n, m] and [B, m, p] with the same B, got "
                    + Shapes.str(shape) + " and " + Shapes.str(o.shape));
        return MatMul.matmul(this, o);
    }
    /**
     * {@code beta·this + alpha·(b1 @ b2)} for batches of matrices, as
     * {@code torch.baddbmm(this, b1, b2, beta=beta, alpha=alpha)}; with {@code beta = 0} this tensor is ignored (NaN or
     * not), as in PyTorch.
     *
     * @param b1 the left batch, [B, n, m]
     * @param b2 the right batch, [B, m, p]
     * @param beta the factor of this tensor
     * @param alpha the factor of the product
     * @return a new [B, n, p] tensor
     * @throws ShapeMismatchException if the batches do not multiply or this tensor does not broadcast to [B, n, p]
     */
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

    /**
     * {@return the values as PyTorch prints them, such as {@code tensor([[1., 2.], [3., 4.]])}: four decimals unless
     * every value is whole, the middle of each dim elided past 1000 elements, and the {@code grad_fn} or
     * {@code requires_grad=True} when there is one}
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /**
     * Whether the shapes are equal and every value differs by at most {@code atol + rtol·|other|}, as
     * {@code torch.allclose(this, other, rtol, atol, equal_nan=True)}: a NaN matches only a NaN (PyTorch's default,
     * {@code equal_nan=False}, would call them different).
     *
     * @param other the expected values
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return true if the tensors match within the tolerances
     */
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
