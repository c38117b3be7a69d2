package dev.myelin.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns a Myelin stage reads: checked on the driver by name and type, read on the executors row by row. */
final class FeatureColumn {
    private FeatureColumn() {}

    /** The field {@code name}, or an error naming the stage, the parameter and the columns there are. */
    static StructField require(StructType schema, String name, String param, String stage) {
        for (StructField f : schema.fields()) if (f.name().equals(name)) return f;
        throw new IllegalArgumentException(stage + ": no column '" + name + "' (" + param + "); the columns are "
                + Arrays.toString(schema.fieldNames()));
    }

    /** Checks that {@code name} holds feature vectors: an ML vector, or an array of float or double. */
    static void requireFeatures(StructType schema, String name, String stage) {
        DataType t = require(schema, name, "featuresCol", stage).dataType();
        boolean ok = t.equals(SQLDataTypes.VectorType())
                || t instanceof ArrayType a
                        && (a.elementType().equals(DataTypes.FloatType)
                                || a.elementType().equals(DataTypes.DoubleType));
        if (!ok)
            throw new IllegalArgumentException(
                    stage + ": column '" + name + "' (featuresCol) has type " + t.simpleString()
                            + "; it must be a vector (e.g. from VectorAssembler) or an array<float> / array<double>");
    }

    /** Checks that {@code name} is numeric (class indices or regression targets). */
    static void requireLabel(StructType schema, String name, String stage) {
        DataType t = require(schema, name, "labelCol", stage).dataType();
        if (!(t instanceof NumericType))
            throw new IllegalArgumentException(
                    stage + ": column '" + name + "' (labelCol) has type " + t.simpleString() + "; it must be numeric");
    }

    /** The width of a features value (a vector or an array). */
    static int width(Object value) {
        if (value instanceof Vector v) return v.size();
        if (value instanceof scala.collection.Seq<?> s) return s.size();
        if (value instanceof List<?> l) return l.size();
        throw new IllegalArgumentException("a features value is a "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** Copies row {@code r}'s features (column {@code index}) into {@code dst} at {@code offset}, checking the width. */
    static void read(Row row, int index, String column, long r, int width, float[] dst, int offset) {
        Object value = row.get(index);
        if (value == null)
            throw new IllegalArgumentException("column '" + column + "' (featuresCol) is null at row " + r);
        int n = width(value);
        if (n != width)
            throw new IllegalArgumentException("column '" + column + "' (featuresCol) has width " + n + " at row " + r
                    + ", expected " + width + " (the width of the first row, or of the fitted model)");
        if (value instanceof Vector v) {
            for (int j = 0; j < n; j++) dst[offset + j] = (float) v.apply(j);
        } else {
            List<?> l = row.getList(index);
            for (int j = 0; j < n; j++) {
                Object e = l.get(j);
                if (e == null)
                    throw new IllegalArgumentException(
                            "column '" + column + "' (featuresCol) has a null element at row " + r + ", index " + j);
                dst[offset + j] = ((Number) e).floatValue();
            }
        }
    }
}
