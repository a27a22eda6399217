package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Greedy k-means++ on three values per point (whose distances are written out) picks exactly the
 * centres of the general code: the same points with a fourth value of 0 everywhere, which adds
 * nothing to any distance, give the same centres from the same random numbers, weighted or not.
 */
class KMeansPlusPlusTest {

	@Test
	void threeValuesPickWhatTheGeneralCodePicks() {
		final SplittableRandom rnd = new SplittableRandom(11);
		final int n = 3000;
		final float[] three = new float[n * 3], four = new float[n * 4];
		final long[] w = new long[n];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < 3; c++)
				three[i * 3 + c] = four[i * 4 + c] = rnd.nextInt(8) * 30 + rnd.nextInt(256) * 0.37f;
			w[i] = 1 + rnd.nextInt(50);
		}
		for (final long[] weights : new long[][] { w, null })
			for (final int k : new int[] { 2, 16, 64 }) {
				final double[] a = KMeansPlusPlus.seed(three, weights, n, 3, k, new SplittableRandom(k));
				final double[] b = KMeansPlusPlus.seed(four, weights, n, 4, k, new SplittableRandom(k));
				assertEquals(a.length / 3, b.length / 4);
				final double[] b3 = new double[a.length];
				for (int j = 0; j < a.length / 3; j++) {
					System.arraycopy(b, j * 4, b3, j * 3, 3);
					assertEquals(0, b[j * 4 + 3]);
				}
				assertArrayEquals(b3, a, "k = " + k + (weights == null ? ", unweighted" : ", weighted"));
			}
	}
}
