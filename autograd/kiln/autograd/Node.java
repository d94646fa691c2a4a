package kiln.autograd;

/**
 * The record of one op application: the op (holding what its backward saved) and the variables it
 * read. A variable produced by an op points to its node; leaves have none.
 */
final class Node {
    /** Null once backward has run through this node without retainGraph (its saved tensors freed). */
    Op op;
    final Variable[] inputs;
    final String opName;

    Node(Op op, Variable[] inputs) {
        this.op = op;
        this.inputs = inputs;
        this.opName = op.name();
    }
}
