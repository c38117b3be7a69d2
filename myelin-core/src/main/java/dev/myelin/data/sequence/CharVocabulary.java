package dev.myelin.data.sequence;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The characters (Unicode code points) of a text, sorted, each with an id 0..size−1: the vocabulary of a
 * character-level model. It is saved as the string of its characters ({@link #symbols()}) and rebuilt from it.
 */
public final class CharVocabulary {
    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharVocabulary(int[] sortedDistinct) {
        if (sortedDistinct.length == 0)
            throw new IllegalArgumentException("CharVocabulary: the text is empty; a vocabulary needs characters");
        this.codePoints = sortedDistinct;
        for (int i = 0; i < codePoints.length; i++) ids.put(codePoints[i], i);
    }

    /**
     * Builds the vocabulary of a text.
     *
     * @param text the training text
     * @return a vocabulary of the distinct characters of {@code text}, sorted by code point
     * @throws IllegalArgumentException if the text is empty
     */
    public static CharVocabulary of(CharSequence text) {
        return new CharVocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /**
     * Rebuilds a saved vocabulary.
     *
     * @param symbols the characters, distinct and sorted by code point, as written by {@link #symbols()}
     * @return the vocabulary whose characters are those of {@code symbols}, with the same ids
     * @throws IllegalArgumentException if {@code symbols} is empty, unsorted or has a repeat
     */
    public static CharVocabulary fromSymbols(String symbols) {
        int[] cps = symbols.codePoints().toArray();
        int[] sorted = Arrays.stream(cps).distinct().sorted().toArray();
        if (!Arrays.equals(cps, sorted))
            throw new IllegalArgumentException("CharVocabulary: the symbols must be distinct and sorted by code point");
        return new CharVocabulary(sorted);
    }

    /** {@return its characters in id order, as one string: the saved form} */
    public String symbols() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** {@return the number of characters, i.e. of ids (the model's number of classes)} */
    public int size() {
        return codePoints.length;
    }

    /**
     * Tests whether a character is in the vocabulary.
     *
     * @param codePoint a Unicode code point
     * @return whether it has an id
     */
    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    /**
     * Encodes a text as ids.
     *
     * @param text the text to encode
     * @return the id of each character (code point) of {@code text}
     * @throws IllegalArgumentException if a character is outside the vocabulary (named with its position)
     */
    public int[] encode(CharSequence text) {
        int[] cps = text.codePoints().toArray(), out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            Integer id = ids.get(cps[i]);
            if (id == null)
                throw new IllegalArgumentException("CharVocabulary: character " + printable(cps[i]) + " at position "
                        + i + " is not in the vocabulary");
            out[i] = id;
        }
        return out;
    }

    /**
     * Decodes ids to text.
     *
     * @param idSequence ids in {@code [0, size())}
     * @return the text they spell
     * @throws IndexOutOfBoundsException if an id is out of range
     */
    public String decode(int... idSequence) {
        StringBuilder b = new StringBuilder(idSequence.length);
        for (int id : idSequence) b.appendCodePoint(codePoint(id));
        return b.toString();
    }

    /**
     * Looks up the character of an id.
     *
     * @param id an id in {@code [0, size())}
     * @return its Unicode code point
     * @throws IndexOutOfBoundsException if the id is out of range
     */
    public int codePoint(int id) {
        if (id < 0 || id >= codePoints.length)
            throw new IndexOutOfBoundsException(
                    "CharVocabulary: id " + id + " is out of range for " + codePoints.length + " characters");
        return codePoints[id];
    }

    /**
     * Names a character printably, for class names and messages.
     *
     * @param id an id in {@code [0, size())}
     * @return the character itself (e.g. "a"); a newline, carriage return or tab escaped as {@code \n},
     *     {@code \r}, {@code \t}; a space as "' '"; other control or undefined characters as {@code U+XXXX}
     * @throws IndexOutOfBoundsException if the id is out of range
     */
    public String label(int id) {
        return printable(codePoint(id));
    }

    private static String printable(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case ' ' -> "' '";
            default ->
                Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? String.format("U+%04X", cp)
                        : new String(Character.toChars(cp));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary(" + codePoints.length + " characters)";
    }
}
