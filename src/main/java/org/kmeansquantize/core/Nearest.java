package org.kmeansquantize.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Nearest codebook entry of a pixel, for assignment. One-channel integer images of up to 16 bits
 * use a table over all values; integer images whose channels pack into a key use a per-thread
 * direct-mapped cache of recent colours (big images with colours of at most 24 bits: one table of
 * all colours, filled as they are met, shared by the threads, in Morton order for 8-bit RGB). A
 * colour met for the first time with 2 to 4 channels gets its label from a grid over colour space:
 * a cell where one entry is the nearest of all its colours gives it directly, another a short list
 * of candidates. Anything else searches the centres. All give the same labels as
 * {@link NearestCentroid} on the weighted reconstructed values.
 */
final class Nearest {

	private static final int CACHE_BITS = 15;
	/** Images of at least this many pixels with colours of at most 24 bits share a full table. */
	private static final long DENSE_PIXELS = 1 << 22;
	private static final int DENSE_BITS = 24;

	private final int nc;
	private final double[] weight;
	/**
	 * The bits of a byte spread to every third bit: the dense table of 8-bit RGB is in Morton order,
	 * so that similar colours, which neighbouring pixels have, share cache lines and pages.
	 */
	private static final int[] SPREAD = new int[256];

	static {
		for (int v = 0; v < 256; v++)
			for (int b = 0; b < 8; b++)
				SPREAD[v] |= ((v >>> b) & 1) << (3 * b);
	}

	/** Bits of the grid over packed colours (6 per channel for RGB, 4 for RGBA). */
	private static final int CELL_BITS = 18;
	private static final short UNKNOWN = -2, AMBIGUOUS = -1;
	/** Cells with more candidate entries than this search all entries. */
	private static final int MAX_CANDIDATES = 8;
	private static final short[] SEARCH = new short[0];

	private final NearestCentroid nn;
	private final boolean morton;
	/** The weighted entries, {@code k * nc} values, as {@link #nn} holds them. */
	private final float[] centres;
	/**
	 * Per grid cell of packed colours, the label that every colour in it shares, {@link #AMBIGUOUS}
	 * where colours of the cell may differ, {@link #UNKNOWN} until first needed; shared by all
	 * threads (cells are written with the same value by whichever thread gets there first).
	 */
	private final short[] cells;
	/**
	 * Candidate entries per ambiguous cell, built as the first thread meets it and shared with the
	 * others; null without cells.
	 */
	private final AtomicReferenceArray<short[]> lists;
	/** Bits per channel of a cell index, and the low bits of a channel value a cell spans. */
	private final int cellBits, cellShift;
	private final short[] table;
	private final double tableMin;
	private final Packing packing;
	/** Label of every packed colour, -1 until first needed; shared by all threads. */
	private final short[] dense;

	private Nearest(final int nc, final double[] weight, final NearestCentroid nn, final float[] centres,
		final short[] table, final double tableMin, final Packing packing, final long pixels)
	{
		this.nc = nc;
		this.weight = weight;
		this.nn = nn;
		this.centres = centres;
		this.table = table;
		this.tableMin = tableMin;
		this.packing = packing;
		if (packing != null && packing.bits > 0 && (long) packing.bits * nc <= DENSE_BITS && pixels >= DENSE_PIXELS) {
			dense = new short[1 << (packing.bits * nc)];
			Arrays.fill(dense, (short) -1);
		}
		else dense = null;
		morton = dense != null && packing.bits == 8 && nc == 3;
		final int cb = packing == null || packing.bits <= 0 || nc < 2 || nc > 4 ? 0 : Math.min(packing.bits,
			CELL_BITS / nc);
		if (cb > 0 && cb < packing.bits) {
			cellBits = cb;
			cellShift = packing.bits - cb;
			cells = new short[1 << (cb * nc)];
			Arrays.fill(cells, UNKNOWN);
			lists = new AtomicReferenceArray<>(cells.length);
		}
		else {
			cellBits = 0;
			cellShift = 0;
			cells = null;
			lists = null;
		}
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
			return new Nearest(nc, weight, nn, centres, table, range.min(), null, pixels);
		}
		return new Nearest(nc, weight, nn, centres, null, 0, Packing.of(range, nc), pixels);
	}

	/**
	 * One thread's state for {@link #label} and {@link #labelOfKey}: a direct-mapped cache of
	 * recent colours, the candidate entries of the ambiguous grid cells it met, and scratch space.
	 */
	static final class Context {

		/** Cached colours (-1: empty slot) and their labels; null where colours are not packed. */
		private final long[] keys;
		private final short[] labels;
		/** Scratch for one point, and for the distances to its nearest two entries. */
		private final float[] point;
		private final float[] nearestTwo = new float[2];

		private Context(final int nc, final boolean packed) {
			keys = packed ? new long[1 << CACHE_BITS] : null;
			if (keys != null) Arrays.fill(keys, -1);
			labels = packed ? new short[1 << CACHE_BITS] : null;
			point = new float[nc];
		}
	}

	/** @return per-thread state for {@link #label} */
	Context context() {
		return new Context(nc, packing != null);
	}

	int label(final float[] v, final int o, final Context context) {
		if (table != null) return table[(int) (v[o] - tableMin)];
		if (packing != null) return labelOfKey(packing.key(v, o), context);
		return search(v, o, context.point);
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
	int labelOfKey(final long key, final Context ctx) {
		if (dense != null) {
			final int at = morton ? SPREAD[(int) key & 0xff] | SPREAD[(int) (key >>> 8) & 0xff] << 1 | SPREAD[(int) (key >>> 16) &
				0xff] << 2 : (int) key;
			int j = dense[at];
			if (j < 0) {
				j = searchKey(key, ctx);
				dense[at] = (short) j;
			}
			return j;
		}
		final long[] keys = ctx.keys;
		final short[] labels = ctx.labels;
		final int slot = DistinctCounter.hash(key) >>> (32 - CACHE_BITS);
		if (keys[slot] == key) return labels[slot];
		final int j = searchKey(key, ctx);
		keys[slot] = key;
		labels[slot] = (short) j;
		return j;
	}

	/**
	 * The label of a colour met for the first time: from its grid cell, which either has one label
	 * for all its colours or a short list of candidate entries; a search of all entries otherwise.
	 */
	private int searchKey(final long key, final Context ctx) {
		if (cells != null) {
			final int cell = cellOf(key);
			int j = cells[cell];
			if (j == UNKNOWN) {
				j = classify(cell, ctx);
				cells[cell] = (short) j;
			}
			if (j >= 0) return j;
			short[] candidates = lists.get(cell);
			if (candidates == null) {
				candidates = candidates(cell, ctx);
				lists.set(cell, candidates);
			}
			if (candidates != SEARCH) return nearestAmong(candidates, key);
		}
		final float[] tmp = ctx.point;
		packing.unpack(key, tmp, 0);
		return search(tmp, 0, tmp);
	}

	/** The cell of a packed colour: the top {@link #cellBits} bits of each channel, side by side. */
	private int cellOf(final long key) {
		final int cb = cellBits, b = packing.bits, s = cellShift;
		final long m = (1L << cb) - 1;
		long cell = (key >>> s) & m | ((key >>> (b + s)) & m) << cb;
		if (nc > 2) cell |= ((key >>> (2 * b + s)) & m) << (2 * cb);
		if (nc > 3) cell |= ((key >>> (3 * b + s)) & m) << (3 * cb);
		return (int) cell;
	}

	/**
	 * The label of a whole cell, if its centre's nearest entry is nearer than the second by more
	 * than the cell's diagonal: then, by the triangle inequality, that entry is the strict nearest of
	 * every colour in the cell.
	 */
	private int classify(final int cell, final Context ctx) {
		final float[] q = ctx.point;
		final float[] d = ctx.nearestTwo;
		final double h = cellCentre(cell, q);
		final int j = nn.nearest2(q, 0, d);
		final double d1 = Math.sqrt(d[0]), d2 = Math.sqrt(d[1]);
		return d2 - d1 > 2 * h + 1e-4 * (1 + d2) ? j : AMBIGUOUS;
	}

	/**
	 * @return the entries that may be nearest to some colour of the cell (in increasing order), or
	 *         {@link #SEARCH} if there are too many
	 */
	private short[] candidates(final int cell, final Context ctx) {
		final float[] q = ctx.point;
		final double h = cellCentre(cell, q);
		final int k = centres.length / nc;
		final float[] d2 = new float[k];
		float nearest2 = Float.POSITIVE_INFINITY;
		for (int j = 0; j < k; j++) {
			d2[j] = NearestCentroid.dist2(q, 0, centres, j * nc, nc, Float.POSITIVE_INFINITY);
			nearest2 = Math.min(nearest2, d2[j]);
		}
		// entry j can be nearest somewhere in the cell only if its distance, less the cell's reach,
		// is within the nearest entry's plus that reach
		final double nearest = Math.sqrt(nearest2);
		final double limit = nearest + 2 * h + 1e-3 * (1 + nearest);
		final double limit2 = limit * limit * (1 + 1e-6);
		int n = 0;
		final short[] list = new short[MAX_CANDIDATES];
		for (int j = 0; j < k; j++) {
			if (d2[j] > limit2 || Math.sqrt(d2[j]) > limit) continue;
			if (n == MAX_CANDIDATES) return SEARCH;
			list[n++] = (short) j;
		}
		return Arrays.copyOf(list, n);
	}

	/**
	 * The nearest of the candidates to the packed colour, computed exactly as {@link NearestCentroid}
	 * does (the same float arithmetic, ties to the lower index).
	 */
	private int nearestAmong(final short[] candidates, final long key) {
		final int bits = packing.bits;
		final long mask = (1L << bits) - 1;
		float best = Float.POSITIVE_INFINITY;
		int bestIdx = candidates[0];
		for (final short j : candidates) {
			final int o = j * nc;
			float s = 0;
			for (int c = 0; c < nc; c++) {
				final float v = (float) ((float) (((key >>> (c * bits)) & mask) + packing.min) * weight[c]);
				final float dc = v - centres[o + c];
				s += dc * dc;
			}
			if (s < best) {
				best = s;
				bestIdx = j;
			}
		}
		return bestIdx;
	}

	/**
	 * Writes the weighted centre of the cell into {@code q}.
	 *
	 * @return half the cell's diagonal, weighted
	 */
	private double cellCentre(final int cell, final float[] q) {
		final int cellMask = (1 << cellBits) - 1;
		final double span = (1 << cellShift) - 1;
		double h2 = 0;
		for (int c = 0; c < nc; c++) {
			final long lo = (long) ((cell >>> (c * cellBits)) & cellMask) << cellShift;
			q[c] = (float) ((lo + span / 2 + packing.min) * weight[c]);
			final double half = span / 2 * weight[c];
			h2 += half * half;
		}
		return Math.sqrt(h2);
	}

	private int search(final float[] v, final int o, final float[] tmp) {
		for (int c = 0; c < nc; c++)
			tmp[c] = (float) (v[o + c] * weight[c]);
		return nn.nearest(tmp, 0, null);
	}
}
