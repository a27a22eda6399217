package org.kmeansquantize.core;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The state of a {@link SharedTraining} between passes: the channel scaling of all parts, the
 * current centres in scaled space, and what the sampling pass counted. Made by
 * {@link SharedTraining#start}, moved by {@link #next(LloydStats)}, turned into the codebook by
 * {@link #codebook(LloydStats)}. Immutable; {@link Serializable} with plain arrays inside, to be
 * broadcast to the machines that compute {@link SharedTraining#stats}.
 * <p>
 * A pixel's scaled value in channel c is {@code (float) ((v - offset(c)) * scale(c))}, with
 * {@code offset} the mean and {@code scale} 1/&sigma; of the channel over all finite pixels of all
 * parts for {@link ChannelScaling#STANDARDIZE} (scale 1 for a constant channel), offset 0 and
 * scale 1 for {@link ChannelScaling#NONE}.
 * </p>
 */
public final class SharedModel implements Serializable {

	private static final long serialVersionUID = 1L;

	private final SampleRange range;
	private final int channels;
	private final double[] offset;
	private final double[] scale;
	private final double[] centres;
	private final long nonFinite;
	private final double min;
	private final double max;

	SharedModel(final SampleRange range, final int channels, final double[] offset, final double[] scale,
		final double[] centres, final long nonFinite, final double min, final double max)
	{
		this.range = range;
		this.channels = channels;
		this.offset = offset;
		this.scale = scale;
		this.centres = centres;
		this.nonFinite = nonFinite;
		this.min = min;
		this.max = max;
	}

	/** @return the value range of the parts' pixel type */
	public SampleRange range() {
		return range;
	}

	/** @return values per pixel */
	public int channels() {
		return channels;
	}

	/** @return number of centres */
	public int centres() {
		return centres.length / channels;
	}

	/**
	 * @param centre 0..centres-1
	 * @param channel 0..channels-1
	 * @return the centre's value in scaled space
	 */
	public double centre(final int centre, final int channel) {
		return centres[centre * channels + channel];
	}

	/**
	 * @param channel 0..channels-1
	 * @return subtracted from the channel's values before scaling
	 */
	public double offset(final int channel) {
		return offset[channel];
	}

	/**
	 * @param channel 0..channels-1
	 * @return the factor applied to the channel's values after the offset
	 */
	public double scale(final int channel) {
		return scale[channel];
	}

	/** @return pixels of all parts with a NaN or infinite value */
	public long nonFinite() {
		return nonFinite;
	}

	/** @return the smallest finite value of all parts, in input units */
	public double dataMin() {
		return min;
	}

	/** @return the largest finite value of all parts, in input units */
	public double dataMax() {
		return max;
	}

	float[] floatCentres() {
		return FloatArrays.toFloat(centres);
	}

	/**
	 * One Lloyd update: every centre that received pixels moves to their mean,
	 * {@code stats.sum(j, c) / stats.count(j)}; a centre that received none stays where it is.
	 *
	 * @param stats the merged statistics of a pass over all parts with these centres
	 * @return the model with the moved centres
	 * @throws IllegalArgumentException if the statistics are for another number of centres or channels
	 */
	public SharedModel next(final LloydStats stats) {
		check(stats);
		final int m = centres();
		final double[] c = centres.clone();
		for (int j = 0; j < m; j++) {
			final long n = stats.count(j);
			if (n > 0) for (int ch = 0; ch < channels; ch++)
				c[j * channels + ch] = stats.sum(j, ch) / n;
		}
		return new SharedModel(range, channels, offset, scale, c, nonFinite, min, max);
	}

	/** @return a copy of the centres, {@link #centres()} times {@link #channels()} values */
	double[] centreValues() {
		return centres.clone();
	}

	/**
	 * @param c other centres, as many values as this model's (not copied)
	 * @return this model with the centres {@code c}
	 */
	SharedModel with(final double[] c) {
		return new SharedModel(range, channels, offset, scale, c, nonFinite, min, max);
	}

	/**
	 * The codebook of these centres: centres that received no pixel in {@code last} are dropped, the
	 * rest ordered by brightness (the sum of their scaled values; ties by their values, then by
	 * index), as {@link KMeansQuantizer#train} orders them; values in input units
	 * ({@code centre / scale + offset}, for integer images kept to sixteenths as there), counts from
	 * {@code last}, channel weights the scale; plus
	 * the non-finite (all NaN) entry when some pixel was non-finite.
	 *
	 * @param last the merged statistics of the last pass (made with the centres before the last
	 *          {@link #next}, which keeps the same pixels per centre up to the final move)
	 * @return the codebook
	 * @throws IllegalArgumentException if the statistics do not fit the model
	 */
	public Codebook codebook(final LloydStats last) {
		check(last);
		final int m = centres();
		final long[] counts = new long[m];
		for (int j = 0; j < m; j++)
			counts[j] = last.count(j);
		return CodebookBuilder.of(range, centres, counts, m, channels, scale, offset, nonFinite);
	}

	private void check(final LloydStats stats) {
		if (stats.centres() != centres() || stats.channels() != channels) throw new IllegalArgumentException(
			"statistics of " + stats.centres() + " centres x " + stats.channels() + " channels do not fit a model of " +
				centres() + " x " + channels);
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof SharedModel)) return false;
		final SharedModel s = (SharedModel) o;
		return range.equals(s.range) && channels == s.channels && Arrays.equals(offset, s.offset) && Arrays.equals(
			scale, s.scale) && Arrays.equals(centres, s.centres) && nonFinite == s.nonFinite;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(centres);
	}

	@Override
	public String toString() {
		return "SharedModel of " + centres() + " centres x " + channels + " channels (" + range + ")";
	}
}
