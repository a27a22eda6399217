package org.kmeansquantize.core;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the sampling pass of {@link SharedTraining} keeps of one part (one plane of one image): the
 * sampled pixels' values in input units, in pixel order, and the part's per-channel statistics.
 * Made by {@link SharedTraining#sample}; a pure function of the part's pixels, its index, the
 * seed and the sampling probability, so any machine computes the same. Immutable once made;
 * {@link Serializable} with plain arrays inside, to travel between JVMs (a Spark job).
 */
public final class PartSample implements Serializable {

	private static final long serialVersionUID = 1L;

	private final long part;
	private final int channels;
	private final SampleRange range;
	private final float[] values;
	private final long pixels;
	private final long nonFinite;
	private final double[] sum;
	private final double[] sumOfSquares;
	private final double min;
	private final double max;

	PartSample(final long part, final int channels, final SampleRange range, final float[] values,
		final long pixels, final long nonFinite, final double[] sum, final double[] sumOfSquares, final double min,
		final double max)
	{
		this.part = part;
		this.channels = channels;
		this.range = range;
		this.values = values;
		this.pixels = pixels;
		this.nonFinite = nonFinite;
		this.sum = sum;
		this.sumOfSquares = sumOfSquares;
		this.min = min;
		this.max = max;
	}

	/** @return the part's index j in the part order */
	public long part() {
		return part;
	}

	/** @return values per pixel */
	public int channels() {
		return channels;
	}

	/** @return the value range of the part's pixel type */
	public SampleRange range() {
		return range;
	}

	/** @return number of sampled pixels */
	public int size() {
		return values.length / channels;
	}

	/** @return the sampled pixels' values, {@code channels()} per pixel, in pixel order; a fresh copy */
	public float[] values() {
		return values.clone();
	}

	/** @return the part's pixels, finite or not */
	public long pixels() {
		return pixels;
	}

	/** @return the part's pixels with a NaN or infinite value (left out of training) */
	public long nonFinite() {
		return nonFinite;
	}

	/**
	 * @param channel 0..channels-1
	 * @return the sum of that channel's values over the part's finite pixels, in pixel order
	 */
	public double sum(final int channel) {
		return sum[channel];
	}

	/**
	 * @param channel 0..channels-1
	 * @return the sum of that channel's squared values over the part's finite pixels, in pixel order
	 */
	public double sumOfSquares(final int channel) {
		return sumOfSquares[channel];
	}

	/** @return the smallest finite value of any channel, or NaN if the part has no finite pixel */
	public double min() {
		return min;
	}

	/** @return the largest finite value of any channel, or NaN if the part has no finite pixel */
	public double max() {
		return max;
	}

	float[] rawValues() {
		return values;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof PartSample)) return false;
		final PartSample s = (PartSample) o;
		return part == s.part && channels == s.channels && range.equals(s.range) && pixels == s.pixels &&
			nonFinite == s.nonFinite && Arrays.equals(values, s.values) && Arrays.equals(sum, s.sum) && Arrays.equals(
				sumOfSquares, s.sumOfSquares) && Double.compare(min, s.min) == 0 && Double.compare(max, s.max) == 0;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(part) * 31 + Arrays.hashCode(values);
	}

	@Override
	public String toString() {
		return "PartSample of part " + part + ": " + size() + " of " + pixels + " pixels, " + channels + " channels";
	}
}
