package org.kmeansquantize.core;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with scikit-learn's 2 + ln k local
 * trials per centre) on weighted points held in memory: a point is drawn with probability
 * proportional to its weight times its squared distance to the nearest centre so far.
 */
final class KMeansPlusPlus {

	private KMeansPlusPlus() {}

	/**
	 * @param pts {@code n * nc} values
	 * @param w weight (count) of each point, or null for all 1
	 * @param n number of points
	 * @param nc values per point
	 * @param k centres wanted
	 * @param rng random source
	 * @return up to {@code k} centres ({@code m * nc} values); fewer if the sample has fewer distinct points
	 */
	static double[] seed(final float[] pts, final long[] w, final int n, final int nc, final int k,
		final SplittableRandom rng)
	{
		final int first = w == null ? rng.nextInt(n) : weighted(w, rng);
		final double[] centre = new double[nc];
		for (int c = 0; c < nc; c++)
			centre[c] = pts[first * nc + c];
		return extend(pts, w, n, nc, centre, k, rng);
	}

	/**
	 * Greedy k-means++ continued from centres already chosen, which are kept as they are: the
	 * warm start of a larger k from a smaller k's solution.
	 *
	 * @param pts {@code n * nc} values
	 * @param w weight (count) of each point, or null for all 1
	 * @param n number of points
	 * @param nc values per point
	 * @param given the centres so far, {@code m0 * nc} values, at least one
	 * @param k centres wanted in all
	 * @param rng random source
	 * @return the given centres followed by new ones, up to {@code k} in all (fewer if the points
	 *         have no more distinct values)
	 */
	static double[] extend(final float[] pts, final long[] w, final int n, final int nc, final double[] given,
		final int k, final SplittableRandom rng)
	{
		final int m0 = given.length / nc;
		final double[] centres = java.util.Arrays.copyOf(given, Math.max(k, m0) * nc);
		final double[] weights = new double[n];
		for (int i = 0; i < n; i++)
			weights[i] = weight(w, i);
		double[] closest = new double[n];
		double pot = 0;
		for (int i = 0; i < n; i++) {
			double best = Double.POSITIVE_INFINITY;
			for (int j = 0; j < m0; j++)
				best = Math.min(best, d2(pts, i * nc, centres, j * nc, nc));
			pot += closest[i] = weights[i] * best;
		}
		final int trials = 2 + (int) Math.log(k);
		final double[] cumulative = new double[n];
		// the trial's distances, the best trial's so far, and a spare: swapped, never copied
		double[] candDist = new double[n];
		double[] bestDist = new double[n];
		double[] spare = new double[n];
		int m = m0;
		for (; m < k; m++) {
			if (pot <= 0) break;
			double t = 0;
			for (int i = 0; i < n; i++)
				cumulative[i] = t += closest[i];
			int bestCand = -1;
			double bestPot = Double.POSITIVE_INFINITY;
			for (int trial = 0; trial < trials; trial++) {
				final double r = rng.nextDouble() * t;
				int cand = java.util.Arrays.binarySearch(cumulative, r);
				cand = cand >= 0 ? cand : -cand - 1;
				if (cand >= n) cand = n - 1;
				while (cand > 0 && closest[cand] == 0)
					cand--;
				double p = 0;
				final int co = cand * nc;
				final double[] cd = candDist, cl = closest;
				if (nc == 3) {
					// d2's arithmetic written out, the candidate's values read once: 1.74 -> 1.07 ms per
					// seeding on chelsea's coarse stand-in at k = 16, warm
					final float c0 = pts[co], c1 = pts[co + 1], c2 = pts[co + 2];
					for (int i = 0, o = 0; i < n; i++, o += 3) {
						final double e0 = pts[o] - c0, e1 = pts[o + 1] - c1, e2 = pts[o + 2] - c2;
						final double d = Math.min(cl[i], weights[i] * (e0 * e0 + e1 * e1 + e2 * e2));
						cd[i] = d;
						p += d;
					}
				}
				else for (int i = 0; i < n; i++) {
					final double d = Math.min(cl[i], weights[i] * d2(pts, i * nc, pts, co, nc));
					cd[i] = d;
					p += d;
				}
				if (p < bestPot) {
					bestPot = p;
					bestCand = cand;
					final double[] x = bestDist;
					bestDist = candDist;
					candDist = x;
				}
			}
			for (int c = 0; c < nc; c++)
				centres[m * nc + c] = pts[bestCand * nc + c];
			// the best trial's distances become the closest; the old closest the spare
			final double[] x = closest;
			closest = bestDist;
			bestDist = spare;
			spare = x;
			pot = bestPot;
		}
		return java.util.Arrays.copyOf(centres, m * nc);
	}

	private static double weight(final long[] w, final int i) {
		return w == null ? 1 : w[i];
	}

	private static int weighted(final long[] w, final SplittableRandom rng) {
		long total = 0;
		for (final long x : w)
			total += x;
		long r = rng.nextLong(total);
		int i = 0;
		while ((r -= w[i]) >= 0)
			i++;
		return i;
	}

	static double d2(final float[] a, final int ao, final float[] b, final int bo, final int nc) {
		double s = 0;
		for (int c = 0; c < nc; c++) {
			final double d = a[ao + c] - b[bo + c];
			s += d * d;
		}
		return s;
	}

	private static double d2(final float[] a, final int ao, final double[] b, final int bo, final int nc) {
		double s = 0;
		for (int c = 0; c < nc; c++) {
			final double d = a[ao + c] - (float) b[bo + c];
			s += d * d;
		}
		return s;
	}
}
