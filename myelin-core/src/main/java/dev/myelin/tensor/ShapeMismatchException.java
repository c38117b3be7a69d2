package dev.myelin.tensor;

/** Thrown when an op's operand shapes do not fit; the message names the op and the shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
