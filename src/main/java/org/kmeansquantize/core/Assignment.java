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

	/** @return mean squared error per value, in input units squared; NaN if there were no finite pixels */
	public double mse() {
		return finiteSamples == 0 ? Double.NaN : sumSquaredError / finiteSamples;
	}

	/**
	 * The peak signal value of the project's PSNR: the type's maximum for integer data (255 for
	 * 8-bit, 65535 for 16-bit), the range of the data (largest minus smallest finite value) for
	 * floating-point data.
	 *
	 * @param range the pixel type's range
	 * @param dataMin smallest finite value of the data (used for floating-point data only)
	 * @param dataMax largest finite value of the data (used for floating-point data only)
	 * @return the peak, in input units; NaN for floating-point data whose range is unknown
	 */
	public static double peak(final SampleRange range, final double dataMin, final double dataMax) {
		if (range.isInteger()) return range.max();
		return Double.isFinite(dataMin) && Double.isFinite(dataMax) ? dataMax - dataMin : Double.NaN;
	}

	/**
	 * The peak signal-to-noise ratio, {@code 10 log10(peak^2 / mse)} in dB, the one definition every
	 * front end reports (with {@link #peak(SampleRange, double, double)} as the peak).
	 *
	 * @param mse mean squared error per value ({@link #mse()}), in input units squared
	 * @param peak the peak signal value, in input units
	 * @return the PSNR in dB; positive infinity for an error of 0; NaN if {@code mse} is negative
	 *         or NaN, or {@code peak} is not positive and finite
	 */
	public static double psnr(final double mse, final double peak) {
		if (!(mse >= 0) || !(peak > 0) || Double.isInfinite(peak)) return Double.NaN;
		if (mse == 0) return Double.POSITIVE_INFINITY;
		return 10 * Math.log10(peak * peak / mse);
	}
}
