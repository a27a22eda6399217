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

	/** Buckets, at most, of the guide table of a weighted sample's draws (see {@code Distinct.sample}). */
	private static final int GUIDE_BUCKETS = 1 << 14;

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

	/**
	 * One exact Lloyd pass: assignment to {@code centres} and the sums for the update.
	 *
	 * @param state from {@link #newState()}, carried across the passes of one refinement (bounds that
	 *          let most points skip the search), or null
	 */
	abstract Partial lloyd(double[] centres, int k, Bounds state, Progress progress);

	/** @return state for successive {@link #lloyd} passes, or null if this set keeps none */
	abstract Bounds newState();

	/**
	 * Hamerly's bounds, carried across the Lloyd passes of one refinement: per point, its centre and
	 * a lower bound on the distance to any other, and the centres of the pass before.
	 */
	static final class Bounds {

		final int[] assign;
		final double[] lower;
		double[] previous;

		Bounds(final int n) {
			assign = new int[n];
			Arrays.fill(assign, -1);
			lower = new double[n];
		}
	}

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
		/**
		 * For the sample's draws: {@code guide[b]} is the point that draw {@code b << guideShift}
		 * picks, so a draw in {@code [b << guideShift, (b + 1) << guideShift)} is searched for only
		 * from {@code guide[b]} to {@code guide[b + 1]}.
		 */
		private int[] guide;
		private int guideShift;

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
			if (cumulative == null) {
				cumulative = new long[weights.length];
				long t = 0;
				for (int i = 0; i < weights.length; i++)
					cumulative[i] = t += weights[i];
				int shift = 0;
				while ((total - 1) >>> shift >= GUIDE_BUCKETS)
					shift++;
				final int buckets = (int) ((total - 1) >>> shift) + 1;
				guide = new int[buckets + 1];
				for (int b = 0, i = 0; b <= buckets; b++) {
					final long r = Math.min(total - 1, (long) b << shift);
					while (cumulative[i] <= r)
						i++;
					guide[b] = i;
				}
				guideShift = shift;
			}
			final int m = (int) Math.min(n, total);
			final float[] s = new float[m * nc];
			for (int j = 0; j < m; j++) {
				final long r = rng.nextLong(total);
				final int b = (int) (r >>> guideShift);
				// the first point whose cumulative weight exceeds r: between the guide's two
				int i = Arrays.binarySearch(cumulative, guide[b], guide[b + 1] + 1, r);
				i = i >= 0 ? i + 1 : -i - 1;
				for (int c = 0; c < nc; c++)
					s[j * nc + c] = points[i * nc + c];
			}
			return s;
		}

		/**
		 * A coarse stand-in: the points binned on a regular grid over their bounding box, each bin
		 * represented by the weighted mean of its points and their total weight. Exact in weight and
		 * mean, it only loses the spread within a bin, so k-means on it lands near k-means on this set.
		 *
		 * @param maxBins most grid cells (a power of two); each channel gets {@code log2(maxBins) / nc} bits
		 * @return the occupied bins, in grid order
		 */
		Distinct coarse(final int maxBins) {
			final int bits = Math.max(1, Integer.numberOfTrailingZeros(maxBins) / nc);
			final int levels = 1 << bits;
			final int n = weights.length;
			final double[] lo = new double[nc];
			final double[] step = FloatArrays.gridScale(points, n, nc, levels, lo);
			final int cells = 1 << (bits * nc);
			final long[] w = new long[cells];
			final double[] sum = new double[cells * nc];
			for (int i = 0; i < n; i++) {
				int cell = 0;
				for (int c = 0; c < nc; c++)
					cell = (cell << bits) | Math.min(levels - 1, (int) ((points[i * nc + c] - lo[c]) * step[c]));
				final long wi = weights[i];
				w[cell] += wi;
				for (int c = 0; c < nc; c++)
					sum[cell * nc + c] += (double) wi * points[i * nc + c];
			}
			int m = 0;
			for (final long x : w)
				if (x > 0) m++;
			final float[] pts = new float[m * nc];
			final long[] cw = new long[m];
			for (int cell = 0, j = 0; cell < cells; cell++) {
				if (w[cell] == 0) continue;
				cw[j] = w[cell];
				for (int c = 0; c < nc; c++)
					pts[j * nc + c] = (float) (sum[cell * nc + c] / w[cell]);
				j++;
			}
			return new Distinct(nc, offset, scale, null, pts, cw);
		}

		@Override
		Bounds newState() {
			return new Bounds(weights.length);
		}

		/**
		 * Hamerly's exact Lloyd pass (Hamerly 2010): a point whose distance to its own centre is at
		 * most half the distance from that centre to any other, or at most its lower bound on the
		 * distance to every other centre, keeps its centre without a search.
		 */
		@Override
		Partial lloyd(final double[] centres, final int k, final Bounds state, final Progress progress) {
			final float[] cf = FloatArrays.toFloat(centres);
			final NearestCentroid nn = new NearestCentroid(cf, k, nc);
			final Bounds b = state == null ? new Bounds(weights.length) : state;
			// how far each centre moved since the last pass
			double maxMove = 0, secondMove = 0;
			int maxAt = -1;
			if (b.previous != null && b.previous.length == centres.length) {
				for (int j = 0; j < k; j++) {
					double s = 0;
					for (int c = 0; c < nc; c++) {
						final double d = centres[j * nc + c] - b.previous[j * nc + c];
						s += d * d;
					}
					final double move = Math.sqrt(s);
					if (move > maxMove) {
						secondMove = maxMove;
						maxMove = move;
						maxAt = j;
					}
					else if (move > secondMove) secondMove = move;
				}
			}
			else Arrays.fill(b.assign, -1);
			b.previous = centres.clone();
			// half the distance from each centre to its nearest other centre
			final double[] half = new double[k];
			Arrays.fill(half, Double.POSITIVE_INFINITY);
			for (int j = 0; j < k; j++)
				for (int j2 = j + 1; j2 < k; j2++) {
					final double d = Math.sqrt(NearestCentroid.dist2(cf, j * nc, cf, j2 * nc, nc, Float.POSITIVE_INFINITY)) /
						2;
					if (d < half[j]) half[j] = d;
					if (d < half[j2]) half[j2] = d;
				}
			final double mm = maxMove, sm = secondMove;
			final int ma = maxAt;
			final int d = weights.length;
			final List<Partial> parts = Chunks.map(d, Chunks.POINTS, () -> new float[2], (dist, start, len) -> {
				final Partial p = new Partial(k, nc);
				for (int i = (int) start, end = (int) (start + len); i < end; i++) {
					final int o = i * nc;
					int j = b.assign[i];
					float d2 = 0;
					boolean search = true;
					if (j >= 0) {
						final double lower = b.lower[i] - (j == ma ? sm : mm);
						b.lower[i] = lower;
						d2 = NearestCentroid.dist2(points, o, cf, j * nc, nc, Float.POSITIVE_INFINITY);
						final double u = Math.sqrt(d2);
						search = u > Math.max(half[j], lower);
					}
					if (search) {
						j = nn.nearest2(points, o, dist);
						d2 = dist[0];
						b.assign[i] = j;
						b.lower[i] = Math.sqrt(dist[1]);
					}
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
		Bounds newState() {
			return null;
		}

		@Override
		Partial lloyd(final double[] centres, final int k, final Bounds state, final Progress progress) {
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
