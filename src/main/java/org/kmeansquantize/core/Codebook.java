package org.kmeansquantize.core;

import java.util.Arrays;

/**
 * The learned palette: {@link #size()} entries of {@link #channels()} values each, in input units,
 * with the number of pixels each entry stands for. Immutable and thread-safe.
 * <p>
 * Entry {@code i} is what label {@code i} stands for. When the image had pixels with a NaN or
 * infinite value (32-bit input only) the codebook ends with one extra <em>non-finite entry</em>
 * whose values are all NaN: those pixels were not used for training and carry that entry's label
 * (see {@link #nonFiniteLabel()}).
 * </p>
 * <p>
 * Serializable (Java serialization), so that a codebook learned on one machine can be used on
 * others.
 * </p>
 */
public final class Codebook implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	private final int size;
	private final int channels;
	private final double[] values;
	private final long[] counts;
	private final SampleRange range;
	private final boolean nonFinite;
	private final double[] weights;

	/**
	 * A codebook whose distances are measured in input units.
	 *
	 * @param values {@code values[i][c]}: entry i, channel c, in input units (copied)
	 * @param counts pixels per entry (copied), same length as {@code values}
	 * @param range the input's value range, for {@link #fitted(int, int)}
	 * @param lastIsNonFinite whether the last entry is the non-finite entry
	 */
	public Codebook(final double[][] values, final long[] counts, final SampleRange range,
		final boolean lastIsNonFinite)
	{
		this(values, counts, range, lastIsNonFinite, null);
	}

	/**
	 * @param values {@code values[i][c]}: entry i, channel c, in input units (copied)
	 * @param counts pixels per entry (copied), same length as {@code values}
	 * @param range the input's value range, for {@link #fitted(int, int)}
	 * @param lastIsNonFinite whether the last entry is the non-finite entry
	 * @param channelWeights per channel, the factor applied to differences before squaring (1 in
	 *          input units; 1/&sigma; for standardised channels); null for all 1
	 * @throws IllegalArgumentException if the arrays are empty, ragged, longer than 256, or
	 *           {@code lastIsNonFinite} and the last entry is not all NaN
	 */
	public Codebook(final double[][] values, final long[] counts, final SampleRange range,
		final boolean lastIsNonFinite, final double[] channelWeights)
	{
		if (values.length == 0 || values.length > QuantizeSettings.MAX_COLORS)
			throw new IllegalArgumentException("a codebook has 1 to 256 entries, not " + values.length);
		if (counts.length != values.length)
			throw new IllegalArgumentException("a codebook needs one count per entry");
		size = values.length;
		channels = values[0].length;
		if (channels == 0) throw new IllegalArgumentException("a codebook entry needs at least one channel");
		this.values = new double[size * channels];
		for (int i = 0; i < size; i++) {
			if (values[i].length != channels)
				throw new IllegalArgumentException("codebook entry " + i + " has " + values[i].length +
					" channels, not " + channels);
			System.arraycopy(values[i], 0, this.values, i * channels, channels);
		}
		this.counts = counts.clone();
		this.range = range;
		this.nonFinite = lastIsNonFinite;
		if (channelWeights != null && channelWeights.length != channels)
			throw new IllegalArgumentException("a codebook needs one channel weight per channel");
		this.weights = new double[channels];
		for (int c = 0; c < channels; c++) {
			weights[c] = channelWeights == null ? 1 : channelWeights[c];
			if (!(weights[c] > 0) || Double.isInfinite(weights[c]))
				throw new IllegalArgumentException("channel weights must be positive and finite");
		}
		if (lastIsNonFinite)
			for (int c = 0; c < channels; c++)
				if (!Double.isNaN(value(size - 1, c)))
					throw new IllegalArgumentException("the non-finite codebook entry must be NaN");
	}

	/** @return number of entries, the non-finite entry included */
	public int size() {
		return size;
	}

	/** @return number of entries learned by k-means, without the non-finite entry */
	public int centres() {
		return nonFinite ? size - 1 : size;
	}

	/** @return values per entry */
	public int channels() {
		return channels;
	}

	/**
	 * @param entry 0..size-1
	 * @param channel 0..channels-1
	 * @return the centre's value in input units, full precision
	 */
	public double value(final int entry, final int channel) {
		return values[entry * channels + channel];
	}

	/**
	 * @param entry 0..size-1
	 * @param channel 0..channels-1
	 * @return the value a reconstruction holds: rounded and clamped into the input type for
	 *         integer types, unchanged for floating-point types
	 */
	public double fitted(final int entry, final int channel) {
		return range.fit(value(entry, channel));
	}

	/**
	 * @param entry 0..size-1
	 * @return pixels this entry stands for
	 */
	public long count(final int entry) {
		return counts[entry];
	}

	/**
	 * @param channel 0..channels-1
	 * @return the factor applied to differences in that channel before squaring: 1 for distances
	 *         in input units, 1/&sigma; for standardised channels
	 */
	public double channelWeight(final int channel) {
		return weights[channel];
	}

	/** @return the input's value range */
	public SampleRange range() {
		return range;
	}

	/** @return whether the last entry stands for non-finite pixels */
	public boolean hasNonFiniteEntry() {
		return nonFinite;
	}

	/** @return the label of non-finite pixels, or -1 if there is no such entry */
	public int nonFiniteLabel() {
		return nonFinite ? size - 1 : -1;
	}

	/**
	 * @param newCounts pixels per entry
	 * @return the same codebook with other counts
	 */
	public Codebook withCounts(final long[] newCounts) {
		return new Codebook(asArrays(), newCounts, range, nonFinite, weights);
	}

	/** @return {@code [entry][channel]} values, a fresh copy */
	public double[][] asArrays() {
		final double[][] a = new double[size][];
		for (int i = 0; i < size; i++)
			a[i] = Arrays.copyOfRange(values, i * channels, (i + 1) * channels);
		return a;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Codebook)) return false;
		final Codebook b = (Codebook) o;
		return size == b.size && channels == b.channels && nonFinite == b.nonFinite && range.equals(b.range) &&
			Arrays.equals(values, b.values) && Arrays.equals(counts, b.counts) && Arrays.equals(weights, b.weights);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(values) * 31 + Arrays.hashCode(counts);
	}

	@Override
	public String toString() {
		return "Codebook of " + size + " entries x " + channels + " channels (" + range + ")";
	}
}
