package dev.myelin.autograd;

/**
 * A scope in which ops are not recorded, like {@code with torch.no_grad():}.
 * <pre>{@code try (var ignored = NoGrad.enter()) { ... } }</pre>
 * Scopes nest; the state is per thread. {@link #enable()} opens the opposite scope (as
 * {@code torch.enable_grad()}), which backward uses when it builds a graph of the gradients.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private final int restore;
    private boolean closed;

    private NoGrad(int restore) {
        this.restore = restore;
    }

    /** {@return a scope that turns recording off on this thread until it is closed, as {@code torch.no_grad()}} */
    public static NoGrad enter() {
        int[] d = DEPTH.get();
        return new NoGrad(d[0]++);
    }

    /** {@return a scope that turns grad mode on until closed, even inside a no-grad scope} */
    public static NoGrad enable() {
        int[] d = DEPTH.get();
        int was = d[0];
        d[0] = 0;
        return new NoGrad(was);
    }

    /** {@return true unless the current thread is inside a no-grad scope} */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0] = restore;
        }
    }
}
