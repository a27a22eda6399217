package org.kmeansquantize.core;

import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/**
 * The single-image training of {@link KMeansQuantizer#train}: optimal levels for one channel,
 * otherwise restarts (k-means++ seeding, mini-batch k-means or Lloyd passes on a coarse stand-in)
 * and the refinement by exact Lloyd passes. The class description of {@link KMeansQuantizer} tells
 * the steps in order.
 */
final class Training {

	/**
	 * Distinct values seeded on all together, weighted, when there are at most this many and at
	 * most {@link #SEED_WORK} / k; beyond that, on a uniform sample.
	 */
	private static final int SEED_POINTS = 1 << 15;

	/** Points times centres of a k-means++ seeding on all distinct values. */
	private static final int SEED_WORK = 1 << 22;

	/**
	 * Grid cells of the coarse stand-in on which restarts are judged (five bits per channel for RGB:
	 * with four candidates at k = 16 the same quality as six bits with two, in 15-20 % less time);
	 * it is used for at most {@value #COARSE_CHANNELS} channels and more than {@value #COARSE_ABOVE}
	 * distinct values, below which the values themselves are cheap enough.
	 */
	private static final int COARSE_BINS = 1 << 15;

	private static final int COARSE_CHANNELS = 4;

	private static final int COARSE_ABOVE = 1 << 13;

	/**
	 * Distinct colours up to which their hash table for the labelling is built beside the training
	 * (it then fits in the caches); more are left to the labelling.
	 */
	private static final int INDEX_BESIDE = 1 << 18;

	/** Pixels held in memory to converge on before passes over a streamed image. */
	private static final int LARGE_SAMPLE = 1 << 20;

	/**
	 * Candidate solutions per {@linkplain #restartBand(int) band of k}. At k = 16, with
	 * over-relaxed passes ({@link Convergence}) and the stand-in of {@link #COARSE_BINS}, four
	 * candidates give four photos an MSE of 0.9930 of scikit-learn's (geometric mean over ten
	 * seeds, worst 1.015; three 0.9933, two 0.9954 but coffee 1.013 at the default seed).
	 */
	private static final int[] RESTARTS = { 10, 4, 3, 1 };

	private Training() {}

	/** See {@link KMeansQuantizer#learn}. */
	static TrainedCodebook train(final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		if (mask != null) PixelSource.requireShape("mask", mask.dimensionsAsLongArray(), "image", source
			.pixelDimensions());
		final int nc = source.channels();
		final TrainingPixels pixels = TrainingPixels.prepare(settings.scaling(), source, mask, progress);
		final TrainingSet set = pixels.set;
		if (set.count() == 0) throw new IllegalArgumentException(mask != null
			? "the mask (ROI) holds no pixel with a finite value to train on"
			: "the image has no pixel with a finite value to train on");
		final int k = CodebookBuilder.learnedEntries(settings.colors(), pixels.nonFinite > 0);
		// labelling may use the distinct values when they are all the image's pixels; the hash table
		// of an RGB image's colours is built beside the training (whose serial parts leave a core idle)
		final TrainingSet.Distinct whole = mask == null && set instanceof TrainingSet.Distinct && set.count() == source
			.size() ? (TrainingSet.Distinct) set : null;
		final TrainedCentres fit;
		DistinctLabelling.ColourIndex index = null;
		if (whole != null && pixels.nonFinite == 0 && whole.distinct() <= INDEX_BESIDE && DistinctLabelling.indexes(
			whole, source))
		{
			final Threads.Both<TrainedCentres, DistinctLabelling.ColourIndex> both = Threads.both(() -> fit(settings,
				source, set, k, progress), () -> DistinctLabelling.index(whole));
			fit = both.first;
			index = both.second;
		}
		else fit = fit(settings, source, set, k, progress);
		final double[] centres = fit.centres;
		final int m = centres.length / nc;
		TrainingSet.Partial last = fit.last;
		if (last == null) {
			last = set.lloyd(centres, m, progress);
			moveToMeans(last, centres, m, nc);
		}
		final Codebook codebook = CodebookBuilder.of(source.range(), centres, last.weights, m, set, pixels.nonFinite);
		return new TrainedCodebook(codebook, source, ColourSpace.RGB, whole, fit.tree, index);
	}

	/** The training proper, by the kind of image: see the class description. */
	private static TrainedCentres fit(final QuantizeSettings settings, final PixelSource source,
		final TrainingSet set, final int k, final Progress progress)
	{
		final int nc = set.nc;
		final SplittableRandom rng = new SplittableRandom(settings.seed());
		double[] centres;
		TrainingSet.Partial last = null;
		FilteringLloyd tree = null;
		if (set.distinct() >= 0 && set.distinct() <= k) {
			centres = FloatArrays.toDouble(((TrainingSet.Distinct) set).points);
		}
		else if (nc == 1 && set instanceof TrainingSet.Distinct) {
			final TrainingSet.Distinct d = (TrainingSet.Distinct) set;
			centres = OptimalLevels.solve(d.points, d.weights, k, progress);
		}
		else if (ColourKMeans.applies(set, source.range(), k)) {
			return ColourKMeans.train((TrainingSet.Distinct) set, k, settings, rng, progress);
		}
		else {
			final int sampleSize = (int) Math.min(set.count(), Math.max(1 << 16, 256L * k));
			progress.report("sampling", 0);
			// restarts run on the distinct values themselves when they are no more than a sample
			final Sample sample = set instanceof TrainingSet.Distinct ? Sample.of((TrainingSet.Distinct) set,
				((TrainingSet.Distinct) set).draw(sampleSize, rng)) : Sample.of(set.sample(sampleSize, rng), nc);
			// many colours: the exact passes run on a k-d tree (they do not slow down when the relaxed
			// steps move the centres far, as Hamerly's bounds do), and the labelling then searches the
			// tree too; its build, mostly serial, runs beside the restarts (the stand-in's build is
			// serial too)
			if (settings.refine() > 0 && set instanceof TrainingSet.Distinct && (nc == 3 || nc == 4) && set
				.distinct() > COARSE_ABOVE)
			{
				final TrainingSet.Distinct d = (TrainingSet.Distinct) set;
				final Threads.Both<double[], FilteringLloyd> both = Threads.both(() -> bestOfRestarts(settings, set, k,
					sample, rng, progress), () -> new FilteringLloyd(d.points, d.weights, nc));
				centres = both.first;
				tree = both.second;
			}
			else centres = bestOfRestarts(settings, set, k, sample, rng, progress);
			final int m = centres.length / nc;
			if (settings.refine() > 0 && set.distinct() < 0 && set.count() > 4L * LARGE_SAMPLE) {
				// streamed pixels: converge on a large sample in memory first, so that few passes over
				// the whole image remain
				progress.report("sampling", 0);
				final float[] large = set.sample(LARGE_SAMPLE, rng);
				final TrainingSet.Distinct onLarge = set.unweighted(large);
				refine(onLarge, onLarge.passes(), centres, m, settings, Sample.of(large, nc), rng, progress);
			}
			if (settings.refine() > 0) last = refine(set, tree != null ? tree : set.passes(), centres, m, settings,
				sample, rng, progress);
		}
		return new TrainedCentres(centres, last, tree);
	}

	/**
	 * Seeds {@link #restarts(int)} candidates, converges each on the coarse stand-in or the sample
	 * (side by side), and keeps the one of least distortion.
	 *
	 * @return the best candidate's centres
	 */
	private static double[] bestOfRestarts(final QuantizeSettings settings, final TrainingSet set, final int k,
		final Sample sample, final SplittableRandom rng, final Progress progress)
	{
		final int nc = set.nc;
		final int n = sample.size();
		final int sampleSize = (int) Math.min(set.count(), Math.max(1 << 16, 256L * k));
		final TrainingSet base;
		if (set.distinct() >= 0 && set.distinct() <= sampleSize) base = set;
		else base = set.unweighted(sample.values());
		final int ns = Math.min(n, Math.max(1 << 12, 32 * k));
		final QuantizeSettings onSample = settings.toBuilder().refine(Math.min(settings.refine(), 50)).tolerance(Math
			.max(settings.tolerance(), 1e-3)).build();
		final int restarts = restarts(k);
		// candidates converge on a coarse stand-in, far smaller than the sample
		final TrainingSet.Distinct coarse = nc <= COARSE_CHANNELS && base.distinct() > COARSE_ABOVE
			? ((TrainingSet.Distinct) base).coarse(COARSE_BINS) : null;
		// a single candidate without a stand-in needs no judging: the exact passes come next
		if (restarts == 1 && coarse == null) return candidate(settings, base, null, k, sample, n, ns, null, rng,
			progress).centres;
		return Candidate.best(restarts, rng, rr -> candidate(settings, base, coarse, k, sample, n, ns, onSample, rr,
			progress)).centres;
	}

	/**
	 * Seeds one candidate by greedy k-means++ and converges it: on the coarse stand-in if there is
	 * one, else by mini-batch steps and passes on the sample.
	 *
	 * @param onSample the settings of the passes that judge it, or null for none (distortion NaN)
	 */
	private static Candidate candidate(final QuantizeSettings settings, final TrainingSet base,
		final TrainingSet.Distinct coarse, final int k, final Sample sample, final int n, final int ns,
		final QuantizeSettings onSample, final SplittableRandom rng, final Progress progress)
	{
		final int nc = base.nc;
		progress.report("k-means++ seeding", 0);
		final double[] c;
		final TrainingSet.Distinct seedSet = coarse != null ? coarse : (TrainingSet.Distinct) base;
		if (seedSet.distinct() <= Math.min(SEED_POINTS, SEED_WORK / k)) {
			// every point, weighted by its count: rare colours are not missed
			c = KMeansPlusPlus.seed(seedSet.points, seedSet.weights, seedSet.weights.length, nc, k, rng);
		}
		else {
			final float[] seedPts = ns == n ? sample.values() : draw(sample.values(), n, nc, ns, rng);
			c = KMeansPlusPlus.seed(seedPts, null, ns, nc, k, rng);
		}
		final int mc = c.length / nc;
		if (coarse == null && settings.iterations() > 0) MiniBatchKMeans.run(c, mc, sample.values(), n, nc, settings.batch(),
			settings.iterations(), rng, progress);
		if (onSample == null) return new Candidate(c, Double.NaN);
		final TrainingSet judge = coarse != null ? coarse : base;
		final double d = onSample.refine() > 0 ? refine(judge, judge.passes(), c, mc, onSample, sample, rng, progress)
			.distortion : judge.lloyd(c, mc, progress).distortion;
		return new Candidate(c, d);
	}

	/**
	 * Exact Lloyd passes ({@link Convergence}) until {@link #converged} or the settings' pass cap;
	 * empty centres move to the pixel farthest from its centre (the first) or to sample points (the
	 * others).
	 *
	 * @return the last pass's sums, made with the centres before its move; null without passes
	 */
	private static TrainingSet.Partial refine(final TrainingSet set, final LloydPasses passes, final double[] centres,
		final int m, final QuantizeSettings settings, final Sample sample, final SplittableRandom rng,
		final Progress progress)
	{
		final int nc = set.nc;
		return Convergence.run(passes, centres, m, nc, settings.refine(), settings.tolerance(), (c, j, first,
			p) -> {
			if (first) Convergence.toFarthest(c, j, nc, p);
			else sample.copy(rng.nextInt(sample.size()), c, j * nc);
		}, progress);
	}

	/**
	 * The stopping rule of Lloyd passes, for every driver (this one, {@link QualityCurve} and
	 * {@link SharedTraining}).
	 *
	 * @param previous the distortion of the pass before (positive infinity before the first)
	 * @param current the distortion of this pass
	 * @param tolerance the relative drop below which the passes stop
	 * @return whether to stop: {@code current <= 0}, or {@code previous} is finite and
	 *         {@code previous - current <= tolerance * previous}
	 */
	static boolean converged(final double previous, final double current, final double tolerance) {
		return current <= 0 || previous < Double.POSITIVE_INFINITY && previous - current <= tolerance * previous;
	}

	/** Moves every centre that received pixels to their mean; empty centres stay where they are. */
	static void moveToMeans(final TrainingSet.Partial p, final double[] centres, final int m, final int nc) {
		for (int j = 0; j < m; j++)
			if (p.weights[j] > 0) for (int c = 0; c < nc; c++)
				centres[j * nc + c] = p.sums[j * nc + c] / p.weights[j];
	}

	/**
	 * The band of k that sets how many candidate solutions are tried: small k has the most distinct
	 * local minima.
	 *
	 * @return 0 for k up to 8, 1 up to 16, 2 up to 64, 3 above
	 */
	static int restartBand(final int k) {
		return k <= 8 ? 0 : k <= 16 ? 1 : k <= 64 ? 2 : 3;
	}

	/** Candidate solutions tried on the sample. */
	private static int restarts(final int k) {
		return RESTARTS[restartBand(k)];
	}

	private static float[] draw(final float[] pts, final int n, final int nc, final int m,
		final SplittableRandom rng)
	{
		final float[] s = new float[m * nc];
		for (int i = 0; i < m; i++)
			System.arraycopy(pts, rng.nextInt(n) * nc, s, i * nc, nc);
		return s;
	}
}
