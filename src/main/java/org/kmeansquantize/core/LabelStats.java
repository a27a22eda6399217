package org.kmeansquantize.core;

import java.util.List;

/**
 * What labelling some pixels measured: pixels per label and the squared error of their
 * reconstruction over the finite ones. One per chunk, added up in chunk order into an
 * {@link Assignment}.
 */
final class LabelStats {

	/** Pixels per label. */
	final long[] counts;

	/** Sum of squared errors over the finite pixels and all channels, in input units squared. */
	double sumSquaredError;

	/** Values (finite pixels times channels) in {@link #sumSquaredError}. */
	long finiteSamples;

	LabelStats(final int labels) {
		counts = new long[labels];
	}

	/** @return the assignment of all chunks, their sums added in list order */
	static Assignment total(final List<LabelStats> parts, final int labels) {
		final long[] counts = new long[labels];
		double sse = 0;
		long samples = 0;
		for (final LabelStats s : parts) {
			for (int i = 0; i < labels; i++)
				counts[i] += s.counts[i];
			sse += s.sumSquaredError;
			samples += s.finiteSamples;
		}
		return new Assignment(counts, sse, samples);
	}
}
