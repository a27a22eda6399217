package org.kmeansquantize.core;

import java.util.SplittableRandom;

/**
 * Training on the distinct values, with counts, held in memory, of 8-bit colour images (three or
 * four channels) and of any image of several channels with few distinct values: no sample and no
 * mini-batch steps, only exact weighted Lloyd passes from a few candidate seedings (from k =
 * {@value #TREE_MIN_K} on a k-d tree of the values built once per training, {@link FilteringLloyd};
 * below with per-value bounds, {@link DistinctLloyd}). How it goes is decided by the number of
 * distinct values:
 * <ul>
 * <li>at most {@value #FEW} (drawings, logos, screenshots, segmented or sparse fluorescence
 * channels): candidates seeded by greedy k-means++ on all distinct values weighted by their counts,
 * each converged by exact passes; the best goes on;</li>
 * <li>more (photos, for k above {@value #PHOTO_MIN_K}): one seeding, from Wu's partition of a
 * colour histogram ({@link WuPartition}), which also gives every colour a first centre, so that
 * the bounds' first pass searches only near it. On the evaluation photos this single seeding lands
 * within about 1 % of the best of several k-means++ seedings, at a fraction of their cost.</li>
 * </ul>
 * The chosen centres then get exact passes over all distinct colours until a pass lowers the
 * distortion by less than the tolerance, or the pass cap. Deterministic for a given seed, whatever
 * the number of threads.
 */
final class ColourKMeans {

	/** Distinct colours up to which every candidate converges on all of them. */
	static final int FEW = 1 << 13;

	/**
	 * Photos at this k or less keep the general training: their k-means minima spread widely (a few
	 * per cent between seedings), and many seedings, each judged by passes over all colours, cost
	 * more than that training's restarts on a coarse stand-in.
	 */
	static final int PHOTO_MIN_K = 16;

	/** From this k on the passes run on a k-d tree of the values ({@link FilteringLloyd}). */
	static final int TREE_MIN_K = 32;

	private ColourKMeans() {}

	/**
	 * @param set the training set
	 * @param range the image's sample range
	 * @param k centres wanted
	 * @return whether this training applies: more than k distinct values, and either at most
	 *         {@value #FEW} of them (any number of channels and type) or those of an 8-bit image of
	 *         three or four channels (RGB, RGBA) for k above {@value #PHOTO_MIN_K}
	 */
	static boolean applies(final TrainingSet set, final SampleRange range, final int k) {
		if (!(set instanceof TrainingSet.Distinct) || set.distinct() <= k) return false;
		// few distinct values of any kind: every candidate converges on all of them
		if (set.distinct() <= FEW) return true;
		return (set.nc == 3 || set.nc == 4) && range.isInteger() && range.min() >= 0 && range.max() <= 255 &&
			k > PHOTO_MIN_K;
	}

	/**
	 * @param set the distinct colours, more than {@code k} of them
	 * @param k centres wanted
	 * @return at most k centres, and the sums of the last pass (before the centres moved to them)
	 */
	static TrainedCentres train(final TrainingSet.Distinct set, final int k, final QuantizeSettings settings,
		final SplittableRandom rng, final Progress progress)
	{
		final int nc = set.nc;
		final int n = set.weights.length;
		// the tree costs a build and more per pass at low k, where few passes and few candidates per
		// point make the bounds of DistinctLloyd cheaper (a 2 MP photo at k = 17: 28 against 38 ms)
		FilteringLloyd tree = null;
		WuPartition.Result wu = null;
		if (k >= TREE_MIN_K && n > FEW) {
			// the tree's build and Wu's partition are both mostly serial: two cores overlap them
			progress.report("partition", 0);
			final Threads.Both<FilteringLloyd, WuPartition.Result> both = Threads.both(() -> new FilteringLloyd(
				set.points, set.weights, nc), () -> WuPartition.partition(set.points, set.weights, n, nc, k));
			tree = both.first;
			wu = both.second;
		}
		else if (k >= TREE_MIN_K) tree = new FilteringLloyd(set.points, set.weights, nc);
		final double[] centres;
		final int[] start;
		if (n <= FEW) {
			double[] best = null;
			double bestD = Double.POSITIVE_INFINITY;
			final int candidates = fewCandidates(k);
			if (tree == null) {
				progress.report("k-means++ seeding", 0);
				best = Candidate.best(candidates, rng, rr -> {
					final double[] c = KMeansPlusPlus.seed(set.points, set.weights, n, nc, k, rr);
					return new Candidate(c, converge(set, passes(set, null, null), c, settings.refine(), settings
						.tolerance(), rr, progress).distortion);
				}).centres;
			}
			// on the tree, whose passes are parallel already and keep state: one after the other
			else for (int r = 0; r < candidates; r++) {
				progress.report("k-means++ seeding", r / (double) candidates);
				final double[] c = KMeansPlusPlus.seed(set.points, set.weights, n, nc, k, rng);
				final double d = converge(set, passes(set, tree, null), c, settings.refine(), settings.tolerance(), rng,
					progress).distortion;
				if (d < bestD) {
					bestD = d;
					best = c;
				}
			}
			centres = best;
			start = null;
		}
		else {
			if (wu == null) {
				progress.report("partition", 0);
				wu = WuPartition.partition(set.points, set.weights, n, nc, k);
			}
			// fewer occupied grid cells than centres: k-means++ adds the rest
			final boolean extend = wu.seeds.length / nc < k;
			centres = extend ? KMeansPlusPlus.extend(set.points, set.weights, n, nc, wu.seeds, k, rng) : wu.seeds;
			start = extend ? null : wu.labels;
		}
		final TrainingSet.Partial last = converge(set, passes(set, tree, start), centres, settings.refine(), settings
			.tolerance(), rng, progress);
		return new TrainedCentres(centres, last, tree);
	}

	/**
	 * Lloyd passes ({@link Convergence}) until {@link Training#converged}, or {@code passes} passes
	 * (at least one); a centre without points goes to the point farthest from its centre (the first)
	 * or to a random point.
	 *
	 * @param centres changed in place
	 * @return the sums of the last pass, made before the centres moved
	 */
	private static TrainingSet.Partial converge(final TrainingSet.Distinct set, final LloydPasses lloyd,
		final double[] centres, final int passes, final double tolerance, final SplittableRandom rng,
		final Progress progress)
	{
		final int nc = set.nc;
		return Convergence.run(lloyd, centres, centres.length / nc, nc, Math.max(1, passes), tolerance, (c, j, first,
			p) -> {
			if (first) Convergence.toFarthest(c, j, nc, p);
			else {
				final int s = rng.nextInt(set.weights.length);
				for (int ch = 0; ch < nc; ch++)
					c[j * nc + ch] = set.points[s * nc + ch];
			}
		}, progress);
	}

	/**
	 * @param tree the tree's passes, or null
	 * @param start each point's first centre for {@link DistinctLloyd}, or null
	 * @return the tree's passes, or else new bounds-keeping passes for one convergence
	 */
	private static LloydPasses passes(final TrainingSet.Distinct set, final FilteringLloyd tree, final int[] start) {
		return tree != null ? tree : new DistinctLloyd(set.points, set.weights, set.nc, start);
	}

	/** Candidates for images of few colours: each costs k-means++ and passes over few points. */
	private static int fewCandidates(final int k) {
		return k <= 16 ? 6 : k <= 64 ? 3 : 2;
	}
}
