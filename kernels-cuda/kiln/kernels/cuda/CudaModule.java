package kiln.kernels.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code .cu} file in {@code kernels-cuda/cuda/}, with the functions Kiln launches from it and
 * how it is compiled. One NVRTC compile per module and architecture, at first use ({@link KernelCache}).
 * {@code NvccCompileTest} compiles each with the same flags through {@code nvcc -ptx}, and
 * {@code KernelSourcesTest} checks that every listed function is defined in its file.
 */
enum CudaModule {
    ELEMENTWISE("elementwise.cu", false,
            "unary_strided", "unary_dense", "binary_strided", "binary_dense", "where_strided", "bias_activation_strided"),
    COPY("copy.cu", true, "copy_strided", "fill_strided"),
    REDUCE("reduce.cu", true, "reduce_block", "reduce_thread", "arg_reduce", "argmax_matches"),
    SOFTMAX("softmax.cu", false, "softmax_rows", "softmax_backward_rows"),
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy.cu", false, "softmax_ce_rows", "sparse_ce_rows"),
    GATHER("gather.cu", true, "gather_rows", "scatter_add_rows", "one_hot"),
    RANDOM("random.cu", false, "random_fill"),
    OPTIMIZER("optimizer.cu", false, "sgd", "sgd_list", "adam", "adam_list", "adamax", "nadam", "rmsprop",
            "adagrad", "lion", "adadelta", "ftrl", "decay_weights"),
    BATCHNORM("batchnorm.cu", true, "batchnorm_stats"),
    GEMM("gemm.cu", true, "gemm_tiled", "gemm_128"),
    /** Needs sm_80 or newer (mma.sync with TF32/BF16 operands): compiled only when a tensor-core GEMM runs. */
    GEMM_TC("gemm_tc.cu", true, "gemm_tf32", "gemm_bf16");

    /** File name under kernels-cuda/cuda (classpath: kiln/kernels/cuda/cu/). */
    final String file;
    /**
     * Whether the compiler may contract a*b + c into one FMA. Off where the CPU backend (Java, which never
     * fuses) is the bit-level reference: elementwise math, softmax, random, optimizer updates.
     */
    final boolean fmad;
    /** The extern "C" __global__ functions launched from Java. */
    final List<String> functions;

    CudaModule(String file, boolean fmad, String... functions) {
        this.file = file;
        this.fmad = fmad;
        this.functions = List.of(functions);
    }

    /** Options shared by NVRTC and nvcc, besides the architecture. */
    List<String> options() {
        List<String> o = new ArrayList<>();
        o.add("--fmad=" + fmad);
        o.add("-std=c++17");
        return o;
    }
}
