package dev.myelin.onnx;

import com.google.protobuf.ByteString;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Myelin tensors to ONNX {@code TensorProto}s and back (float32 as little-endian raw data, int64 for shapes and indices). */
final class OnnxTensors {
    private OnnxTensors() {}

    /** A float tensor as an initializer called {@code name}. */
    static TensorProto floats(String name, Tensor t) {
        float[] v = t.toArray();
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        TensorProto.Builder p = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : t.shape()) p.addDims(d);
        return p.build();
    }

    /** An int64 tensor of shape {@code dims} (a shape argument, an index). */
    static TensorProto longs(String name, long[] values, int... dims) {
        TensorProto.Builder p = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long v : values) p.addInt64Data(v);
        for (int d : dims) p.addDims(d);
        return p.build();
    }

    /** The shape of a tensor proto, checked to fit a Java array (what {@code where} names is in the message). */
    static int[] shape(TensorProto p, String where) {
        int[] s = new int[p.getDimsCount()];
        long n = 1;
        for (int i = 0; i < s.length; i++) {
            long d = p.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE)
                throw new OnnxException(where + ": tensor '" + p.getName() + "' has dimension " + d);
            s[i] = (int) d;
            n *= d;
            if (n > Integer.MAX_VALUE)
                throw new OnnxException(where + ": tensor '" + p.getName() + "' has more than 2^31-1 elements");
        }
        return s;
    }

    /** A float32 tensor proto (raw data or float_data) as a Myelin tensor; any other type is an error naming it. */
    static Tensor toTensor(TensorProto p, String where) {
        int[] shape = shape(p, where);
        int n = 1;
        for (int d : shape) n *= d;
        if (p.getDataType() != TensorProto.DataType.FLOAT_VALUE)
            throw new OnnxException(where + ": tensor '" + p.getName() + "' has ONNX data type "
                    + typeName(p.getDataType()) + "; only FLOAT weights import");
        if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL)
            throw new OnnxException(
                    where + ": tensor '" + p.getName() + "' is stored in an external file, which is not supported");
        float[] v = new float[n];
        if (p.hasRawData()) {
            if (p.getRawData().size() != 4L * n)
                throw new OnnxException(where + ": tensor '" + p.getName() + "' has "
                        + p.getRawData().size() + " bytes of data for " + n + " floats");
            p.getRawData()
                    .asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(v);
        } else {
            if (p.getFloatDataCount() != n)
                throw new OnnxException(where + ": tensor '" + p.getName() + "' has " + p.getFloatDataCount()
                        + " values for shape of " + n);
            for (int i = 0; i < n; i++) v[i] = p.getFloatData(i);
        }
        return Tensor.fromArray(v, shape);
    }

    /** An int64 (or int32) tensor proto's values, e.g. a Reshape's shape. */
    static long[] toLongs(TensorProto p, String where) {
        int[] shape = shape(p, where);
        int n = 1;
        for (int d : shape) n *= d;
        long[] v = new long[n];
        switch (p.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (p.hasRawData()) {
                    if (p.getRawData().size() != 8L * n)
                        throw new OnnxException(where + ": tensor '" + p.getName() + "' has the wrong data size");
                    p.getRawData()
                            .asReadOnlyByteBuffer()
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asLongBuffer()
                            .get(v);
                } else {
                    if (p.getInt64DataCount() != n)
                        throw new OnnxException(
                                where + ": tensor '" + p.getName() + "' has the wrong number of values");
                    for (int i = 0; i < n; i++) v[i] = p.getInt64Data(i);
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (p.hasRawData()) {
                    if (p.getRawData().size() != 4L * n)
                        throw new OnnxException(where + ": tensor '" + p.getName() + "' has the wrong data size");
                    var b = p.getRawData()
                            .asReadOnlyByteBuffer()
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asIntBuffer();
                    for (int i = 0; i < n; i++) v[i] = b.get(i);
                } else {
                    if (p.getInt32DataCount() != n)
                        throw new OnnxException(
                                where + ": tensor '" + p.getName() + "' has the wrong number of values");
                    for (int i = 0; i < n; i++) v[i] = p.getInt32Data(i);
                }
            }
            default ->
                throw new OnnxException(where + ": tensor '" + p.getName() + "' has ONNX data type "
                        + typeName(p.getDataType()) + ", expected INT64");
        }
        return v;
    }

    static String typeName(int dataType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(dataType);
        return t == null ? Integer.toString(dataType) : t.name();
    }
}
