package kiln.nn.models;

import java.util.List;
import java.util.Objects;

/**
 * One layer's row in {@link SummaryTable}: what Keras's {@code print_summary} reads from a layer.
 *
 * @param name        the layer's name, e.g. {@code "dense_1"}
 * @param className   the layer's class, e.g. {@code "Dense"}; shown as {@code dense_1 (Dense)}
 * @param outputShape the output shape text, e.g. {@code "(None, 300)"} (see {@link SummaryTable#formatShape}),
 *                    or {@code "?"} for an unbuilt layer
 * @param params      the layer's {@code count_params()}
 * @param built       false prints {@code 0 (unbuilt)} whatever {@code params} says
 * @param connectedTo inbound tensors for the "Connected to" column, each {@code layer[node][tensor]}
 *                    (see {@link #connection}); empty prints {@code -}. Ignored by the sequential layout.
 */
public record SummaryRow(String name, String className, String outputShape, long params, boolean built,
                         List<String> connectedTo) {

    public SummaryRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(outputShape, "outputShape");
        if (params < 0) throw new IllegalArgumentException("params must be >= 0, received: params=" + params);
        connectedTo = List.copyOf(connectedTo);
    }

    /** A built layer with no inbound connections listed (sequential models, input layers). */
    public static SummaryRow of(String name, String className, String outputShape, long params) {
        return new SummaryRow(name, className, outputShape, params, true, List.of());
    }

    /** A layer that was never built: shape {@code ?}, params {@code 0 (unbuilt)}. */
    public static SummaryRow unbuilt(String name, String className) {
        return new SummaryRow(name, className, "?", 0, false, List.of());
    }

    /** This row with the given inbound connections, e.g. {@code connection("dense_1", 0, 0)}. */
    public SummaryRow connectedTo(String... inbound) {
        return new SummaryRow(name, className, outputShape, params, built, List.of(inbound));
    }

    /** Keras's connection text {@code layer[nodeIndex][tensorIndex]}, e.g. {@code deep_input[0][0]}. */
    public static String connection(String layer, int nodeIndex, int tensorIndex) {
        return layer + "[" + nodeIndex + "][" + tensorIndex + "]";
    }

    /** The "Param #" cell: {@code 235,500}, or {@code 0 (unbuilt)}. */
    public String paramsText() {
        return built ? SummaryTable.thousands(params) : "0 (unbuilt)";
    }

    /** The "Connected to" cell: connections joined by {@code ", "}, or {@code -}. */
    public String connectedToText() {
        return connectedTo.isEmpty() ? "-" : String.join(", ", connectedTo);
    }
}
