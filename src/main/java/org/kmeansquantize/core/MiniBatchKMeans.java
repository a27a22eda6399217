package org.kmeansquantize.core;

import java.util.SplittableRandom;

/**
 * Mini-batch k-means (Sculley 2010) with per-centre counts as learning rates, as in scikit-learn:
 * each batch moves a centre to the running mean of all points it ever received. Centres that
 * starve (receive no point at all over ten batches) are moved to a point of the batch drawn with
 * probability proportional to its squared distance to its centre. Centres with few points are left
 * alone: on images with rare colours they are the ones that matter. Stops when
 * the smoothed batch distortion has not improved for ten batches, or at the iteration cap.
 */
final class MiniBatchKMeans {

	private MiniBatchKMeans() {}

	/**
	 * Improves {@code centres} in place.
	 *
	 * @param centres {@code k * nc} values, changed in place
	 * @param pts the sample, {@code n * nc} values
	 */
	static void run(final double[] centres, final int k, final float[] pts, final int n, final int nc,
		final int batch, final int iterations, final SplittableRandom rng, final Progress progress)
	{
		final double[] counts = new double[k];
		final double[] sums = new double[k * nc];
		final double[] bc = new double[k];
		final float[] dist = new float[1];
		final int b = Math.min(batch, n);
		final int[] idx = new int[b];
		final int[] lab = new int[b];
		final float[] dst = new float[b];
		double ewa = Double.NaN, best = Double.POSITIVE_INFINITY;
		int noImprovement = 0;
		final double alpha = Math.min(1.0, 2.0 * b / (n + 1.0));
		for (int it = 0; it < iterations; it++) {
			progress.checkCanceled();
			progress.report("mini-batch k-means", it / (double) iterations);
			final NearestCentroid nn = new NearestCentroid(FloatArrays.toFloat(centres), k, nc);
			java.util.Arrays.fill(sums, 0);
			java.util.Arrays.fill(bc, 0);
			double inertia = 0;
			for (int i = 0; i < b; i++) {
				final int p = b == n ? i : rng.nextInt(n);
				idx[i] = p;
				final int j = nn.nearest(pts, p * nc, dist);
				lab[i] = j;
				dst[i] = dist[0];
				inertia += dist[0];
				bc[j]++;
				for (int c = 0; c < nc; c++)
					sums[j * nc + c] += pts[p * nc + c];
			}
			for (int j = 0; j < k; j++) {
				if (bc[j] == 0) continue;
				final double total = counts[j] + bc[j];
				for (int c = 0; c < nc; c++)
					centres[j * nc + c] = (centres[j * nc + c] * counts[j] + sums[j * nc + c]) / total;
				counts[j] = total;
			}
			if (it % 10 == 9) reassignStarved(centres, counts, k, nc, pts, idx, dst, b, rng);
			inertia /= b;
			ewa = Double.isNaN(ewa) ? inertia : ewa * (1 - alpha) + inertia * alpha;
			if (ewa < best) {
				best = ewa;
				noImprovement = 0;
			}
			else if (++noImprovement >= 10) break;
		}
	}

	private static void reassignStarved(final double[] centres, final double[] counts, final int k, final int nc,
		final float[] pts, final int[] idx, final float[] dst, final int b, final SplittableRandom rng)
	{
		double minKept = Double.POSITIVE_INFINITY;
		for (final double c : counts)
			if (c > 0) minKept = Math.min(minKept, c);
		double total = 0;
		for (int i = 0; i < b; i++)
			total += dst[i];
		if (total <= 0 || minKept == Double.POSITIVE_INFINITY) return;
		for (int j = 0; j < k; j++) {
			if (counts[j] > 0) continue;
			// a batch point drawn with probability proportional to its squared distance
			double r = rng.nextDouble() * total;
			int i = 0;
			while (i < b - 1 && (r -= dst[i]) > 0)
				i++;
			for (int c = 0; c < nc; c++)
				centres[j * nc + c] = pts[idx[i] * nc + c];
			counts[j] = minKept;
		}
	}
}
