package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.SplittableRandom;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;

import org.kmeansquantize.io.ImageFiles;

/**
 * The bounded passes (Hamerly's bounds and the walk of each centre's sorted neighbours) give, pass
 * by pass, exactly the assignment of a brute-force nearest-centre search: the same weights and sums
 * per cluster, on random colours and on the colours of a real photo, on one thread and on three.
 */
class DistinctLloydTest {

	/** Random integer colours with random counts, some repeated; integer sums are exact. */
	private static TrainingSet.Distinct randomColours(final int n, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final float[] points = new float[n * 3];
		final long[] weights = new long[n];
		for (int i = 0; i < n; i++) {
			// a few dense clumps over a uniform background, as in photos
			final int clump = rnd.nextInt(8);
			for (int c = 0; c < 3; c++)
				points[i * 3 + c] = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : Math.min(255, clump * 30 + rnd.nextInt(40));
			weights[i] = 1 + rnd.nextInt(20);
		}
		return new TrainingSet.Distinct(3, new double[3], new double[] { 1, 1, 1 }, null, points, weights);
	}

	private static TrainingSet.Distinct photoColours() throws IOException {
		final PixelSource src = ImageFiles.read(Paths.get("samples", "chelsea.png")).pixels();
		return (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, src, null, Progress.NONE).set;
	}

	/** Each point to its nearest centre by the passes' squared distance, ties to the lower index. */
	private static TrainingSet.Partial bruteForce(final TrainingSet.Distinct set, final double[] centres,
		final int k)
	{
		final float[] cf = FloatArrays.toFloat(centres);
		final TrainingSet.Partial p = new TrainingSet.Partial(k, 3);
		for (int i = 0; i < set.distinct(); i++) {
			int best = -1;
			float bestD = Float.POSITIVE_INFINITY;
			for (int j = 0; j < k; j++) {
				final float d = NearestCentroid.dist2(set.points, i * 3, cf, j * 3, 3, Float.POSITIVE_INFINITY);
				if (d < bestD) {
					bestD = d;
					best = j;
				}
			}
			p.weights[best] += set.weights[i];
			for (int c = 0; c < 3; c++)
				p.sums[best * 3 + c] += set.weights[i] * (double) set.points[i * 3 + c];
		}
		return p;
	}

	/**
	 * Lloyd passes from k of the points (with every point starting at a wrong centre, or at none),
	 * each compared with brute force; centres move to their means, an empty one stays.
	 *
	 * @return the number of clusters whose membership changed over the passes
	 */
	private static int assertPassesEqualBruteForce(final TrainingSet.Distinct set, final int k, final boolean start,
		final int passes)
	{
		final int n = set.distinct();
		final SplittableRandom rnd = new SplittableRandom(k);
		final double[] centres = new double[k * 3];
		for (int j = 0; j < k; j++)
			for (int c = 0; c < 3; c++)
				centres[j * 3 + c] = set.points[rnd.nextInt(n) * 3 + c] + rnd.nextDouble() - 0.5;
		int[] first = null;
		if (start) {
			first = new int[n];
			for (int i = 0; i < n; i++)
				first[i] = rnd.nextInt(k);
		}
		final DistinctLloyd lloyd = new DistinctLloyd(set.points, set.weights, 3, first);
		int changes = 0;
		double[] previous = null;
		for (int pass = 0; pass < passes; pass++) {
			final TrainingSet.Partial a = lloyd.pass(centres, k, Progress.NONE);
			final TrainingSet.Partial b = bruteForce(set, centres, k);
			assertArrayEquals(b.weights, a.weights, 0, "k=" + k + " pass " + pass);
			assertArrayEquals(b.sums, a.sums, 0, "k=" + k + " pass " + pass);
			if (previous != null) for (int j = 0; j < k; j++)
				if (previous[j] != a.weights[j]) changes++;
			previous = a.weights.clone();
			for (int j = 0; j < k; j++)
				if (a.weights[j] > 0) for (int c = 0; c < 3; c++)
					centres[j * 3 + c] = a.sums[j * 3 + c] / a.weights[j];
		}
		return changes;
	}

	@Test
	void passesEqualBruteForceOnRandomColours() {
		final TrainingSet.Distinct set = randomColours(20000, 1);
		for (final int k : new int[] { 12, 64, 256 })
			for (final boolean start : new boolean[] { true, false }) {
				final int changes = Parallelization.runWithNumThreads(3, () -> assertPassesEqualBruteForce(set, k, start,
					15));
				// the passes must have moved points late on, where the bounds prune
				assertTrue(changes > k, "k=" + k + ": " + changes);
			}
	}

	@Test
	void passesEqualBruteForceOnPhotoColours() throws IOException {
		final TrainingSet.Distinct set = photoColours();
		assertTrue(set.distinct() > 20000, "distinct colours: " + set.distinct());
		for (final int k : new int[] { 40, 200 }) {
			final int changes = Parallelization.runSingleThreaded(() -> assertPassesEqualBruteForce(set, k, true, 12));
			assertTrue(changes > k, "k=" + k + ": " + changes);
		}
	}
}
