package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A weighted sample of distinct values ({@code TrainingSet.Distinct.sample}, its draws sorted and
 * found in one sweep over the cumulative weights) draws exactly the points of a binary search per
 * draw, for the same random numbers: with few and many points, small and huge total weights (one
 * to several radix digits), and weights of 1 next to huge ones. A {@link Sample} of draws looks
 * up the same points, one at a time or all at once, as the sample drawn at once.
 */
class WeightedSampleTest {

	/** The reference: each draw r picks the first point whose cumulative weight exceeds r. */
	private static float[] reference(final TrainingSet.Distinct set, final int n, final long seed) {
		final long[] cumulative = new long[set.weights.length];
		long t = 0;
		for (int i = 0; i < cumulative.length; i++)
			cumulative[i] = t += set.weights[i];
		final SplittableRandom rng = new SplittableRandom(seed);
		final int m = (int) Math.min(n, t);
		final float[] s = new float[m * set.nc];
		for (int j = 0; j < m; j++) {
			final long r = rng.nextLong(t);
			int i = Arrays.binarySearch(cumulative, r);
			i = i >= 0 ? i + 1 : -i - 1;
			System.arraycopy(set.points, i * set.nc, s, j * set.nc, set.nc);
		}
		return s;
	}

	private static TrainingSet.Distinct set(final int n, final long maxWeight, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final float[] points = new float[n * 2];
		final long[] weights = new long[n];
		for (int i = 0; i < n; i++) {
			points[2 * i] = i;
			points[2 * i + 1] = rnd.nextInt(100);
			weights[i] = rnd.nextInt(10) == 0 ? 1 + rnd.nextLong(maxWeight) : 1;
		}
		return new TrainingSet.Distinct(2, new double[2], new double[] { 1, 1 }, null, points, weights);
	}

	@Test
	void drawsThePointsOfABinarySearch() {
		for (final int n : new int[] { 1, 2, 7, 1000, 100_000 })
			for (final long maxWeight : new long[] { 1, 50, 1L << 20, 1L << 40 }) {
				final TrainingSet.Distinct set = set(n, maxWeight, n + maxWeight);
				for (final long seed : new long[] { 1, 2 })
					assertArrayEquals(reference(set, 5000, seed), set.sample(5000, new SplittableRandom(seed)), "n = " +
						n + ", weights up to " + maxWeight + ", seed " + seed);
			}
	}

	@Test
	void drawsLookedUpLaterAreTheSample() {
		final TrainingSet.Distinct set = set(30_000, 1L << 20, 3);
		final float[] now = set.sample(4000, new SplittableRandom(9));
		final Sample later = Sample.of(set, set.draw(4000, new SplittableRandom(9)));
		final double[] one = new double[2];
		for (int s = 0; s < later.size(); s++) {
			later.copy(s, one, 0);
			assertArrayEquals(new double[] { now[2 * s], now[2 * s + 1] }, one, "point " + s);
		}
		assertArrayEquals(now, later.values());
		later.copy(17, one, 0);
		assertArrayEquals(new double[] { now[34], now[35] }, one, "a point after all were looked up");
	}
}
