package kiln.nn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link SummaryTable} against the Keras 3.15.1 captures in {@code ../shared/fixtures/keras/text/}
 * (keras-training.md §2, §10). The expected texts are copied here so the test runs without the shared folder;
 * {@link #copiesMatchTheFixtureFiles} checks the copies against the files when they are there.
 */
class SummaryTableTest {

    static final String MLP = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)               │ (None, 784)            │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 300)            │       235,500 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 100)            │        30,100 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_2 (Dense)                 │ (None, 10)             │         1,010 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 266,610 (1.02 MB)
             Trainable params: 266,610 (1.02 MB)
             Non-trainable params: 0 (0.00 B)
            """;

    static final String MLP_COLS200 = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)                    │ (None, 784)                 │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense (Dense)                        │ (None, 300)                 │         235,500 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 100)                 │          30,100 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_2 (Dense)                      │ (None, 10)                  │           1,010 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 266,610 (1.02 MB)
             Trainable params: 266,610 (1.02 MB)
             Non-trainable params: 0 (0.00 B)
            """;

    static final String WIDE_DEEP = """
            Model: "functional"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
            │ deep_input          │ (None, 6)         │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense (Dense)       │ (None, 30)        │        210 │ deep_input[0][0]  │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ wide_input          │ (None, 5)         │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense_1 (Dense)     │ (None, 30)        │        930 │ dense[0][0]       │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ concatenate         │ (None, 35)        │          0 │ wide_input[0][0], │
            │ (Concatenate)       │                   │            │ dense_1[0][0]     │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ main_output (Dense) │ (None, 1)         │         36 │ concatenate[0][0] │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ aux_output (Dense)  │ (None, 1)         │         31 │ dense_1[0][0]     │
            └─────────────────────┴───────────────────┴────────────┴───────────────────┘
             Total params: 1,207 (4.71 KB)
             Trainable params: 1,207 (4.71 KB)
             Non-trainable params: 0 (0.00 B)
            """;

    static final String WIDE_DEEP_COLS200 = """
            Model: "functional"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
            │ deep_input (InputLayer)       │ (None, 6)                 │               0 │ -                          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense (Dense)                 │ (None, 30)                │             210 │ deep_input[0][0]           │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ wide_input (InputLayer)       │ (None, 5)                 │               0 │ -                          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense_1 (Dense)               │ (None, 30)                │             930 │ dense[0][0]                │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ concatenate (Concatenate)     │ (None, 35)                │               0 │ wide_input[0][0],          │
            │                               │                           │                 │ dense_1[0][0]              │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ main_output (Dense)           │ (None, 1)                 │              36 │ concatenate[0][0]          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ aux_output (Dense)            │ (None, 1)                 │              31 │ dense_1[0][0]              │
            └───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
             Total params: 1,207 (4.71 KB)
             Trainable params: 1,207 (4.71 KB)
             Non-trainable params: 0 (0.00 B)
            """;

    static final String BN = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)               │ (None, 784)            │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ batch_normalization             │ (None, 784)            │         3,136 │
            │ (BatchNormalization)            │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 300)            │       235,500 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ batch_normalization_1           │ (None, 300)            │         1,200 │
            │ (BatchNormalization)            │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 100)            │        30,100 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ batch_normalization_2           │ (None, 100)            │           400 │
            │ (BatchNormalization)            │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_2 (Dense)                 │ (None, 10)             │         1,010 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 271,346 (1.04 MB)
             Trainable params: 268,978 (1.03 MB)
             Non-trainable params: 2,368 (9.25 KB)
            """;

    static final String AFTER_FIT = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)               │ (None, 784)            │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 300)            │       235,500 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 100)            │        30,100 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_2 (Dense)                 │ (None, 10)             │         1,010 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 799,832 (3.05 MB)
             Trainable params: 266,610 (1.02 MB)
             Non-trainable params: 0 (0.00 B)
             Optimizer params: 533,222 (2.03 MB)
            """;

    static final String UNBUILT = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ dense (Dense)                   │ ?                      │   0 (unbuilt) │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ ?                      │   0 (unbuilt) │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    /** summary_mlp_tty_ansi.txt: the MLP in a 120-column terminal (width 88) with rich's escapes. */
    static final String MLP_TTY_ANSI = "\u001b[1mModel: \"sequential\"\u001b[0m\n┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓\n┃\u001b[1m \u001b[0m\u001b[1mLayer (type)                        \u001b[0m\u001b[1m \u001b[0m┃\u001b[1m \u001b[0m\u001b[1mOutput Shape               \u001b[0m\u001b[1m \u001b[0m┃\u001b[1m \u001b[0m\u001b[1m        Param #\u001b[0m\u001b[1m \u001b[0m┃\n┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩\n│ flatten (\u001b[94mFlatten\u001b[0m)                    │ (\u001b[96mNone\u001b[0m, \u001b[32m784\u001b[0m)                 │               \u001b[32m0\u001b[0m │\n├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤\n│ dense (\u001b[94mDense\u001b[0m)                        │ (\u001b[96mNone\u001b[0m, \u001b[32m300\u001b[0m)                 │         \u001b[32m235,500\u001b[0m │\n├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤\n│ dense_1 (\u001b[94mDense\u001b[0m)                      │ (\u001b[96mNone\u001b[0m, \u001b[32m100\u001b[0m)                 │          \u001b[32m30,100\u001b[0m │\n├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤\n│ dense_2 (\u001b[94mDense\u001b[0m)                      │ (\u001b[96mNone\u001b[0m, \u001b[32m10\u001b[0m)                  │           \u001b[32m1,010\u001b[0m │\n└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘\n\u001b[1m Total params: \u001b[0m\u001b[32m266,610\u001b[0m (1.02 MB)\n\u001b[1m Trainable params: \u001b[0m\u001b[32m266,610\u001b[0m (1.02 MB)\n\u001b[1m Non-trainable params: \u001b[0m\u001b[32m0\u001b[0m (0.00 B)\n";

    /** Captured from Keras 3.15.1 for this test: a name longer than its column, and a double space. */
    static final String LONG_NAME = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ a_really_long_layer_name_that_… │ (None, 3)              │            27 │
            │ (Dense)                         │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ x y  z w (Dense)                │ (None, 2)              │             8 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 35 (140.00 B)
             Trainable params: 35 (140.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    /** Captured from Keras 3.15.1: {@code keras.Sequential(name="my_model").summary()}. */
    static final String EMPTY = """
            Model: "my_model"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    /** Captured from Keras 3.15.1: a shared Dense called twice ({@code shared[1][0]}), width 76. */
    static final String SHARED = """
            Model: "shared_model"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
            │ in_b (InputLayer)   │ (None, 3)         │          0 │ -                 │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ in_a (InputLayer)   │ (None, 4)         │          0 │ -                 │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ proj (Dense)        │ (None, 4)         │         16 │ in_b[0][0]        │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ shared (Dense)      │ (None, 5)         │         25 │ in_a[0][0],       │
            │                     │                   │            │ proj[0][0]        │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ concatenate         │ (None, 10)        │          0 │ shared[0][0],     │
            │ (Concatenate)       │                   │            │ shared[1][0]      │
            └─────────────────────┴───────────────────┴────────────┴───────────────────┘
             Total params: 41 (164.00 B)
             Trainable params: 41 (164.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    static List<SummaryRow> mlpRows() {
        return List.of(
                SummaryRow.of("flatten", "Flatten", SummaryTable.formatShape(-1, 784), 0),
                SummaryRow.of("dense", "Dense", SummaryTable.formatShape(-1, 300), 235_500),
                SummaryRow.of("dense_1", "Dense", SummaryTable.formatShape(-1, 100), 30_100),
                SummaryRow.of("dense_2", "Dense", SummaryTable.formatShape(-1, 10), 1_010));
    }

    static SummaryData mlp() {
        return SummaryData.of("sequential", false, mlpRows(), 266_610, 0);
    }

    static SummaryData wideDeep() {
        return SummaryData.of("functional", true, List.of(
                SummaryRow.of("deep_input", "InputLayer", "(None, 6)", 0),
                SummaryRow.of("dense", "Dense", "(None, 30)", 210)
                        .connectedTo(SummaryRow.connection("deep_input", 0, 0)),
                SummaryRow.of("wide_input", "InputLayer", "(None, 5)", 0),
                SummaryRow.of("dense_1", "Dense", "(None, 30)", 930).connectedTo("dense[0][0]"),
                SummaryRow.of("concatenate", "Concatenate", "(None, 35)", 0)
                        .connectedTo("wide_input[0][0]", "dense_1[0][0]"),
                SummaryRow.of("main_output", "Dense", "(None, 1)", 36).connectedTo("concatenate[0][0]"),
                SummaryRow.of("aux_output", "Dense", "(None, 1)", 31).connectedTo("dense_1[0][0]")),
                1_207, 0);
    }

    @Test
    void mlpAtWidth76() {
        assertEquals(MLP, SummaryTable.render(mlp(), 76));
    }

    @Test
    void mlpAtDefaultWidthWithoutTerminal() {
        assertEquals(76, SummaryTable.defaultLineLength(false, SummaryTable.FALLBACK_TERMINAL_COLUMNS));
        assertEquals(88, SummaryTable.defaultLineLength(false, 200));
        assertEquals(108, SummaryTable.defaultLineLength(true, 200));
        assertEquals(88, SummaryTable.defaultLineLength(false, 120));
    }

    @Test
    void mlpAtWidth88() {
        assertEquals(MLP_COLS200, SummaryTable.render(mlp(), SummaryTable.defaultLineLength(false, 200)));
    }

    @Test
    void wideDeepAtWidth76WrapsCells() {
        assertEquals(WIDE_DEEP, SummaryTable.render(wideDeep(), 76));
    }

    @Test
    void wideDeepAtWidth108() {
        assertEquals(WIDE_DEEP_COLS200, SummaryTable.render(wideDeep(), SummaryTable.defaultLineLength(true, 200)));
    }

    @Test
    void batchNormHasNonTrainableParams() {
        SummaryData bn = SummaryData.of("sequential", false, List.of(
                SummaryRow.of("flatten", "Flatten", "(None, 784)", 0),
                SummaryRow.of("batch_normalization", "BatchNormalization", "(None, 784)", 3_136),
                SummaryRow.of("dense", "Dense", "(None, 300)", 235_500),
                SummaryRow.of("batch_normalization_1", "BatchNormalization", "(None, 300)", 1_200),
                SummaryRow.of("dense_1", "Dense", "(None, 100)", 30_100),
                SummaryRow.of("batch_normalization_2", "BatchNormalization", "(None, 100)", 400),
                SummaryRow.of("dense_2", "Dense", "(None, 10)", 1_010)),
                268_978, 2_368);
        assertEquals(BN, SummaryTable.render(bn, 76));
    }

    @Test
    void afterFitShowsOptimizerParams() {
        assertEquals(AFTER_FIT, SummaryTable.render(mlp().withOptimizer(2 * 266_610 + 2), 76));
    }

    @Test
    void unbuiltLayers() {
        SummaryData unbuilt = SummaryData.of("sequential", false,
                List.of(SummaryRow.unbuilt("dense", "Dense"), SummaryRow.unbuilt("dense_1", "Dense")), 0, 0);
        assertEquals(UNBUILT, SummaryTable.render(unbuilt, 76));
    }

    @Test
    void ansiFormInATerminal() {
        assertEquals(MLP_TTY_ANSI, SummaryTable.renderAnsi(mlp(), SummaryTable.defaultLineLength(false, 120)));
        assertEquals(MLP_COLS200, MLP_TTY_ANSI.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void longWordIsCutWithEllipsis() {
        SummaryData d = SummaryData.of("sequential", false, List.of(
                SummaryRow.of("a_really_long_layer_name_that_goes_on_and_on", "Dense", "(None, 3)", 27),
                SummaryRow.of("x y  z w", "Dense", "(None, 2)", 8)), 35, 0);
        assertEquals(LONG_NAME, SummaryTable.render(d, 76));
    }

    @Test
    void emptyModelKeepsHeaderRule() {
        assertEquals(EMPTY, SummaryTable.render(SummaryData.of("my_model", false, List.of(), 0, 0), 76));
    }

    @Test
    void sharedLayerSecondCall() {
        SummaryData d = SummaryData.of("shared_model", true, List.of(
                SummaryRow.of("in_b", "InputLayer", "(None, 3)", 0),
                SummaryRow.of("in_a", "InputLayer", "(None, 4)", 0),
                SummaryRow.of("proj", "Dense", "(None, 4)", 16).connectedTo("in_b[0][0]"),
                SummaryRow.of("shared", "Dense", "(None, 5)", 25).connectedTo("in_a[0][0]", "proj[0][0]"),
                SummaryRow.of("concatenate", "Concatenate", "(None, 10)", 0)
                        .connectedTo("shared[0][0]", SummaryRow.connection("shared", 1, 0))),
                41, 0);
        assertEquals(SHARED, SummaryTable.render(d, 76));
    }

    @Test
    void innerWidthsFollowRichReduction() {
        double[] seq = {0.45, 0.80, 1.0};
        double[] con = {0.3, 0.56, 0.74, 1.0};
        assertEquals(List.of(33, 24, 15), box(SummaryTable.innerWidths(seq, 76)));
        assertEquals(List.of(38, 29, 17), box(SummaryTable.innerWidths(seq, 88)));
        assertEquals(List.of(21, 19, 12, 19), box(SummaryTable.innerWidths(con, 76)));
        assertEquals(List.of(31, 27, 17, 28), box(SummaryTable.innerWidths(con, 108)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryTable.render(mlp(), 8));
        assertEquals("Insufficient console width to print summary.", e.getMessage());
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    @Test
    void shapesAndSizes() {
        assertEquals("(None, 28, 28, 32)", SummaryTable.formatShape(-1, 28, 28, 32));
        assertEquals("(None)", SummaryTable.formatShape(-1));
        assertEquals("()", SummaryTable.formatShape());
        assertEquals("[(None, 3), (None, 4)]",
                SummaryTable.formatShapes(List.of(new int[] {-1, 3}, new int[] {-1, 4})));
        assertEquals("(None, 3)", SummaryTable.formatShapes(List.<int[]>of(new int[] {-1, 3})));
        assertEquals("0", SummaryTable.thousands(0));
        assertEquals("235,500", SummaryTable.thousands(235_500));
        assertEquals("3,000,000", SummaryTable.thousands(3_000_000));
        assertEquals("0.00 B", SummaryTable.readableSize(0));
        assertEquals("8.00 B", SummaryTable.readableSize(8));
        assertEquals("1023.00 B", SummaryTable.readableSize(1023));
        assertEquals("1.00 KB", SummaryTable.readableSize(1024));
        assertEquals("9.25 KB", SummaryTable.readableSize(9_472));
        assertEquals("1.02 MB", SummaryTable.readableSize(1_066_440));
        assertEquals("11.44 MB", SummaryTable.readableSize(12_000_000));
        assertEquals("1.50 GB", SummaryTable.readableSize(1.5 * 1024 * 1024 * 1024));
        // Keras divides once more after PB: 2 EB prints as "2.00 PB"
        assertEquals("2.00 PB", SummaryTable.readableSize(Math.pow(1024, 6) * 2));
    }

    @Test
    void copiesMatchTheFixtureFiles() throws IOException {
        Path dir = fixtureDir();
        Assumptions.assumeTrue(dir != null, "shared fixtures not present");
        Map<String, String> copies = Map.of(
                "summary_mlp.txt", MLP, "summary_mlp_cols200.txt", MLP_COLS200,
                "summary_wide_deep.txt", WIDE_DEEP, "summary_wide_deep_cols200.txt", WIDE_DEEP_COLS200,
                "summary_bn.txt", BN, "summary_after_fit.txt", AFTER_FIT, "summary_unbuilt.txt", UNBUILT,
                "summary_mlp_tty_ansi.txt", MLP_TTY_ANSI);
        for (var e : copies.entrySet()) {
            assertEquals(Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8), e.getValue(), e.getKey());
        }
    }

    /** {@code fixtures/keras/text} beside the checkout ({@code ../shared}) or inside it ({@code shared}). */
    static Path fixtureDir() {
        for (String root : new String[] {"../shared", "shared", "/work/shared"}) {
            Path p = Path.of(root, "fixtures", "keras", "text");
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }
}
