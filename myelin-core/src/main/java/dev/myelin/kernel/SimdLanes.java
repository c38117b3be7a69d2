package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;

/** The preferred vector width, in a class of its own so that {@link Simd} loads without the Vector API module. */
final class SimdLanes {

    private SimdLanes() {}

    static int preferred() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
