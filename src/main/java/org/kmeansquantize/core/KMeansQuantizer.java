package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Learns a codebook from an image with k-means, assigns every pixel to its nearest entry, and
 * reconstructs images from labels. All methods are static, stateless and safe to call from many
 * threads at once; they use ImgLib2's current {@code Parallelization} task executor, and their
 * results do not depend on the number of threads.
 * <p>
 * Training, in order:
 * </p>
 * <ol>
 * <li>The training pixels (those in the mask, if any, with finite values) are gathered: for
 * integer images whose channels pack into 62 bits, as their distinct values with counts (an exact
 * stand-in, at most {@value TrainingSet#DISTINCT_LIMIT} values); otherwise they are streamed from
 * the image on each pass. Memory beyond the image is bounded by a constant, never by the number
 * of pixels.</li>
 * <li>One channel, distinct values known: the globally optimal k levels by dynamic programming.</li>
 * <li>Otherwise: a uniform sample of the image (or the distinct values themselves when they are
 * fewer) and, for up to four channels, a coarse stand-in of it (its points binned on a grid, each
 * bin its mean and weight: a few thousand points for a photo). Candidates (10, 6, 3 or 1 by k) are
 * seeded with greedy k-means++ and converged by Lloyd passes on the coarse stand-in (without one:
 * by mini-batch k-means on batches drawn from the sample, then Lloyd passes on the sample); the
 * best one goes on to exact Lloyd passes over all training pixels until a pass
 * lowers the distortion by less than the tolerance or the pass cap is reached (for streamed images
 * of more than four million pixels, first on a sample of a million pixels held in memory, so that
 * few passes over the image remain). Lloyd passes over values held in memory use Hamerly's bounds.
 * Empty centres are moved to the pixel farthest from its centre.</li>
 * </ol>
 * <p>
 * Entries are ordered by brightness (the sum of their scaled channel values), which makes label
 * images of one channel monotonic in intensity and keeps similar colours at nearby indices.
 * </p>
 */
public final class KMeansQuantizer {

	/**
	 * Distinct values seeded on all together, weighted, when there are at most this many and at
	 * most {@link #SEED_WORK} / k; beyond that, on a uniform sample.
	 */
	private static final int SEED_POINTS = 1 << 15;

	/** Points times centres of a k-means++ seeding on all distinct values. */
	private static final int SEED_WORK = 1 << 22;

	/**
	 * Grid cells of the coarse stand-in on which restarts are judged (six bits per channel for RGB);
	 * it is used for at most {@value #COARSE_CHANNELS} channels and more than {@value #COARSE_ABOVE}
	 * distinct values, below which the values themselves are cheap enough.
	 */
	private static final int COARSE_BINS = 1 << 18;

	private static final int COARSE_CHANNELS = 4;

	private static final int COARSE_ABOVE = 1 << 13;

	/**
	 * Entries of integer images are kept to 1/16 of a unit: they are reconstructed to whole units
	 * anyway, and short decimals keep the codebook in a file small (2-3 KB less at k = 256).
	 */
	private static final int INTEGER_STEPS = 16;

	/** RGB images of at least this many pixels count their colours in a table of all colours. */
	private static final long DENSE_COUNT_PIXELS = 1 << 22;

	/** Pixels held in memory to converge on before passes over a streamed image. */
	private static final int LARGE_SAMPLE = 1 << 20;

	private KMeansQuantizer() {}

	/**
	 * Learns a codebook.
	 *
	 * @param settings the settings
	 * @param source the image's pixels; not modified
	 * @param mask training pixels (true: train on it) over {@code source.pixelDimensions()}, or null
	 *          for all pixels; not modified
	 * @param progress progress and cancellation
	 * @return the codebook, with at most {@code settings.colors()} learned entries: fewer when the
	 *         training pixels have fewer distinct values, plus the non-finite entry when the image
	 *         has NaN or infinite values (then at most 255 learned entries)
	 * @throws IllegalArgumentException if the mask does not match the image or there is no pixel
	 *           to train on (an empty mask, an all-NaN image)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Codebook train(final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		if (mask != null && !Arrays.equals(mask.dimensionsAsLongArray(), source.pixelDimensions()))
			throw new IllegalArgumentException("the mask is " + dims(mask.dimensionsAsLongArray()) +
				" but the image's pixels are " + dims(source.pixelDimensions()));
		final int nc = source.channels();
		final long[] nonFinite = new long[1];
		final TrainingSet set = prepare(settings.scaling(), source, mask, nonFinite, progress);
		if (set.count() == 0) throw new IllegalArgumentException(mask != null
			? "the mask (ROI) holds no pixel with a finite value to train on"
			: "the image has no pixel with a finite value to train on");
		final int k = nonFinite[0] > 0 ? Math.min(settings.colors(), QuantizeSettings.MAX_COLORS - 1) : settings
			.colors();
		final SplittableRandom rng = new SplittableRandom(settings.seed());
		double[] centres;
		TrainingSet.Partial last = null;
		if (set.distinct() >= 0 && set.distinct() <= k) {
			centres = toDouble(((TrainingSet.Distinct) set).points);
		}
		else if (nc == 1 && set instanceof TrainingSet.Distinct) {
			final TrainingSet.Distinct d = (TrainingSet.Distinct) set;
			centres = OptimalLevels.solve(d.points, d.weights, k, progress);
		}
		else {
			final int sampleSize = (int) Math.min(set.count(), Math.max(1 << 16, 256L * k));
			progress.report("sampling", 0);
			// restarts run on the distinct values themselves when they are no more than a sample
			final float[] sample = set.sample(sampleSize, rng);
			final int n = sample.length / nc;
			final TrainingSet base;
			if (set.distinct() >= 0 && set.distinct() <= sampleSize) base = set;
			else base = set.unweighted(sample);
			final int ns = Math.min(n, Math.max(1 << 12, 32 * k));
			final QuantizeSettings onSample = settings.toBuilder().refine(Math.min(settings.refine(), 50)).tolerance(
				Math.max(settings.tolerance(), 1e-3)).build();
			final int restarts = restarts(k);
			// candidates converge on a coarse stand-in, far smaller than the sample
			final TrainingSet.Distinct coarse = nc <= COARSE_CHANNELS && base.distinct() > COARSE_ABOVE
				? ((TrainingSet.Distinct) base).coarse(COARSE_BINS) : null;
			centres = null;
			double best = Double.POSITIVE_INFINITY;
			for (int r = 0; r < restarts; r++) {
				progress.report("k-means++ seeding", r / (double) restarts);
				final double[] c;
				final TrainingSet.Distinct seedSet = coarse != null ? coarse : (TrainingSet.Distinct) base;
				if (seedSet.distinct() <= Math.min(SEED_POINTS, SEED_WORK / k)) {
					// every point, weighted by its count: rare colours are not missed
					c = KMeansPlusPlus.seed(seedSet.points, seedSet.weights, seedSet.weights.length, nc, k, rng);
				}
				else {
					final float[] seedPts = ns == n ? sample : draw(sample, n, nc, ns, rng);
					c = KMeansPlusPlus.seed(seedPts, null, ns, nc, k, rng);
				}
				final int mc = c.length / nc;
				if (coarse == null && settings.iterations() > 0) MiniBatchKMeans.run(c, mc, sample, n, nc, settings.batch(), settings
					.iterations(), rng, progress);
				if (restarts == 1 && coarse == null) {
					centres = c;
					break;
				}
				final TrainingSet judge = coarse != null ? coarse : base;
				final double d = onSample.refine() > 0 ? refine(judge, c, mc, onSample, sample, rng, progress).distortion
					: judge.lloyd(c, mc, null, progress).distortion;
				if (d < best) {
					best = d;
					centres = c;
				}
			}
			final int m = centres.length / nc;
			if (settings.refine() > 0 && set.distinct() < 0 && set.count() > 4L * LARGE_SAMPLE) {
				// streamed pixels: converge on a large sample in memory first, so that few passes over
				// the whole image remain
				progress.report("sampling", 0);
				final float[] large = set.sample(LARGE_SAMPLE, rng);
				refine(set.unweighted(large), centres, m, settings, large, rng, progress);
			}
			if (settings.refine() > 0) last = refine(set, centres, m, settings, sample, rng, progress);
		}
		final int m = centres.length / nc;
		if (last == null) {
			last = set.lloyd(centres, m, null, progress);
			moveToMeans(last, centres, m, nc);
		}
		return codebook(source.range(), centres, last.weights, m, set, nonFinite[0]);
	}

	/**
	 * Writes the label of every pixel: the index of its nearest codebook entry (distances weighted
	 * by {@link Codebook#channelWeight(int)}, to the entries' {@linkplain Codebook#fitted(int, int)
	 * reconstructed values}); non-finite pixels get {@link Codebook#nonFiniteLabel()}.
	 *
	 * @param codebook the codebook
	 * @param source the image's pixels; not modified
	 * @param labels written: one label per pixel, over {@code source.pixelDimensions()}
	 * @param progress progress and cancellation
	 * @return pixels per label and the reconstruction error
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or the image
	 *           has non-finite values and the codebook no entry for them
	 * @throws java.util.concurrent.CancellationException if cancelled (labels are then partly written)
	 */
	public static Assignment assign(final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		final int nc = source.channels();
		if (codebook.channels() != nc) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channels but the image has " + nc);
		if (!Arrays.equals(labels.dimensionsAsLongArray(), source.pixelDimensions()))
			throw new IllegalArgumentException("the label image is " + dims(labels.dimensionsAsLongArray()) +
				" but the image's pixels are " + dims(source.pixelDimensions()));
		final Nearest nearest = Nearest.of(codebook, source.range(), source.size());
		final PixelSource target = PixelSource.of(labels, -1);
		final int size = codebook.size();
		final float[] fitted = new float[size * nc];
		for (int i = 0; i < size; i++)
			for (int c = 0; c < nc; c++)
				fitted[i * nc + c] = (float) codebook.fitted(i, c);
		final int nonFiniteLabel = codebook.nonFiniteLabel();
		final boolean checkFinite = !source.range().isInteger();
		final List<double[]> parts = source.isDirectArgb() && target.isDirectU8() && nearest.packed() ? assignArgb(
			source, target, nearest, fitted, size, progress) : source.isDirectGrey() && target.isDirectU8() && nearest
				.table() != null && source.range().min() == 0 ? assignGrey(source, target, nearest.table(), fitted,
					size, progress) : Chunks.map(source.size(), () -> new Object[] { source
				.reader(), target.reader(), new float[Chunks.BLOCK * nc], new float[Chunks.BLOCK], nearest.context() },
				(ctx, start, len) -> {
				final PixelSource.Reader in = (PixelSource.Reader) ctx[0];
				final PixelSource.Reader out = (PixelSource.Reader) ctx[1];
				final float[] buf = (float[]) ctx[2];
				final float[] lab = (float[]) ctx[3];
				final Object cache = ctx[4];
				final double[] stats = new double[size + 2];
				for (long b = start; b < start + len; b += Chunks.BLOCK) {
					final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
					in.read(b, n, buf);
					for (int i = 0; i < n; i++) {
						final int o = i * nc;
						final int j;
						if (checkFinite && !TrainingSet.finite(buf, o, nc)) {
							if (nonFiniteLabel < 0) throw new IllegalArgumentException(
								"the image has NaN or infinite values but the codebook has no entry for them");
							j = nonFiniteLabel;
						}
						else {
							j = nearest.label(buf, o, cache);
							double e = 0;
							for (int c = 0; c < nc; c++) {
								final double d = (double) buf[o + c] - fitted[j * nc + c];
								e += d * d;
							}
							stats[size] += e;
							stats[size + 1] += nc;
						}
						lab[i] = j;
						stats[j]++;
					}
					out.write(b, n, lab);
				}
				return stats;
			}, progress, "assigning labels");
		final long[] counts = new long[size];
		double sse = 0;
		long samples = 0;
		for (final double[] s : parts) {
			for (int i = 0; i < size; i++)
				counts[i] += (long) s[i];
			sse += s[size];
			samples += (long) s[size + 1];
		}
		return new Assignment(counts, sse, samples);
	}

	/**
	 * Assignment of 8- or 16-bit unsigned grey pixels to 8-bit labels, both held in arrays, through
	 * the table of every value's label. Each task counts the values it meets (in two histograms, for
	 * alternate pixels, so that runs of one value do not wait on one counter); counts and the error
	 * follow from the summed histogram, in value order, so they do not depend on the threads. Gives
	 * the same labels and sums as the general path.
	 */
	private static List<double[]> assignGrey(final PixelSource source, final PixelSource target,
		final short[] table, final float[] fitted, final int size, final Progress progress)
	{
		final byte[] label = new byte[table.length];
		for (int v = 0; v < table.length; v++)
			label[v] = (byte) table[v];
		final Object[] in = source.planes(), out = target.planes();
		final long inSize = source.planeSize(), outSize = target.planeSize();
		final List<long[][]> histograms = Collections.synchronizedList(new ArrayList<>());
		Chunks.map(source.size(), () -> {
			final long[][] h = new long[2][table.length];
			histograms.add(h);
			return h;
		}, (h, start, len) -> {
			final long[] h0 = h[0], h1 = h[1];
			for (long p = start, end = start + len; p < end;) {
				final Object plane = in[(int) (p / inSize)];
				final byte[] lab = (byte[]) out[(int) (p / outSize)];
				final int io = (int) (p % inSize), oo = (int) (p % outSize);
				final int n = (int) Math.min(end - p, Math.min(inSize - io, outSize - oo));
				if (plane instanceof byte[]) {
					final byte[] a = (byte[]) plane;
					int i = 0;
					for (; i + 1 < n; i += 2) {
						final int v0 = a[io + i] & 0xff, v1 = a[io + i + 1] & 0xff;
						lab[oo + i] = label[v0];
						lab[oo + i + 1] = label[v1];
						h0[v0]++;
						h1[v1]++;
					}
					if (i < n) {
						final int v = a[io + i] & 0xff;
						lab[oo + i] = label[v];
						h0[v]++;
					}
				}
				else {
					final short[] a = (short[]) plane;
					int i = 0;
					for (; i + 1 < n; i += 2) {
						final int v0 = a[io + i] & 0xffff, v1 = a[io + i + 1] & 0xffff;
						lab[oo + i] = label[v0];
						lab[oo + i + 1] = label[v1];
						h0[v0]++;
						h1[v1]++;
					}
					if (i < n) {
						final int v = a[io + i] & 0xffff;
						lab[oo + i] = label[v];
						h0[v]++;
					}
				}
				p += n;
			}
			return null;
		}, progress, "assigning labels");
		final double[] stats = new double[size + 2];
		final long[] counts = new long[size];
		double sse = 0;
		for (int v = 0; v < table.length; v++) {
			long c = 0;
			for (final long[][] h : histograms)
				c += h[0][v] + h[1][v];
			if (c == 0) continue;
			counts[table[v]] += c;
			final double d = v - fitted[table[v]];
			sse += c * (d * d);
		}
		for (int j = 0; j < size; j++)
			stats[j] = counts[j];
		stats[size] = sse;
		stats[size + 1] = source.size();
		return Collections.singletonList(stats);
	}

	/**
	 * Assignment of packed RGB pixels to 8-bit labels, both held in arrays: integer arithmetic only.
	 * Gives the same labels and sums as the general path.
	 */
	private static List<double[]> assignArgb(final PixelSource source, final PixelSource target,
		final Nearest nearest, final float[] fitted, final int size, final Progress progress)
	{
		final int nc = source.channels();
		final Object[] in = source.planes(), out = target.planes();
		final long inSize = source.planeSize(), outSize = target.planeSize();
		final int[] fr = new int[size], fg = new int[size], fb = new int[size], fa = new int[size];
		for (int j = 0; j < size; j++) {
			fr[j] = (int) fitted[j * nc];
			fg[j] = (int) fitted[j * nc + 1];
			fb[j] = (int) fitted[j * nc + 2];
			fa[j] = nc == 4 ? (int) fitted[j * nc + 3] : 0;
		}
		return Chunks.map(source.size(), nearest::context, (ctx, start, len) -> {
			final long[] counts = new long[size];
			long sse = 0;
			for (long p = start, end = start + len; p < end;) {
				final int[] argb = (int[]) in[(int) (p / inSize)];
				final byte[] lab = (byte[]) out[(int) (p / outSize)];
				final int io = (int) (p % inSize), oo = (int) (p % outSize);
				final int n = (int) Math.min(end - p, Math.min(inSize - io, outSize - oo));
				for (int i = 0; i < n; i++) {
					final int v = argb[io + i];
					final int r = (v >>> 16) & 0xff, g = (v >>> 8) & 0xff, b = v & 0xff;
					long key = r | (g << 8) | (b << 16);
					if (nc == 4) key |= (long) (v >>> 24) << 24;
					final int j = nearest.labelOfKey(key, ctx);
					lab[oo + i] = (byte) j;
					counts[j]++;
					final int dr = r - fr[j], dg = g - fg[j], db = b - fb[j];
					int e = dr * dr + dg * dg + db * db;
					if (nc == 4) {
						final int da = (v >>> 24) - fa[j];
						e += da * da;
					}
					sse += e;
				}
				p += n;
			}
			final double[] stats = new double[size + 2];
			for (int j = 0; j < size; j++)
				stats[j] = counts[j];
			stats[size] = sse;
			stats[size + 1] = (double) len * nc;
			return stats;
		}, progress, "assigning labels");
	}

	/**
	 * Replaces every label by its entry's {@linkplain Codebook#fitted(int, int) reconstructed
	 * values}.
	 *
	 * @param codebook the codebook
	 * @param labels one label per pixel; not modified
	 * @param target written: its pixels over {@code labels}' dimensions, {@code codebook.channels()}
	 *          values each
	 * @param progress progress and cancellation
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or a label has
	 *           no entry in the codebook
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static void reconstruct(final Codebook codebook, final RandomAccessibleInterval<UnsignedByteType> labels,
		final PixelSource target, final Progress progress)
	{
		final int nc = target.channels();
		if (codebook.channels() != nc) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channels but the target image has " + nc);
		if (!Arrays.equals(labels.dimensionsAsLongArray(), target.pixelDimensions()))
			throw new IllegalArgumentException("the label image is " + dims(labels.dimensionsAsLongArray()) +
				" but the target's pixels are " + dims(target.pixelDimensions()));
		final int size = codebook.size();
		final float[] fitted = new float[size * nc];
		for (int i = 0; i < size; i++)
			for (int c = 0; c < nc; c++)
				fitted[i * nc + c] = (float) codebook.fitted(i, c);
		final PixelSource in = PixelSource.of(labels, -1);
		Chunks.map(in.size(), () -> new Object[] { in.reader(), target.reader(), new float[Chunks.BLOCK],
			new float[Chunks.BLOCK * nc] }, (ctx, start, len) -> {
				final PixelSource.Reader lr = (PixelSource.Reader) ctx[0];
				final PixelSource.Reader tw = (PixelSource.Reader) ctx[1];
				final float[] lab = (float[]) ctx[2];
				final float[] buf = (float[]) ctx[3];
				for (long b = start; b < start + len; b += Chunks.BLOCK) {
					final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
					lr.read(b, n, lab);
					for (int i = 0; i < n; i++) {
						final int j = (int) lab[i];
						if (j >= size) throw new IllegalArgumentException("label " + j +
							" has no entry in the codebook (it has " + size + ")");
						System.arraycopy(fitted, j * nc, buf, i * nc, nc);
					}
					tw.write(b, n, buf);
				}
				return null;
			}, progress, "reconstructing");
	}

	// -- training steps --

	static TrainingSet prepare(final ChannelScaling scaling, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final long[] nonFinite,
		final Progress progress)
	{
		final int nc = source.channels();
		final Packing packing = Packing.of(source.range(), nc);
		if (packing != null) {
			final TrainingSet d = distinct(scaling, source, mask, packing, nonFinite, progress);
			if (d != null) return d;
		}
		// statistics pass: training count, non-finite count, per-channel sums
		final boolean checkFinite = !source.range().isInteger();
		final List<double[]> parts = Chunks.map(source.size(), () -> new Object[] { source.reader(), mask == null
			? null : new MaskReader(mask), new float[Chunks.BLOCK * nc], new boolean[Chunks.BLOCK] }, (ctx, start,
				len) -> {
				final PixelSource.Reader r = (PixelSource.Reader) ctx[0];
				final MaskReader mr = (MaskReader) ctx[1];
				final float[] buf = (float[]) ctx[2];
				final boolean[] in = (boolean[]) ctx[3];
				final double[] s = new double[2 + 2 * nc];
				for (long b = start; b < start + len; b += Chunks.BLOCK) {
					final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
					r.read(b, n, buf);
					if (mr != null) mr.read(b, n, in);
					for (int i = 0; i < n; i++) {
						final int o = i * nc;
						if (checkFinite && !TrainingSet.finite(buf, o, nc)) {
							s[1]++;
							continue;
						}
						if (mr != null && !in[i]) continue;
						s[0]++;
						for (int c = 0; c < nc; c++) {
							s[2 + c] += buf[o + c];
							s[2 + nc + c] += (double) buf[o + c] * buf[o + c];
						}
					}
				}
				return s;
			}, progress, "reading");
		final double[] total = new double[2 + 2 * nc];
		for (final double[] s : parts)
			for (int i = 0; i < total.length; i++)
				total[i] += s[i];
		nonFinite[0] = (long) total[1];
		final double[] offset = new double[nc], scale = new double[nc];
		scalingOf(scaling, total[0], Arrays.copyOfRange(total, 2, 2 + nc), Arrays.copyOfRange(total, 2 + nc, 2 +
			2 * nc), offset, scale);
		return new TrainingSet.Streamed(source, mask, (long) total[0], offset, scale);
	}

	private static TrainingSet distinct(final ChannelScaling scaling, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Packing packing,
		final long[] nonFinite, final Progress progress)
	{
		final int nc = source.channels();
		if (mask == null && nc == 3 && source.isDirectArgb() && source.size() >= DENSE_COUNT_PIXELS && source
			.size() <= Integer.MAX_VALUE)
		{
			final long[][] kc = countRgbDense(source, progress);
			return kc == null ? null : distinctSet(scaling, packing, nc, kc[0], kc[1]);
		}
		final boolean checkFinite = !source.range().isInteger();
		final java.util.concurrent.atomic.AtomicLong nonFiniteCount = new java.util.concurrent.atomic.AtomicLong();
		final List<DistinctCounter> counters = Collections.synchronizedList(new ArrayList<>());
		final List<Boolean> ok = Chunks.map(source.size(), () -> {
			final DistinctCounter counter = new DistinctCounter(TrainingSet.DISTINCT_LIMIT);
			counters.add(counter);
			return new Object[] { source.reader(), mask == null ? null : new MaskReader(mask),
				new float[Chunks.BLOCK * nc], new boolean[Chunks.BLOCK], counter };
		}, (ctx, start, len) -> {
			final PixelSource.Reader r = (PixelSource.Reader) ctx[0];
			final MaskReader mr = (MaskReader) ctx[1];
			final float[] buf = (float[]) ctx[2];
			final boolean[] in = (boolean[]) ctx[3];
			final DistinctCounter counter = (DistinctCounter) ctx[4];
			if (mr == null && source.isDirectArgb()) return countArgb(source, counter, start, len);
			long run = -1, runCount = 0;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				r.read(b, n, buf);
				if (mr != null) mr.read(b, n, in);
				for (int i = 0; i < n; i++) {
					if (checkFinite && !TrainingSet.finite(buf, i * nc, nc)) {
						nonFiniteCount.incrementAndGet();
						continue;
					}
					if (mr != null && !in[i]) continue;
					final long key = packing.key(buf, i * nc);
					if (key == run) runCount++;
					else {
						if (runCount > 0 && !counter.add(run, runCount)) return false;
						run = key;
						runCount = 1;
					}
				}
			}
			return runCount == 0 || counter.add(run, runCount);
		}, progress, "counting distinct values");
		if (ok.contains(Boolean.FALSE)) return null;
		nonFinite[0] = nonFiniteCount.get();
		final DistinctCounter all;
		if (counters.size() == 1) all = counters.get(0);
		else {
			all = new DistinctCounter(TrainingSet.DISTINCT_LIMIT);
			for (final DistinctCounter c : counters)
				if (!all.addAll(c)) return null;
		}
		final long[][] kc = all.sorted();
		return distinctSet(scaling, packing, nc, kc[0], kc[1]);
	}

	/** The training set of distinct values (keys ascending) and their counts. */
	private static TrainingSet.Distinct distinctSet(final ChannelScaling scaling, final Packing packing, final int nc,
		final long[] keys, final long[] counts)
	{
		final int d = keys.length;
		final float[] values = new float[d * nc];
		for (int i = 0; i < d; i++)
			packing.unpack(keys[i], values, i * nc);
		final double[] sum = new double[nc], sq = new double[nc];
		double n = 0;
		for (int i = 0; i < d; i++) {
			n += counts[i];
			for (int c = 0; c < nc; c++) {
				final double v = values[i * nc + c];
				sum[c] += counts[i] * v;
				sq[c] += counts[i] * v * v;
			}
		}
		final double[] offset = new double[nc], scale = new double[nc];
		scalingOf(scaling, n, sum, sq, offset, scale);
		for (int i = 0; i < d; i++)
			for (int c = 0; c < nc; c++)
				values[i * nc + c] = (float) ((values[i * nc + c] - offset[c]) * scale[c]);
		return new TrainingSet.Distinct(nc, offset, scale, keys, values, counts);
	}

	/**
	 * Counts the colours of a big RGB image held in arrays in one table of all 2<sup>24</sup> colours
	 * (64 MiB, far less than a hash table's misses cost on millions of pixels), on several threads:
	 * each counts the colours of its own 16-colour blocks of the table, so no two threads write one
	 * cache line.
	 *
	 * @return {keys ascending, counts}, keyed as {@link Packing#key} does, or null if there are more
	 *         than {@link TrainingSet#DISTINCT_LIMIT} distinct colours
	 */
	private static long[][] countRgbDense(final PixelSource source, final Progress progress) {
		final int[] counts = new int[1 << 24];
		final Object[] planes = source.planes();
		final long planeSize = source.planeSize(), size = source.size();
		// one task per thread, each scanning every pixel (reading is cheap) and counting its own colours
		final int tasks = Integer.highestOneBit(Math.max(1, Math.min(8, Parallelization.getTaskExecutor()
			.getParallelism())));
		final List<Integer> owners = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			owners.add(t);
		final int ownerMask = tasks - 1;
		Parallelization.getTaskExecutor().forEach(owners, t -> {
			for (long p = 0; p < size;) {
				progress.checkCanceled();
				final int[] argb = (int[]) planes[(int) (p / planeSize)];
				final int off = (int) (p % planeSize);
				final int n = (int) Math.min(size - p, planeSize - off);
				for (int i = off; i < off + n; i++) {
					final int v = argb[i];
					final int key = ((v >>> 16) & 0xff) | (v & 0xff00) | ((v & 0xff) << 16);
					if (((key >>> 4) & ownerMask) == t) counts[key]++;
				}
				p += n;
			}
		});
		progress.report("counting distinct values", 1);
		int d = 0;
		for (final int c : counts)
			if (c != 0) d++;
		if (d > TrainingSet.DISTINCT_LIMIT) return null;
		final long[] keys = new long[d], n = new long[d];
		for (int key = 0, j = 0; key < counts.length; key++)
			if (counts[key] != 0) {
				keys[j] = key;
				n[j++] = counts[key];
			}
		return new long[][] { keys, n };
	}

	/** Counts the colours of packed RGB pixels held in arrays, keyed as {@link Packing#key} does. */
	private static boolean countArgb(final PixelSource source, final DistinctCounter counter, final long start,
		final long len)
	{
		final boolean alpha = source.channels() == 4;
		final Object[] planes = source.planes();
		final long planeSize = source.planeSize();
		long run = -1, runCount = 0;
		for (long p = start, end = start + len; p < end;) {
			final int[] argb = (int[]) planes[(int) (p / planeSize)];
			final int off = (int) (p % planeSize);
			final int n = (int) Math.min(end - p, planeSize - off);
			for (int i = off; i < off + n; i++) {
				final int v = argb[i];
				long key = ((v >>> 16) & 0xff) | (v & 0xff00) | ((v & 0xff) << 16);
				if (alpha) key |= (long) (v >>> 24) << 24;
				if (key == run) runCount++;
				else {
					if (runCount > 0 && !counter.add(run, runCount)) return false;
					run = key;
					runCount = 1;
				}
			}
			p += n;
		}
		return runCount == 0 || counter.add(run, runCount);
	}

	private static void scalingOf(final ChannelScaling scaling, final double n, final double[] sum,
		final double[] sq, final double[] offset, final double[] scale)
	{
		for (int c = 0; c < offset.length; c++) {
			if (scaling == ChannelScaling.STANDARDIZE && n > 0) {
				final double mean = sum[c] / n;
				final double var = Math.max(0, sq[c] / n - mean * mean);
				offset[c] = mean;
				scale[c] = var > 0 ? 1 / Math.sqrt(var) : 1;
			}
			else {
				offset[c] = 0;
				scale[c] = 1;
			}
		}
	}

	private static TrainingSet.Partial refine(final TrainingSet set, final double[] centres, final int m,
		final QuantizeSettings settings, final float[] sample, final SplittableRandom rng, final Progress progress)
	{
		final int nc = set.nc;
		double prev = Double.POSITIVE_INFINITY;
		TrainingSet.Partial last = null;
		final Object state = set.newState();
		for (int pass = 0; pass < settings.refine(); pass++) {
			final TrainingSet.Partial p = set.lloyd(centres, m, state, progress);
			final double d = p.distortion;
			moveToMeans(p, centres, m, nc);
			boolean relocated = false;
			for (int j = 0; j < m; j++) {
				if (p.weights[j] > 0) continue;
				// an empty centre: the first to the pixel farthest from its centre, others to the sample
				final int s = rng.nextInt(sample.length / nc);
				for (int c = 0; c < nc; c++)
					centres[j * nc + c] = relocated ? sample[s * nc + c] : p.far[c];
				relocated = true;
			}
			last = p;
			if (!relocated && (d <= 0 || (prev < Double.POSITIVE_INFINITY && prev - d <= settings.tolerance() * prev)))
				break;
			prev = d;
		}
		return last;
	}

	/** Moves every centre that received pixels to their mean; empty centres stay where they are. */
	private static void moveToMeans(final TrainingSet.Partial p, final double[] centres, final int m, final int nc) {
		for (int j = 0; j < m; j++)
			if (p.weights[j] > 0) for (int c = 0; c < nc; c++)
				centres[j * nc + c] = p.sums[j * nc + c] / p.weights[j];
	}

	private static Codebook codebook(final SampleRange range, final double[] centres, final double[] weights,
		final int m, final TrainingSet set, final long nonFinite)
	{
		final long[] counts = new long[m];
		for (int i = 0; i < m; i++)
			counts[i] = Math.round(weights[i]);
		return codebook(range, centres, counts, m, set.nc, set.scale, set.offset, nonFinite);
	}

	/**
	 * The codebook of learned centres: centres without pixels dropped, the others ordered by
	 * brightness (the sum of their scaled values; ties by value, then index), converted to input
	 * units and {@linkplain #shortened shortened}, and the non-finite entry last if there were
	 * non-finite pixels.
	 *
	 * @param centres {@code m * nc} centres in scaled units ({@code (value - offset) * scale})
	 * @param counts pixels per centre
	 */
	static Codebook codebook(final SampleRange range, final double[] centres, final long[] counts, final int m,
		final int nc, final double[] scale, final double[] offset, final long nonFinite)
	{
		final List<Integer> used = new ArrayList<>();
		for (int j = 0; j < m; j++)
			if (counts[j] > 0) used.add(j);
		final double[] brightness = new double[m];
		for (int j = 0; j < m; j++)
			for (int c = 0; c < nc; c++)
				brightness[j] += centres[j * nc + c];
		used.sort((a, b) -> {
			if (brightness[a] != brightness[b]) return Double.compare(brightness[a], brightness[b]);
			for (int c = 0; c < nc; c++) {
				final int r = Double.compare(centres[a * nc + c], centres[b * nc + c]);
				if (r != 0) return r;
			}
			return Integer.compare(a, b);
		});
		final int size = used.size() + (nonFinite > 0 ? 1 : 0);
		final double[][] values = new double[size][nc];
		final long[] entryCounts = new long[size];
		for (int i = 0; i < used.size(); i++) {
			final int j = used.get(i);
			for (int c = 0; c < nc; c++)
				values[i][c] = shortened(range, centres[j * nc + c] / scale[c] + offset[c]);
			entryCounts[i] = counts[j];
		}
		if (nonFinite > 0) {
			Arrays.fill(values[size - 1], Double.NaN);
			entryCounts[size - 1] = nonFinite;
		}
		return new Codebook(values, entryCounts, range, nonFinite > 0, scale.clone());
	}

	/**
	 * An entry's value kept to 1/{@value #INTEGER_STEPS} of a unit for integer images, where its
	 * reconstruction (the value rounded into the type) stays that of the unrounded value.
	 */
	private static double shortened(final SampleRange range, final double v) {
		if (!range.isInteger()) return v;
		double s = Math.round(v * INTEGER_STEPS) / (double) INTEGER_STEPS;
		if (range.fit(s) != range.fit(v)) s += (v < s ? -1.0 : 1.0) / INTEGER_STEPS;
		return s;
	}

	/** Candidate solutions tried on the sample: small k has the most distinct local minima. */
	private static int restarts(final int k) {
		return k <= 8 ? 10 : k <= 16 ? 6 : k <= 64 ? 3 : 1;
	}

	private static float[] draw(final float[] pts, final int n, final int nc, final int m,
		final SplittableRandom rng)
	{
		final float[] s = new float[m * nc];
		for (int i = 0; i < m; i++)
			System.arraycopy(pts, rng.nextInt(n) * nc, s, i * nc, nc);
		return s;
	}

	private static double[] toDouble(final float[] a) {
		final double[] d = new double[a.length];
		for (int i = 0; i < a.length; i++)
			d[i] = a[i];
		return d;
	}

	static String dims(final long[] d) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < d.length; i++)
			sb.append(i == 0 ? "" : "x").append(d[i]);
		return sb.toString();
	}
}
