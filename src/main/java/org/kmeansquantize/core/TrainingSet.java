package org.kmeansquantize.core;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/**
 * The training pixels in scaled space (the space distances are measured in): either the distinct
 * values with their counts (an exact, far smaller stand-in for integer images) or the pixels
 * themselves, streamed from the source. Both give uniform samples and exact Lloyd passes.
 */
abstract class TrainingSet {

	/** Bits per digit of the radix sort of a sample's draws ({@link Distinct#resolve}). */
	private static final int RADIX_BITS = 9;

	/** Most distinct values kept in memory as a stand-in for the pixels. */
	static final int DISTINCT_LIMIT = 1 << 20;

	final int nc;
	final double[] offset;
	final double[] scale;

	TrainingSet(final int nc, final double[] offset, final double[] scale) {
		this.nc = nc;
		this.offset = offset;
		this.scale = scale;
	}

	/** @return number of training pixels */
	abstract long count();

	/** @return number of distinct training values, or -1 if unknown */
	abstract int distinct();

	/**
	 * @param n wanted sample size
	 * @param rng random source
	 * @return about {@code n} training points drawn uniformly (fewer if there are fewer), scaled
	 */
	abstract float[] sample(int n, SplittableRandom rng);

	/**
	 * @param points a sample of this set ({@link #sample}), in scaled space
	 * @return the sample as a training set held in memory, every point of weight 1
	 */
	Distinct unweighted(final float[] points) {
		final long[] ones = new long[points.length / nc];
		Arrays.fill(ones, 1);
		return new Distinct(nc, offset, scale, null, points, ones);
	}

	/** One exact Lloyd pass: assignment to {@code centres} and the sums for the update. */
	abstract Partial lloyd(double[] centres, int k, Progress progress);

	/**
	 * @return successive exact Lloyd passes of one refinement, which may keep state from pass to pass
	 *         (bounds that let most points skip the search)
	 */
	abstract LloydPasses passes();

	/** Sums of one or more chunks of a Lloyd pass. */
	static final class Partial {

		final double[] sums;
		final double[] weights;
		double distortion;
		float farDist = -1;
		final float[] far;

		Partial(final int k, final int nc) {
			sums = new double[k * nc];
			weights = new double[k];
			far = new float[nc];
		}

		void add(final Partial p) {
			for (int i = 0; i < sums.length; i++)
				sums[i] += p.sums[i];
			for (int i = 0; i < weights.length; i++)
				weights[i] += p.weights[i];
			distortion += p.distortion;
			if (p.farDist > farDist) {
				farDist = p.farDist;
				System.arraycopy(p.far, 0, far, 0, far.length);
			}
		}

		static Partial reduce(final List<Partial> parts, final int k, final int nc) {
			final Partial total = new Partial(k, nc);
			for (final Partial p : parts)
				total.add(p);
			return total;
		}
	}

	/** Distinct values and their counts, held in memory. */
	static final class Distinct extends TrainingSet {

		final long[] keys;
		final float[] points;
		final long[] weights;
		final long total;
		private long[] cumulative;

		Distinct(final int nc, final double[] offset, final double[] scale, final long[] keys, final float[] points,
			final long[] weights)
		{
			super(nc, offset, scale);
			this.keys = keys;
			this.points = points;
			this.weights = weights;
			long t = 0;
			for (final long w : weights)
				t += w;
			total = t;
		}

		@Override
		long count() {
			return total;
		}

		@Override
		int distinct() {
			return weights.length;
		}

		@Override
		float[] sample(final int n, final SplittableRandom rng) {
			return resolve(draw(n, rng));
		}

		/**
		 * Draws a weighted sample without looking its points up: {@code resolve(draw(n, rng))} is
		 * {@code sample(n, rng)}, with the same random numbers.
		 *
		 * @return {@code min(n, count())} draws, each a value below {@link #count()}
		 */
		long[] draw(final int n, final SplittableRandom rng) {
			final long[] r = new long[(int) Math.min(n, total)];
			for (int j = 0; j < r.length; j++)
				r[j] = rng.nextLong(total);
			return r;
		}

		/**
		 * @return the drawn points' values, {@code nc} per draw: the draws are visited in order of
		 *         value (a radix sort), so that one sweep over the cumulative weights finds them all
		 */
		float[] resolve(final long[] draws) {
			final float[] s = new float[draws.length * nc];
			final long[] cum = cumulative();
			final int[] order = sortByKey(draws, 64 - Long.numberOfLeadingZeros(Math.max(1, total - 1)));
			int i = 0;
			for (final int j : order) {
				// the first point whose cumulative weight exceeds the draw
				while (cum[i] <= draws[j])
					i++;
				for (int c = 0; c < nc; c++)
					s[j * nc + c] = points[i * nc + c];
			}
			return s;
		}

		/** @return the point that a draw picks: the first whose cumulative weight exceeds it */
		int pointAt(final long r) {
			final int i = Arrays.binarySearch(cumulative(), r);
			return i >= 0 ? i + 1 : -i - 1;
		}

		/** The cumulative weights, made on first use. */
		private synchronized long[] cumulative() {
			if (cumulative == null) {
				final long[] cum = new long[weights.length];
				long t = 0;
				for (int i = 0; i < weights.length; i++)
					cum[i] = t += weights[i];
				cumulative = cum;
			}
			return cumulative;
		}

		/**
		 * A coarse stand-in: the points binned on a regular grid over their bounding box, each bin
		 * represented by the weighted mean of its points and their total weight. Exact in weight and
		 * mean, it only loses the spread within a bin, so k-means on it lands near k-means on this set.
		 *
		 * @param maxBins most grid cells (a power of two); each channel gets {@code log2(maxBins) / nc}
		 *          bits. Memory: 8 + 8 nc bytes per cell while it runs (1 MiB for the training's
		 *          2^15 cells of RGB)
		 * @return the occupied bins, in grid order
		 */
		Distinct coarse(final int maxBins) {
			final int bits = Math.max(1, Integer.numberOfTrailingZeros(maxBins) / nc);
			final int levels = 1 << bits, n = weights.length, cells = 1 << bits * nc;
			final double[] lo = new double[nc];
			final double[] step = FloatArrays.gridScale(points, n, nc, levels, lo);
			// every cell a slot, filled in point order; the occupied ones kept in grid order
			final long[] w = new long[cells];
			final double[] sum = new double[cells * nc];
			for (int i = 0; i < n; i++) {
				int x = 0;
				for (int c = 0; c < nc; c++)
					x = (x << bits) | Math.min(levels - 1, (int) ((points[i * nc + c] - lo[c]) * step[c]));
				final long wi = weights[i];
				w[x] += wi;
				for (int c = 0; c < nc; c++)
					sum[x * nc + c] += (double) wi * points[i * nc + c];
			}
			int m = 0;
			for (int x = 0; x < cells; x++)
				if (w[x] != 0) m++;
			final float[] pts = new float[m * nc];
			final long[] cw = new long[m];
			for (int x = 0, j = 0; x < cells; x++) {
				if (w[x] == 0) continue;
				cw[j] = w[x];
				for (int c = 0; c < nc; c++)
					pts[j * nc + c] = (float) (sum[x * nc + c] / w[x]);
				j++;
			}
			return new Distinct(nc, offset, scale, null, pts, cw);
		}

		/**
		 * @param key keys of {@code bits} bits
		 * @return the indices in order of key, equal keys in index order: a radix sort of {@value #RADIX_BITS}-bit digits
		 */
		private static int[] sortByKey(final long[] key, final int bits) {
			final int n = key.length;
			int[] order = new int[n], next = new int[n];
			for (int i = 0; i < n; i++)
				order[i] = i;
			final int mask = (1 << RADIX_BITS) - 1;
			for (int shift = 0; shift < bits; shift += RADIX_BITS) {
				final int[] count = new int[(1 << RADIX_BITS) + 1];
				for (int i = 0; i < n; i++)
					count[((int) (key[i] >>> shift) & mask) + 1]++;
				for (int d = 0; d < 1 << RADIX_BITS; d++)
					count[d + 1] += count[d];
				for (int t = 0; t < n; t++) {
					final int i = order[t];
					next[count[(int) (key[i] >>> shift) & mask]++] = i;
				}
				final int[] x = order;
				order = next;
				next = x;
			}
			return order;
		}

		/** Hamerly's passes with incremental sums, {@link DistinctLloyd}. */
		@Override
		LloydPasses passes() {
			return new DistinctLloyd(points, weights, nc, null);
		}

		@Override
		Partial lloyd(final double[] centres, final int k, final Progress progress) {
			final NearestCentroid nn = new NearestCentroid(FloatArrays.toFloat(centres), k, nc);
			final List<Partial> parts = Chunks.map(weights.length, Chunks.POINTS, () -> new float[1], (dist, start,
				len) -> {
				final Partial p = new Partial(k, nc);
				for (int i = (int) start, end = (int) (start + len); i < end; i++) {
					final int o = i * nc;
					final int j = nn.nearest(points, o, dist);
					final float d2 = dist[0];
					final long w = weights[i];
					p.weights[j] += w;
					for (int c = 0; c < nc; c++)
						p.sums[j * nc + c] += (double) w * points[o + c];
					p.distortion += (double) w * d2;
					if (d2 > p.farDist) {
						p.farDist = d2;
						System.arraycopy(points, o, p.far, 0, nc);
					}
				}
				return p;
			}, progress, "k-means refinement");
			return Partial.reduce(parts, k, nc);
		}
	}

	/** Every training pixel, read from the source on each pass. */
	static final class Streamed extends TrainingSet {

		private final PixelSource source;
		private final RandomAccessibleInterval<? extends BooleanType<?>> mask;
		private final long count;
		private final boolean checkFinite;

		Streamed(final PixelSource source, final RandomAccessibleInterval<? extends BooleanType<?>> mask,
			final long count, final double[] offset, final double[] scale)
		{
			super(source.channels(), offset, scale);
			this.source = source;
			this.mask = mask;
			this.count = count;
			this.checkFinite = !source.range().isInteger();
		}

		@Override
		long count() {
			return count;
		}

		@Override
		int distinct() {
			return -1;
		}

		/** Per-thread reading state, and the valid pixels of the block read last. */
		final class Scan {

			final PixelBlocks blocks = new PixelBlocks(source, mask);
			final float[] pts = new float[Chunks.BLOCK * nc];
			final long[] index = new long[Chunks.BLOCK];
			final float[] dist = new float[1];

			/** Reads a block and keeps its valid pixels, scaled, in {@code pts}; @return how many */
			int block(final long start, final int n) {
				blocks.read(start, n);
				final float[] buf = blocks.values;
				int m = 0;
				for (int i = 0; i < n; i++) {
					if (!blocks.inMask(i)) continue;
					final int o = i * nc;
					if (checkFinite && !finite(buf, o, nc)) continue;
					final int q = m * nc;
					for (int c = 0; c < nc; c++)
						pts[q + c] = (float) ((buf[o + c] - offset[c]) * scale[c]);
					index[m] = start + i;
					m++;
				}
				return m;
			}
		}

		@Override
		float[] sample(final int n, final SplittableRandom rng) {
			final double p = Math.min(1.0, n / (double) count);
			final long threshold = p >= 1 ? Long.MAX_VALUE : (long) (p * Long.MAX_VALUE);
			final long salt = rng.nextLong();
			final List<float[]> parts = Chunks.map(source.size(), Scan::new, (scan, start, len) -> {
				float[] out = new float[Math.max(16, (int) (len * p * 1.2) + 16) * nc];
				int m = 0;
				for (long b = start; b < start + len; b += Chunks.BLOCK) {
					final int valid = scan.block(b, (int) Math.min(Chunks.BLOCK, start + len - b));
					for (int i = 0; i < valid; i++) {
						if ((mix(scan.index[i] ^ salt) >>> 1) > threshold) continue;
						if ((m + 1) * nc > out.length) out = Arrays.copyOf(out, out.length * 2);
						System.arraycopy(scan.pts, i * nc, out, m * nc, nc);
						m++;
					}
				}
				return Arrays.copyOf(out, m * nc);
			}, Progress.NONE, "sampling");
			int total = 0;
			for (final float[] a : parts)
				total += a.length;
			final float[] s = new float[total];
			int o = 0;
			for (final float[] a : parts) {
				System.arraycopy(a, 0, s, o, a.length);
				o += a.length;
			}
			return s;
		}

		@Override
		LloydPasses passes() {
			return this::lloyd;
		}

		@Override
		Partial lloyd(final double[] centres, final int k, final Progress progress) {
			final NearestCentroid nn = new NearestCentroid(FloatArrays.toFloat(centres), k, nc);
			final List<Partial> parts = Chunks.map(source.size(), Scan::new, (scan, start, len) -> {
				final Partial p = new Partial(k, nc);
				for (long b = start; b < start + len; b += Chunks.BLOCK) {
					final int valid = scan.block(b, (int) Math.min(Chunks.BLOCK, start + len - b));
					final float[] pts = scan.pts;
					for (int i = 0; i < valid; i++) {
						final int o = i * nc;
						final int j = nn.nearest(pts, o, scan.dist);
						p.weights[j] += 1;
						for (int c = 0; c < nc; c++)
							p.sums[j * nc + c] += pts[o + c];
						p.distortion += scan.dist[0];
						if (scan.dist[0] > p.farDist) {
							p.farDist = scan.dist[0];
							System.arraycopy(pts, o, p.far, 0, nc);
						}
					}
				}
				return p;
			}, progress, "k-means refinement");
			return Partial.reduce(parts, k, nc);
		}
	}

	static boolean finite(final float[] v, final int o, final int nc) {
		for (int c = 0; c < nc; c++)
			if (!Float.isFinite(v[o + c])) return false;
		return true;
	}

	/** SplitMix64 finaliser: a well-mixed hash of a pixel index. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}
}
