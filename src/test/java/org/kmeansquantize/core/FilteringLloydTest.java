package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.SplittableRandom;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;

import org.kmeansquantize.io.ImageFiles;

/**
 * The k-d tree passes give, pass by pass, exactly the assignment of a brute-force nearest-centre
 * search with the passes' float distance, ties to the lower index, and the same sums as
 * {@link DistinctLloyd}: on random colours (two, three and four channels), on the colours of a real
 * photo, on one thread and on three; and the farthest point when a centre is left without points.
 */
class FilteringLloydTest {

	/** Random integer values with random counts, clumped as in photos; integer sums are exact. */
	private static TrainingSet.Distinct randomColours(final int n, final int nc, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final float[] points = new float[n * nc];
		final long[] weights = new long[n];
		for (int i = 0; i < n; i++) {
			final int clump = rnd.nextInt(8);
			for (int c = 0; c < nc; c++)
				points[i * nc + c] = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : Math.min(255, clump * 30 + rnd.nextInt(40));
			weights[i] = 1 + rnd.nextInt(20);
		}
		final double[] scale = new double[nc];
		Arrays.fill(scale, 1);
		return new TrainingSet.Distinct(nc, new double[nc], scale, null, points, weights);
	}

	/** Each point to its nearest centre by the passes' squared distance, ties to the lower index. */
	private static TrainingSet.Partial bruteForce(final TrainingSet.Distinct set, final double[] centres,
		final int k)
	{
		final int nc = set.nc;
		final float[] cf = FloatArrays.toFloat(centres);
		final TrainingSet.Partial p = new TrainingSet.Partial(k, nc);
		for (int i = 0; i < set.distinct(); i++) {
			int best = -1;
			float bestD = Float.POSITIVE_INFINITY;
			for (int j = 0; j < k; j++) {
				final float d = NearestCentroid.dist2(set.points, i * nc, cf, j * nc, nc, Float.POSITIVE_INFINITY);
				if (d < bestD) {
					bestD = d;
					best = j;
				}
			}
			p.weights[best] += set.weights[i];
			for (int c = 0; c < nc; c++)
				p.sums[best * nc + c] += set.weights[i] * (double) set.points[i * nc + c];
			if (bestD > p.farDist) {
				p.farDist = bestD;
				System.arraycopy(set.points, i * nc, p.far, 0, nc);
			}
		}
		return p;
	}

	/**
	 * Lloyd passes from k of the points, moved by up to half a unit (ties between integer points and
	 * centres at halves happen), each compared with brute force and with {@link DistinctLloyd}.
	 *
	 * @return the number of clusters whose membership changed over the passes
	 */
	private static int assertPassesEqual(final TrainingSet.Distinct set, final int k, final int passes) {
		final int n = set.distinct(), nc = set.nc;
		final SplittableRandom rnd = new SplittableRandom(k);
		final double[] centres = new double[k * nc];
		for (int j = 0; j < k; j++)
			for (int c = 0; c < nc; c++)
				centres[j * nc + c] = set.points[rnd.nextInt(n) * nc + c] + (rnd.nextInt(3) - 1) * 0.5;
		final FilteringLloyd tree = new FilteringLloyd(set.points, set.weights, nc);
		final DistinctLloyd bounds = new DistinctLloyd(set.points, set.weights, nc, null);
		int changes = 0;
		double[] previous = null;
		for (int pass = 0; pass < passes; pass++) {
			final TrainingSet.Partial a = tree.pass(centres, k, Progress.NONE);
			final TrainingSet.Partial b = bruteForce(set, centres, k);
			final TrainingSet.Partial h = bounds.pass(centres, k, Progress.NONE);
			final String what = "k=" + k + " pass " + pass;
			assertArrayEquals(b.weights, a.weights, 0, what);
			assertArrayEquals(b.sums, a.sums, 0, what);
			assertArrayEquals(h.weights, a.weights, 0, what);
			assertEquals(h.distortion, a.distortion, 1e-9 * h.distortion, what);
			if (previous != null) for (int j = 0; j < k; j++)
				if (previous[j] != a.weights[j]) changes++;
			previous = a.weights.clone();
			Training.moveToMeans(a, centres, k, nc);
		}
		return changes;
	}

	@Test
	void passesEqualBruteForceOnRandomColours() {
		final TrainingSet.Distinct set = randomColours(20000, 3, 1);
		for (final int k : new int[] { 12, 64, 256 }) {
			final int changes = Parallelization.runWithNumThreads(3, () -> assertPassesEqual(set, k, 12));
			assertTrue(changes > k, "k=" + k + ": " + changes);
		}
	}

	@Test
	void passesEqualBruteForceOnTwoAndFourChannels() {
		for (final int nc : new int[] { 2, 4 }) {
			final TrainingSet.Distinct set = randomColours(5000, nc, nc);
			final int changes = Parallelization.runWithNumThreads(2, () -> assertPassesEqual(set, 40, 8));
			assertTrue(changes > 40, nc + " channels: " + changes);
		}
	}

	@Test
	void passesEqualBruteForceOnPhotoColours() throws IOException {
		final PixelSource src = ImageFiles.read(Paths.get("samples", "chelsea.png")).pixels();
		final TrainingSet.Distinct set = (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, src, null,
			Progress.NONE).set;
		assertTrue(set.distinct() > 20000, "distinct colours: " + set.distinct());
		for (final int k : new int[] { 40, 200 }) {
			final int changes = Parallelization.runSingleThreaded(() -> assertPassesEqual(set, k, 10));
			assertTrue(changes > k, "k=" + k + ": " + changes);
		}
	}

	@Test
	void farthestPointForAnEmptyCentre() {
		final TrainingSet.Distinct set = randomColours(3000, 3, 3);
		final int k = 9;
		final double[] centres = new double[k * 3];
		for (int j = 0; j < 8; j++)
			for (int c = 0; c < 3; c++)
				centres[j * 3 + c] = set.points[j * 3 + c];
		// the last centre is far from every point
		centres[8 * 3] = 1000;
		final TrainingSet.Partial a = Parallelization.runWithNumThreads(3, () -> new FilteringLloyd(set.points,
			set.weights, 3).pass(centres, k, Progress.NONE));
		final TrainingSet.Partial b = bruteForce(set, centres, k);
		assertEquals(0, a.weights[8]);
		assertEquals(b.farDist, a.farDist);
		assertArrayEquals(b.far, a.far);
	}
}
