package org.kmeansquantize.core;

import java.util.Arrays;

/**
 * Nearest codebook entry of a pixel, for assignment. One-channel integer images of up to 16 bits
 * use a table over all values; integer images whose channels pack into a key use a per-thread
 * direct-mapped cache of recent colours (big images with colours of at most 24 bits: one table of
 * all colours, filled as they are met, shared by the threads); anything else searches the centres. All give the same
 * labels as {@link NearestCentroid} on the weighted reconstructed values.
 */
final class Nearest {

	private static final int CACHE_BITS = 15;
	/** Images of at least this many pixels with colours of at most 24 bits share a full table. */
	private static final long DENSE_PIXELS = 1 << 22;
	private static final int DENSE_BITS = 24;

	private final int nc;
	private final double[] weight;
	private final NearestCentroid nn;
	private final short[] table;
	private final double tableMin;
	private final Packing packing;
	/** Label of every packed colour, -1 until first needed; shared by all threads. */
	private final short[] dense;

	private Nearest(final int nc, final double[] weight, final NearestCentroid nn, final short[] table,
		final double tableMin, final Packing packing, final long pixels)
	{
		this.nc = nc;
		this.weight = weight;
		this.nn = nn;
		this.table = table;
		this.tableMin = tableMin;
		this.packing = packing;
		if (packing != null && packing.bits > 0 && (long) packing.bits * nc <= DENSE_BITS && pixels >= DENSE_PIXELS) {
			dense = new short[1 << (packing.bits * nc)];
			Arrays.fill(dense, (short) -1);
		}
		else dense = null;
	}

	static Nearest of(final Codebook codebook, final SampleRange range, final long pixels) {
		final int nc = codebook.channels();
		final int k = codebook.centres();
		final double[] weight = new double[nc];
		for (int c = 0; c < nc; c++)
			weight[c] = codebook.channelWeight(c);
		final float[] centres = new float[k * nc];
		for (int i = 0; i < k; i++)
			for (int c = 0; c < nc; c++)
				centres[i * nc + c] = (float) (codebook.fitted(i, c) * weight[c]);
		final NearestCentroid nn = new NearestCentroid(centres, k, nc);
		if (nc == 1 && range.isInteger() && range.max() - range.min() < 65536) {
			final int n = (int) (range.max() - range.min()) + 1;
			final short[] table = new short[n];
			final float[] v = new float[1];
			for (int i = 0; i < n; i++) {
				v[0] = (float) ((range.min() + i) * weight[0]);
				table[i] = (short) nn.nearest(v, 0, null);
			}
			return new Nearest(nc, weight, nn, table, range.min(), null, pixels);
		}
		return new Nearest(nc, weight, nn, null, 0, Packing.of(range, nc), pixels);
	}

	/** @return per-thread state for {@link #label} */
	Object context() {
		if (packing == null) return new float[nc];
		final long[] keys = new long[1 << CACHE_BITS];
		Arrays.fill(keys, -1);
		return new Object[] { keys, new short[1 << CACHE_BITS], new float[nc] };
	}

	int label(final float[] v, final int o, final Object context) {
		if (table != null) return table[(int) (v[o] - tableMin)];
		if (packing != null) return labelOfKey(packing.key(v, o), context);
		return search(v, o, (float[]) context);
	}

	/** @return the label of every value from the type's minimum on, or null if there is no such table */
	short[] table() {
		return table;
	}

	/** @return whether {@link #labelOfKey} applies: colours are packed */
	boolean packed() {
		return packing != null;
	}

	/**
	 * @param key a packed colour (see {@link Packing#key})
	 * @param context from {@link #context()}
	 * @return its label
	 */
	int labelOfKey(final long key, final Object context) {
		final Object[] ctx = (Object[]) context;
		if (dense != null) {
			int j = dense[(int) key];
			if (j < 0) {
				j = searchKey(key, ctx);
				dense[(int) key] = (short) j;
			}
			return j;
		}
		final long[] keys = (long[]) ctx[0];
		final short[] labels = (short[]) ctx[1];
		final int slot = DistinctCounter.hash(key) >>> (32 - CACHE_BITS);
		if (keys[slot] == key) return labels[slot];
		final int j = searchKey(key, ctx);
		keys[slot] = key;
		labels[slot] = (short) j;
		return j;
	}

	private int searchKey(final long key, final Object[] ctx) {
		final float[] tmp = (float[]) ctx[2];
		packing.unpack(key, tmp, 0);
		return search(tmp, 0, tmp);
	}

	private int search(final float[] v, final int o, final float[] tmp) {
		for (int c = 0; c < nc; c++)
			tmp[c] = (float) (v[o + c] * weight[c]);
		return nn.nearest(tmp, 0, null);
	}
}
