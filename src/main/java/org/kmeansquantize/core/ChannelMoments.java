package org.kmeansquantize.core;

/**
 * Per-channel sums and sums of squares over some pixels, and the channel scaling that follows from
 * them: the one place where a {@link ChannelScaling} becomes an offset and a scale per channel
 * (a scaled value is {@code (v - offset) * scale}). Not thread-safe: one per task, added in a fixed
 * order.
 */
final class ChannelMoments {

	/** Pixels summed (a weight: distinct values count as many pixels as they stand for). */
	double count;

	/** Per channel, the sum of the values. */
	final double[] sum;

	/** Per channel, the sum of the squared values. */
	final double[] sumOfSquares;

	ChannelMoments(final int channels) {
		sum = new double[channels];
		sumOfSquares = new double[channels];
	}

	/** Adds the sums of other pixels, channel by channel. */
	void add(final ChannelMoments other) {
		count += other.count;
		for (int c = 0; c < sum.length; c++)
			sum[c] += other.sum[c];
		for (int c = 0; c < sum.length; c++)
			sumOfSquares[c] += other.sumOfSquares[c];
	}

	/**
	 * @param scaling the scaling
	 * @return per channel, what is subtracted before scaling: the mean for
	 *         {@link ChannelScaling#STANDARDIZE} (over at least one pixel), else 0
	 */
	double[] offset(final ChannelScaling scaling) {
		final double[] offset = new double[sum.length];
		if (standardize(scaling)) for (int c = 0; c < offset.length; c++)
			offset[c] = sum[c] / count;
		return offset;
	}

	/**
	 * @param scaling the scaling
	 * @return per channel, the factor applied after the offset: 1/&sigma; for
	 *         {@link ChannelScaling#STANDARDIZE} (1 for a constant channel), else 1
	 */
	double[] scale(final ChannelScaling scaling) {
		final double[] scale = new double[sum.length];
		for (int c = 0; c < scale.length; c++) {
			scale[c] = 1;
			if (standardize(scaling)) {
				final double mean = sum[c] / count;
				final double var = Math.max(0, sumOfSquares[c] / count - mean * mean);
				if (var > 0) scale[c] = 1 / Math.sqrt(var);
			}
		}
		return scale;
	}

	private boolean standardize(final ChannelScaling scaling) {
		return scaling == ChannelScaling.STANDARDIZE && count > 0;
	}
}
