package org.kmeansquantize.core;

/**
 * What an assignment pass measured: pixels per label and the squared error of replacing every
 * pixel by its entry's reconstructed value. Immutable.
 */
public final class Assignment {

	private final long[] counts;
	private final double sumSquaredError;
	private final long finiteSamples;

	/**
	 * @param counts pixels per label (copied)
	 * @param sumSquaredError over finite pixels and all channels, in input units squared, against
	 *          {@link Codebook#fitted(int, int)}
	 * @param finiteSamples number of pixel values (pixels times channels) in that sum
	 */
	public Assignment(final long[] counts, final double sumSquaredError, final long finiteSamples) {
		this.counts = counts.clone();
		this.sumSquaredError = sumSquaredError;
		this.finiteSamples = finiteSamples;
	}

	/** @return pixels per label, a fresh copy */
	public long[] counts() {
		return counts.clone();
	}

	/** @return labels that received at least one pixel */
	public int usedLabels() {
		int n = 0;
		for (final long c : counts)
			if (c > 0) n++;
		return n;
	}

	/** @return sum of squared errors over finite pixels and all channels, in input units squared */
	public double sumSquaredError() {
		return sumSquaredError;
	}

	/** @return number of values (finite pixels times channels) in {@link #sumSquaredError()} */
	public long finiteSamples() {
		return finiteSamples;
	}

	/**
	 * @return mean squared error per value, in input units squared (its PSNR: {@link Psnr}); NaN if there
	 *         were no finite pixels
	 */
	public double mse() {
		return finiteSamples == 0 ? Double.NaN : sumSquaredError / finiteSamples;
	}
}
