package org.kmeansquantize.core;

/**
 * Exact weighted Lloyd passes over distinct values held in memory: every value to its nearest
 * centre (ties to the lower index), and the sums for the update. {@link DistinctLloyd} (bounds
 * kept per value from pass to pass) and {@link FilteringLloyd} (a k-d tree of the values) give the
 * same assignment; which is cheaper depends on k.
 */
interface LloydPasses {

	/**
	 * @param centres {@code k * nc} values
	 * @param k number of centres
	 * @param progress progress and cancellation
	 * @return the sums, weights and distortion of the assignment; the point farthest from its
	 *         centre only if a centre received no point
	 */
	TrainingSet.Partial pass(double[] centres, int k, Progress progress);
}
