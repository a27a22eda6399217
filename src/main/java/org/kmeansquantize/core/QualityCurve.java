package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/**
 * Distortion against the number of codebook entries: the mean squared error (MSE) and the PSNR of
 * an image quantized with k entries, for k on a logarithmic scale from 2 to 256 ({@link #DEFAULT_KS},
 * capped by the number of distinct values), from one run over the image. Immutable.
 * <p>
 * How it is computed: the training pixels are prepared once, as {@link KMeansQuantizer#train} does
 * (distinct values with counts for integer images, otherwise streamed from the image), always in
 * input units (no channel scaling: the MSE is measured in input units).
 * </p>
 * <ul>
 * <li>One channel with distinct values: the globally optimal levels for every k, read back from one
 * run of the dynamic programme up to the largest k (what {@code train} computes for one k).</li>
 * <li>Otherwise, warm-started: k-means++ seeding for the smallest k and Lloyd passes, then for
 * each larger k the previous centres are kept, the missing ones added by k-means++ on the same
 * points, and Lloyd passes ({@link Convergence}: over-relaxed) run again until the distortion
 * drops by less than {@value #TOLERANCE} of itself (at most {@value #PASSES} passes). For k up to 64, where local
 * minima differ most, a few fresh k-means++ seedings compete with the warm start after
 * {@value #SHORT_PASSES} passes at most and the best goes on (fewer than {@code train}'s restarts).
 * The points are the distinct values with their counts where there are at most
 * {@value #MAX_POINTS} of them, else a uniform sample of {@value #MAX_POINTS} training pixels;
 * in the second case, where the distinct values are known (at most 2^20), at most
 * {@value #FULL_PASSES} more passes run on all of them (Hamerly's bounds keep those cheap).</li>
 * </ul>
 * <p>
 * The MSE at every k is exact: the entries are rounded into the image's type as a reconstruction
 * holds them, and one pass over all training pixels (the distinct values with their counts where
 * known) measures every pixel's squared distance to its nearest entry, per value (pixels times
 * channels). Without restarts and with few passes the curve's MSE is slightly above what
 * {@code train} reaches at the same k (a few per cent for several channels; equal for one channel).
 * </p>
 * <p>
 * <b>PSNR</b> is the project's one definition, {@link Psnr}, with the peak of the whole image (255
 * for 8-bit and RGB, 4095 for 12-bit data in 16-bit files, the finite values' range for float data).
 * </p>
 * <p>
 * <b>Knee</b>: Kneedle (Satopää et al. 2011) on log k against MSE: both are normalised to 0..1 over
 * the curve, and the knee is the k whose point lies farthest below the straight line from the first
 * point to the last, i.e. where the normalised MSE drop has run most ahead of log k. Beyond it,
 * doubling k buys less than it did before.
 * </p>
 */
public final class QualityCurve {

	/** The default values of k: 2 to 256, about &radic;2 apart. */
	public static final int[] DEFAULT_KS = { 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256 };

	/** Most points Lloyd passes run on: distinct values with counts, or a sample of pixels. */
	static final int MAX_POINTS = 1 << 16;

	/** Most Lloyd passes per k. */
	static final int PASSES = 100;

	/** Most Lloyd passes on all distinct values after those on a sample of them. */
	static final int FULL_PASSES = 10;

	/** Most Lloyd passes of a candidate solution. */
	static final int SHORT_PASSES = 20;

	/** Relative drop in distortion below which the passes of a candidate stop. */
	static final double SHORT_TOLERANCE = 1e-3;

	/** Relative drop in distortion below which the passes for one k stop. */
	static final double TOLERANCE = 1e-5;

	private final int[] ks;
	private final double[] mse;
	private final double peak;
	private final int knee;

	/**
	 * @param ks values of k, ascending (copied)
	 * @param mse MSE per value at each k, in input units squared (copied)
	 * @param peak the peak value for PSNR
	 * @throws IllegalArgumentException if the arrays differ in length or are empty
	 */
	public QualityCurve(final int[] ks, final double[] mse, final double peak) {
		if (ks.length == 0 || ks.length != mse.length) throw new IllegalArgumentException(
			"a quality curve needs one MSE per k, and at least one");
		this.ks = ks.clone();
		this.mse = mse.clone();
		this.peak = peak;
		this.knee = kneedle(this.ks, this.mse);
	}

	/**
	 * Computes the curve for {@link #DEFAULT_KS}.
	 *
	 * @param settings only the seed is used
	 * @param source the image's pixels; not modified
	 * @param mask training pixels (true: measure it) over {@code source.pixelDimensions()}, or null
	 *          for all
	 * @param progress progress and cancellation
	 * @return the curve
	 * @throws IllegalArgumentException if there is no finite pixel (in the mask)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static QualityCurve compute(final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		return compute(DEFAULT_KS, settings, source, mask, progress);
	}

	/**
	 * Computes the curve for given values of k.
	 *
	 * @param ks values of k wanted, ascending, 1 to 256; those above the number of distinct values
	 *          are replaced by that number (255 at most when the image has non-finite values, as
	 *          one entry is theirs)
	 * @param settings only the seed is used
	 * @param source the image's pixels; not modified
	 * @param mask training pixels over {@code source.pixelDimensions()}, or null for all
	 * @param progress progress and cancellation
	 * @return the curve
	 * @throws IllegalArgumentException if {@code ks} is not ascending within 1..256 or there is no
	 *           finite pixel (in the mask)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static QualityCurve compute(final int[] ks, final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		for (int i = 0; i < ks.length; i++)
			if (ks[i] < 1 || ks[i] > QuantizeSettings.MAX_COLORS || (i > 0 && ks[i] <= ks[i - 1]))
				throw new IllegalArgumentException("the values of k must ascend within 1..256");
		final int nc = source.channels();
		final TrainingPixels pixels = TrainingPixels.prepare(ChannelScaling.NONE, source, mask, progress);
		final TrainingSet set = pixels.set;
		if (set.count() == 0) throw new IllegalArgumentException(mask != null
			? "the mask (ROI) holds no pixel with a finite value"
			: "the image has no pixel with a finite value");
		final int[] used = capped(ks, set.distinct() >= 0 ? set.distinct() : Integer.MAX_VALUE, CodebookBuilder
			.learnedEntries(QuantizeSettings.MAX_COLORS, pixels.nonFinite > 0));
		final double peak = mask == null && set instanceof TrainingSet.Distinct ? distinctPeak(source.range(),
			(TrainingSet.Distinct) set) : Psnr.extent(source, progress).peak();
		final double[] mse = new double[used.length];
		final SampleRange range = source.range();
		if (nc == 1 && set instanceof TrainingSet.Distinct) {
			final TrainingSet.Distinct d = (TrainingSet.Distinct) set;
			final double[][] levels = OptimalLevels.solveAll(d.points, d.weights, used, progress);
			for (int i = 0; i < used.length; i++)
				mse[i] = measure(set, levels[i], range, progress);
			return new QualityCurve(used, mse, peak);
		}
		final SplittableRandom rng = new SplittableRandom(settings.seed());
		final TrainingSet points;
		if (set.distinct() >= 0 && set.distinct() <= MAX_POINTS) points = set;
		else points = set.unweighted(set.sample(MAX_POINTS, rng));
		final TrainingSet.Distinct pd = (TrainingSet.Distinct) points;
		final int n = pd.weights.length;
		final long[] w = points == set ? pd.weights : null;
		double[] centres = null;
		for (int i = 0; i < used.length; i++) {
			progress.checkCanceled();
			progress.report("quality curve", i / (double) used.length);
			final int k = used[i];
			if (k >= n && points == set) centres = FloatArrays.toDouble(pd.points);
			else {
				// candidates: the previous centres extended, and fresh seedings where k is small enough
				// that local minima differ most (fewer than train's restarts); the best after a short
				// run of passes is run to convergence
				double[] best = null;
				double bestD = Double.POSITIVE_INFINITY;
				final int candidates = centres == null ? Math.max(1, restarts(k)) : restarts(k);
				for (int r = 0; r < candidates; r++) {
					final double[] c = r == 0 && centres != null ? KMeansPlusPlus.extend(pd.points, w, n, nc, centres, k,
						rng) : KMeansPlusPlus.seed(pd.points, w, n, nc, k, rng);
					final double d = lloyd(points, c, nc, SHORT_PASSES, SHORT_TOLERANCE, progress);
					if (d < bestD) {
						bestD = d;
						best = c;
					}
				}
				centres = best;
				lloyd(points, centres, nc, PASSES, TOLERANCE, progress);
				if (points != set && set instanceof TrainingSet.Distinct) lloyd(set, centres, nc, FULL_PASSES,
					TOLERANCE, progress);
			}
			mse[i] = measure(set, centres, range, progress);
		}
		return new QualityCurve(used, mse, peak);
	}

	/** @return the number of points on the curve */
	public int size() {
		return ks.length;
	}

	/**
	 * @param i a point, 0 to {@link #size()} - 1
	 * @return its k
	 */
	public int k(final int i) {
		return ks[i];
	}

	/**
	 * @param i a point
	 * @return the MSE per value (pixels times channels) at its k, in input units squared
	 */
	public double mse(final int i) {
		return mse[i];
	}

	/**
	 * @param i a point
	 * @return the PSNR at its k in dB; infinite where the MSE is 0
	 */
	public double psnr(final int i) {
		return Psnr.of(mse[i], peak);
	}

	/** @return the peak value of the PSNR ({@link Psnr}) of the image */
	public double peak() {
		return peak;
	}

	/** @return the point at the knee of the curve (Kneedle, see the class description); 0 for a curve of fewer than three points */
	public int knee() {
		return knee;
	}

	/**
	 * @param targetPsnr a PSNR in dB
	 * @return the first point (smallest k) whose PSNR reaches {@code targetPsnr}, or -1 if none does
	 */
	public int smallestReaching(final double targetPsnr) {
		for (int i = 0; i < ks.length; i++)
			if (psnr(i) >= targetPsnr) return i;
		return -1;
	}

	// -- computation --

	private static int[] capped(final int[] ks, final int distinct, final int most) {
		final int cap = Math.min(distinct, most);
		final List<Integer> out = new ArrayList<>();
		for (final int k : ks) {
			final int c = Math.min(k, cap);
			if (out.isEmpty() || out.get(out.size() - 1) < c) out.add(c);
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Candidate solutions per {@linkplain Training#restartBand(int) band of k}. */
	private static final int[] CANDIDATES = { 6, 4, 2, 1 };

	/** Candidate solutions per k: the warm start, and up to 64 also fresh seedings. */
	private static int restarts(final int k) {
		return CANDIDATES[Training.restartBand(k)];
	}

	/**
	 * Lloyd passes ({@link Convergence}) from the given centres, which are updated; the first empty
	 * centre of a pass moves to the farthest point.
	 *
	 * @return the distortion of the last pass
	 */
	private static double lloyd(final TrainingSet points, final double[] centres, final int nc, final int passes,
		final double tolerance, final Progress progress)
	{
		final TrainingSet.Partial p = Convergence.run(points.passes(), centres, centres.length / nc, nc, passes,
			tolerance, (c, j, first, q) -> {
				if (first) Convergence.toFarthest(c, j, nc, q);
			}, progress);
		return p == null ? Double.POSITIVE_INFINITY : p.distortion;
	}

	/** @return the exact MSE per value of all training pixels against the centres rounded into the type */
	private static double measure(final TrainingSet set, final double[] centres, final SampleRange range,
		final Progress progress)
	{
		final double[] fitted = new double[centres.length];
		for (int i = 0; i < centres.length; i++)
			fitted[i] = range.fit(centres[i]);
		final int m = centres.length / set.nc;
		return set.lloyd(fitted, m, progress).distortion / ((double) set.count() * set.nc);
	}


	/**
	 * Kneedle on (log k, MSE), both normalised to 0..1: the point farthest below the line from the
	 * first point to the last.
	 */
	static int kneedle(final int[] ks, final double[] mse) {
		final int n = ks.length;
		if (n < 3) return 0;
		final double x0 = Math.log(ks[0]), x1 = Math.log(ks[n - 1]);
		final double y0 = mse[0], y1 = mse[n - 1];
		if (!(y0 > y1) || !(x1 > x0)) return 0;
		int best = 0;
		double bestGap = 0;
		for (int i = 0; i < n; i++) {
			final double x = (Math.log(ks[i]) - x0) / (x1 - x0);
			final double y = (mse[i] - y1) / (y0 - y1);
			final double gap = (1 - x) - y;
			if (gap > bestGap) {
				bestGap = gap;
				best = i;
			}
		}
		return best;
	}

	@Override
	public String toString() {
		return "QualityCurve" + Arrays.toString(ks);
	}

	/**
	 * @return the PSNR's peak ({@link Psnr}) of an image without a mask from its distinct values,
	 *         which are all its finite values: no second pass over the image
	 */
	private static double distinctPeak(final SampleRange range, final TrainingSet.Distinct set) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final float v : set.points) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		return new Psnr.Extent(range.isInteger(), lo, hi).peak();
	}
}
