package kiln.nn.optimizers.schedules;

/** The argument checks every schedule shares, with Keras's wording. */
final class DecaySteps {
    private DecaySteps() {}

    static int positive(String schedule, String argument, int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException(schedule + ": argument `" + argument + "` must be > 0. Received: "
                    + argument + "=" + steps);
        }
        return steps;
    }
}
