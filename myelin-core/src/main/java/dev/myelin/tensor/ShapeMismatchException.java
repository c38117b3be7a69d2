package dev.myelin.tensor;

/**
 * Thrown when an op's operand shapes do not fit (they do not broadcast, multiply, concatenate, ...); the message names
 * the op and the shapes. An {@link IllegalArgumentException}, so code that catches bad arguments catches it too.
 */
public class ShapeMismatchException extends IllegalArgumentException {
    /**
     * Creates the exception.
     *
     * @param message the op, the shapes and what is wrong with them
     */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
