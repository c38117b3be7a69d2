package dev.myelin.autograd;

/**
 * A scope in which ops are not recorded, like {@code with torch.no_grad():}.
 * <pre>{@code try (var ignored = NoGrad.enter()) { ... } }</pre>
 * Scopes nest; the state is per thread.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {}

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True unless the current thread is inside a no-grad scope. */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
