package org.kmeansquantize.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Labelling of an 8-bit RGB image whose distinct colours, with counts, training held in memory
 * ({@link TrainedCodebook}): the nearest entry of every distinct colour (by the k-d tree's
 * filtering, {@link FilteringLloyd#nearest}, or for few entries by a brute-force search), a hash
 * table from those colours to labels (open addressing, at most half full: small enough to stay in
 * the caches for photos), and one look-up per pixel, none for a pixel equal to the one before it.
 * The counts and the error come from the distinct colours' counts. Gives the labels and sums of
 * {@link Labelling}'s packed path: the same float squared distance to the same entries, ties to the
 * lower index, and integer errors. Memory: at most 29 bytes per distinct colour.
 */
final class DistinctLabelling {

	private static final int RGB = 3;

	/** Fibonacci hashing's multiplier (2^32 / golden ratio), for the table from colours to labels. */
	private static final int HASH = 0x9E3779B9;

	/** Smallest table from colours to labels: 2^10 slots. */
	private static final int MIN_TABLE_BITS = 10;

	/** Entries from which the nearest of every colour is searched in a tree (built if need be). */
	private static final int TREE_FROM = ColourKMeans.TREE_MIN_K;

	private DistinctLabelling() {}

	/**
	 * @return whether the distinct colours label this image here: packed RGB pixels (no alpha) in
	 *         arrays, 8-bit labels in arrays, an RGB codebook of unit channel weights learned on the
	 *         unscaled colours, which are all the image's pixels
	 */
	static boolean applies(final Codebook codebook, final TrainingSet.Distinct set, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels)
	{
		if (!indexes(set, source) || codebook.channels() != RGB || codebook.nonFiniteLabel() >= 0) return false;
		for (int c = 0; c < RGB; c++)
			if (codebook.channelWeight(c) != 1) return false;
		PixelSource.requireShape("label image", labels.dimensionsAsLongArray(), "image", source.pixelDimensions());
		return PixelSource.of(labels, -1).isDirectU8();
	}

	/**
	 * @return whether the image's side of {@link #applies} holds: packed RGB pixels in arrays, all
	 *         of them in the unscaled distinct colours (so that training can build their
	 *         {@link #index} beside its own work)
	 */
	static boolean indexes(final TrainingSet.Distinct set, final PixelSource source) {
		if (!source.isDirectArgb() || source.channels() != RGB || set.nc != RGB || set.count() != source.size())
			return false;
		for (int c = 0; c < RGB; c++)
			if (set.offset[c] != 0 || set.scale[c] != 1) return false;
		return true;
	}

	/**
	 * The hash table of the distinct colours (open addressing with linear probing, at most half
	 * full), and the slot of each colour: labelling then only writes each colour's label there.
	 */
	static final class ColourIndex {

		final int[] colours;
		final int[] slotOf;
		final int shift, mask;

		private ColourIndex(final int[] colours, final int[] slotOf, final int bits) {
			this.colours = colours;
			this.slotOf = slotOf;
			shift = 32 - bits;
			mask = (1 << bits) - 1;
		}
	}

	/**
	 * @param set unscaled 8-bit RGB colours ({@link #indexes})
	 * @return their hash table
	 */
	static ColourIndex index(final TrainingSet.Distinct set) {
		final float[] pts = set.points;
		final int n = set.weights.length;
		final int bits = Math.max(MIN_TABLE_BITS, 32 - Integer.numberOfLeadingZeros(2 * n - 1));
		final int mask = (1 << bits) - 1, shift = 32 - bits;
		final int[] colours = new int[1 << bits];
		Arrays.fill(colours, -1);
		final int[] slotOf = new int[n];
		for (int i = 0; i < n; i++) {
			final int o = i * RGB;
			final int rgb = (int) pts[o] << 16 | (int) pts[o + 1] << 8 | (int) pts[o + 2];
			int slot = rgb * HASH >>> shift;
			while (colours[slot] != -1)
				slot = (slot + 1) & mask;
			colours[slot] = rgb;
			slotOf[i] = slot;
		}
		return new ColourIndex(colours, slotOf, bits);
	}

	/**
	 * Labels the image (see the class description); if it has a colour that training did not see
	 * (its pixels changed since), by the per-pixel search instead.
	 *
	 * @param tree the k-d tree of the colours, or null
	 * @param index the colours' hash table ({@link #index}), or null to build it here
	 */
	static Assignment assign(final Codebook codebook, final TrainingSet.Distinct set, final FilteringLloyd tree,
		final ColourIndex index, final PixelSource source, final RandomAccessibleInterval<UnsignedByteType> labels,
		final Progress progress)
	{
		final int size = codebook.size();
		final float[] cf = new float[size * RGB];
		final int[] fitted = new int[size * RGB];
		for (int j = 0; j < size; j++)
			for (int c = 0; c < RGB; c++) {
				cf[j * RGB + c] = (float) codebook.fitted(j, c);
				fitted[j * RGB + c] = (int) codebook.fitted(j, c);
			}
		final float[] pts = set.points;
		final int n = set.weights.length;
		progress.report("assigning labels", 0);
		final int[] near = tree != null ? tree.nearest(cf, size) : size >= TREE_FROM ? new FilteringLloyd(pts,
			set.weights, RGB).nearest(cf, size) : bruteForce(pts, n, cf, size, progress);
		// colour -> label
		final ColourIndex ix = index != null ? index : index(set);
		final int[] colours = ix.colours, slotOf = ix.slotOf;
		final int mask = ix.mask, shift = ix.shift;
		final byte[] table = new byte[colours.length];
		final LabelStats stats = new LabelStats(size);
		long sse = 0;
		for (int i = 0; i < n; i++) {
			final int o = i * RGB, j = near[i], q = j * RGB;
			final int r = (int) pts[o], g = (int) pts[o + 1], b = (int) pts[o + 2];
			table[slotOf[i]] = (byte) j;
			final int dr = r - fitted[q], dg = g - fitted[q + 1], db = b - fitted[q + 2];
			final long w = set.weights[i];
			stats.counts[j] += w;
			sse += w * (dr * dr + dg * dg + db * db);
		}
		stats.sumSquaredError = sse;
		stats.finiteSamples = source.size() * RGB;
		final PixelSource target = PixelSource.of(labels, -1);
		final Object[] in = source.planes(), out = target.planes();
		final long inSize = source.planeSize(), outSize = target.planeSize();
		final List<Boolean> found = Chunks.map(source.size(), () -> null, (ctx, start, len) -> {
			for (long p = start, end = start + len; p < end;) {
				final int[] argb = (int[]) in[(int) (p / inSize)];
				final byte[] lab = (byte[]) out[(int) (p / outSize)];
				final int io = (int) (p % inSize), oo = (int) (p % outSize);
				final int m = (int) Math.min(end - p, Math.min(inSize - io, outSize - oo));
				// a pixel equal to the one before it (flat areas) takes its label without a look-up
				int last = -1;
				byte label = 0;
				for (int i = 0; i < m; i++) {
					final int rgb = argb[io + i] & 0xffffff;
					if (rgb != last) {
						int slot = rgb * HASH >>> shift, c;
						while ((c = colours[slot]) != rgb) {
							// a colour training did not see: the pixels changed since
							if (c == -1) return false;
							slot = (slot + 1) & mask;
						}
						label = table[slot];
						last = rgb;
					}
					lab[oo + i] = label;
				}
				p += m;
			}
			return true;
		}, progress, "assigning labels");
		if (found.contains(false)) return KMeansQuantizer.assign(codebook, source, labels, progress);
		return LabelStats.total(Collections.singletonList(stats), size);
	}

	/**
	 * The nearest of {@code k} centres of every point: the exact passes' float squared distance
	 * ({@link DistinctLloyd#dist2}), ties to the lower index.
	 */
	private static int[] bruteForce(final float[] pts, final int n, final float[] cf, final int k,
		final Progress progress)
	{
		final int[] near = new int[n];
		Chunks.map(n, Chunks.POINTS, () -> null, (ctx, start, len) -> {
			for (int i = (int) start, end = (int) (start + len); i < end; i++) {
				int best = 0;
				float bestD = Float.POSITIVE_INFINITY;
				for (int j = 0; j < k; j++) {
					final float e = DistinctLloyd.dist2(pts, i * RGB, cf, j * RGB, RGB);
					if (e < bestD) {
						bestD = e;
						best = j;
					}
				}
				near[i] = best;
			}
			return null;
		}, progress, "assigning labels");
		return near;
	}
}
