package kiln.tensor;

import static kiln.tensor.Approx.assertIae;

import org.junit.jupiter.api.Test;

/** The error list in one place: each is an IllegalArgumentException naming the op and the shapes/axis. */
class ErrorMessagesTest {

    @Test
    void matmulSaysWhichDimensionsDisagree() {
        assertIae(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)),
                "matmul", "[2, 3]", "[4, 5]", "last dimension (3)", "second-to-last dimension (4)");
    }

    @Test
    void broadcastMismatch() {
        assertIae(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add", "[2, 3]", "[4]", "broadcast");
        assertIae(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 3)), "mul", "[2, 3]", "[3, 3]", "dimension -2");
        assertIae(() -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(3)), "where", "[2]", "[3]");
    }

    @Test
    void badAxis() {
        assertIae(() -> Tensor.zeros(2, 3).sum(5, false), "sum", "axis 5", "[2, 3]");
        assertIae(() -> Tensor.zeros(2, 3).softmax(-4), "softmax", "axis -4", "[2, 3]");
        assertIae(() -> Tensor.zeros(2, 3).transpose(0, 2), "axis 2", "[2, 3]");
        assertIae(() -> Tensor.concat(3, Tensor.zeros(2, 3)), "concat", "axis 3", "[2, 3]");
        assertIae(() -> Tensor.zeros(2, 3).take(Tensor.ofInts(new int[] {0}, 1), 2), "take", "axis 2", "[2, 3]");
    }

    @Test
    void reshapeSizeMismatch() {
        assertIae(() -> Tensor.zeros(2, 3).reshape(4, 2), "reshape", "[4, 2]", "8", "6");
        assertIae(() -> Tensor.zeros(2, 3).reshape(4, -1), "reshape", "-1", "6");
        assertIae(() -> Tensor.zeros(2, 3).reshape(-1, -1), "reshape", "-1");
    }

    @Test
    void narrowOutOfRange() {
        assertIae(() -> Tensor.zeros(2, 3).narrow(1, 2, 2), "narrow", "[2, 4)", "axis 1", "size 3", "[2, 3]");
    }

    @Test
    void intTensorToFloatOp() {
        Tensor i = Tensor.ofInts(new int[] {1, 2, 3}, 3);
        assertIae(i::relu, "relu", "float32", "int32", "[3]");
        assertIae(() -> i.matmul(Tensor.zeros(3)), "matmul", "float32", "int32");
        assertIae(() -> Tensor.zeros(3).sub(i), "sub", "int32");
    }

    @Test
    void concatMismatch() {
        assertIae(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)),
                "concat", "axis 0", "tensor 1", "[2, 4]", "[2, 3]");
    }

    @Test
    void gatherOutOfRangeIsNotAnArrayIndexException() {
        assertIae(() -> Tensor.zeros(3, 2).take(Tensor.ofInts(new int[] {0, 7}, 2), 0), "index 7", "[0, 3)", "axis 0");
    }
}
