package org.kmeansquantize.core;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The statistics of one exact Lloyd pass of {@link SharedTraining} over some parts: per centre the
 * number of pixels nearest to it and the sums of their scaled values, and the distortion (the sum
 * of squared scaled distances to the nearest centre). Made per part by
 * {@link SharedTraining#stats}, combined with {@link #merge}.
 * <p>
 * Sums are held <em>exactly</em> (each part's double sums converted to {@link BigDecimal} without
 * rounding, counts as longs), so {@link #merge} is associative and commutative: statistics merged
 * in any grouping and any order are identical, bit for bit, to those merged in part order. Rounding
 * to double happens once, in {@link #sum(int, int)} and {@link #distortion()}. Immutable;
 * {@link Serializable} with plain arrays inside, to travel between JVMs.
 * </p>
 */
public final class LloydStats implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int centres;
	private final int channels;
	private final long[] counts;
	private final BigDecimal[] sums;
	private final BigDecimal distortion;

	private LloydStats(final int centres, final int channels, final long[] counts, final BigDecimal[] sums,
		final BigDecimal distortion)
	{
		this.centres = centres;
		this.channels = channels;
		this.counts = counts;
		this.sums = sums;
		this.distortion = distortion;
	}

	/**
	 * @param centres number of centres
	 * @param channels values per centre
	 * @return statistics of no pixel, the identity of {@link #merge}
	 */
	public static LloydStats empty(final int centres, final int channels) {
		final BigDecimal[] s = new BigDecimal[centres * channels];
		Arrays.fill(s, BigDecimal.ZERO);
		return new LloydStats(centres, channels, new long[centres], s, BigDecimal.ZERO);
	}

	/**
	 * Statistics of one part from its double sums, converted exactly.
	 *
	 * @throws IllegalArgumentException if a sum overflowed (float values near the type's limit)
	 */
	static LloydStats of(final int centres, final int channels, final long[] counts, final double[] sums,
		final double distortion)
	{
		if (!Double.isFinite(distortion)) throw new IllegalArgumentException(
			"the pixel values are too large for k-means: a sum of squared distances overflowed");
		final BigDecimal[] s = new BigDecimal[sums.length];
		for (int i = 0; i < s.length; i++) {
			if (!Double.isFinite(sums[i])) throw new IllegalArgumentException(
				"the pixel values are too large for k-means: a sum of values overflowed");
			s[i] = sums[i] == 0 ? BigDecimal.ZERO : new BigDecimal(sums[i]);
		}
		return new LloydStats(centres, channels, counts.clone(), s, distortion == 0 ? BigDecimal.ZERO
			: new BigDecimal(distortion));
	}

	/**
	 * @param other statistics over other parts, for the same centres
	 * @return the statistics over the parts of both: exact sums, so the result does not depend on
	 *         the grouping or order of merges
	 * @throws IllegalArgumentException if the centre or channel counts differ
	 */
	public LloydStats merge(final LloydStats other) {
		if (other.centres != centres || other.channels != channels) throw new IllegalArgumentException(
			"cannot merge statistics of " + other.centres + " centres x " + other.channels + " channels into " +
				centres + " x " + channels);
		final long[] c = new long[centres];
		for (int j = 0; j < centres; j++)
			c[j] = Math.addExact(counts[j], other.counts[j]);
		final BigDecimal[] s = new BigDecimal[sums.length];
		for (int i = 0; i < s.length; i++)
			s[i] = sums[i].add(other.sums[i]);
		return new LloydStats(centres, channels, c, s, distortion.add(other.distortion));
	}

	/** @return number of centres */
	public int centres() {
		return centres;
	}

	/** @return values per centre */
	public int channels() {
		return channels;
	}

	/**
	 * @param centre 0..centres-1
	 * @return pixels nearest to that centre
	 */
	public long count(final int centre) {
		return counts[centre];
	}

	/**
	 * @param centre 0..centres-1
	 * @param channel 0..channels-1
	 * @return the sum of the scaled values of the pixels nearest to that centre, rounded once to double
	 */
	public double sum(final int centre, final int channel) {
		return sums[centre * channels + channel].doubleValue();
	}

	/** @return the sum of squared scaled distances of the pixels to their nearest centre, rounded once */
	public double distortion() {
		return distortion.doubleValue();
	}

	/** @return number of pixels counted */
	public long pixels() {
		long n = 0;
		for (final long c : counts)
			n += c;
		return n;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof LloydStats)) return false;
		final LloydStats s = (LloydStats) o;
		if (centres != s.centres || channels != s.channels || !Arrays.equals(counts, s.counts) || distortion.compareTo(
			s.distortion) != 0) return false;
		for (int i = 0; i < sums.length; i++)
			if (sums[i].compareTo(s.sums[i]) != 0) return false;
		return true;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(counts) * 31 + Double.hashCode(distortion());
	}

	@Override
	public String toString() {
		return "LloydStats of " + pixels() + " pixels, " + centres + " centres x " + channels + " channels";
	}
}
