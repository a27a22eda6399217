package org.kmeansquantize.core;

/**
 * What a training gives before the codebook is made from it: the centres, the sums of the last
 * Lloyd pass (made with the centres before its move; null if there was no pass), and the k-d tree
 * of the distinct values if one was built (for the labelling).
 */
final class TrainedCentres {

	final double[] centres;
	final TrainingSet.Partial last;
	final FilteringLloyd tree;

	TrainedCentres(final double[] centres, final TrainingSet.Partial last, final FilteringLloyd tree) {
		this.centres = centres;
		this.last = last;
		this.tree = tree;
	}
}
