package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Greedy k-means++ on three values per point (whose distances are written out) picks exactly the
 * centres of the general code: the same points with a fourth value of 0 everywhere, which adds
 * nothing to any distance, give the same centres from the same random numbers, weighted or not.
 * And the centres are those of the plain greedy k-means++ below (scikit-learn's, with its trials'
 * arrays made anew), to the bit, on clustered points with duplicates, weighted or not, three or
 * five values per point.
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

	/** Greedy k-means++ as scikit-learn runs it: every trial's distance to every point. */
	private static double[] plain(final float[] pts, final long[] w, final int n, final int nc, final int k,
		final SplittableRandom rng)
	{
		long total = 0;
		for (int i = 0; i < n; i++)
			total += w == null ? 1 : w[i];
		int first;
		if (w == null) first = rng.nextInt(n);
		else {
			long r = rng.nextLong(total);
			first = 0;
			while ((r -= w[first]) >= 0)
				first++;
		}
		final double[] centres = new double[k * nc];
		for (int c = 0; c < nc; c++)
			centres[c] = pts[first * nc + c];
		final double[] closest = new double[n], cumulative = new double[n];
		double pot = 0;
		for (int i = 0; i < n; i++)
			pot += closest[i] = (w == null ? 1 : w[i]) * KMeansPlusPlus.d2(pts, i * nc, pts, first * nc, nc);
		final int trials = 2 + (int) Math.log(k);
		int m = 1;
		for (; m < k && pot > 0; m++) {
			double t = 0;
			for (int i = 0; i < n; i++)
				cumulative[i] = t += closest[i];
			int bestCand = -1;
			double bestPot = Double.POSITIVE_INFINITY;
			double[] bestDist = null;
			for (int trial = 0; trial < trials; trial++) {
				final double r = rng.nextDouble() * t;
				int cand = java.util.Arrays.binarySearch(cumulative, r);
				cand = cand >= 0 ? cand : -cand - 1;
				if (cand >= n) cand = n - 1;
				while (cand > 0 && closest[cand] == 0)
					cand--;
				final double[] d = new double[n];
				double p = 0;
				for (int i = 0; i < n; i++)
					p += d[i] = Math.min(closest[i], (w == null ? 1 : w[i]) * KMeansPlusPlus.d2(pts, i * nc, pts, cand * nc,
						nc));
				if (p < bestPot) {
					bestPot = p;
					bestCand = cand;
					bestDist = d;
				}
			}
			for (int c = 0; c < nc; c++)
				centres[m * nc + c] = pts[bestCand * nc + c];
			System.arraycopy(bestDist, 0, closest, 0, n);
			pot = bestPot;
		}
		return java.util.Arrays.copyOf(centres, m * nc);
	}

	@Test
	void picksWhatPlainGreedyKMeansPlusPlusPicks() {
		for (final int nc : new int[] { 3, 5 })
			for (final boolean weighted : new boolean[] { true, false }) {
				final SplittableRandom rnd = new SplittableRandom(nc * 7 + (weighted ? 1 : 0));
				final int n = 4000;
				final float[] pts = new float[n * nc];
				final long[] w = weighted ? new long[n] : null;
				for (int i = 0; i < n; i++) {
					// clusters, and every tenth point a copy of an earlier one
					final int from = i >= 10 && i % 10 == 0 ? rnd.nextInt(i) : -1;
					final int cluster = rnd.nextInt(12);
					for (int c = 0; c < nc; c++)
						pts[i * nc + c] = from >= 0 ? pts[from * nc + c] : cluster * 20 + (cluster * (c + 3)) % 7 * 9 + rnd
							.nextInt(40) * 0.25f;
					if (weighted) w[i] = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 5000 : 5);
				}
				for (final int k : new int[] { 2, 16, 64, 256 })
					assertArrayEquals(plain(pts, w, n, nc, k, new SplittableRandom(k)), KMeansPlusPlus.seed(pts, w, n, nc,
						k, new SplittableRandom(k)), nc + " values, k = " + k + (weighted ? ", weighted" : ""));
			}
	}
}
