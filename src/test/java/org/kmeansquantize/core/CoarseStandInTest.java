package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The coarse stand-in of distinct values ({@code TrainingSet.Distinct.coarse}) is the dense grid's:
 * the same occupied cells in grid order, each with its points' total weight and the weighted mean
 * summed in point order, to the last bit; for one to four channels, few and many points, on the
 * training's grid of 2^15 cells and on a finer one of 2^18.
 */
class CoarseStandInTest {

	/** The reference: every grid cell a slot, filled in point order, occupied cells in grid order. */
	private static TrainingSet.Distinct dense(final TrainingSet.Distinct set, final int maxBins) {
		final int nc = set.nc, n = set.weights.length;
		final int bits = Math.max(1, Integer.numberOfTrailingZeros(maxBins) / nc);
		final int levels = 1 << bits;
		final double[] lo = new double[nc];
		final double[] step = FloatArrays.gridScale(set.points, n, nc, levels, lo);
		final int cells = 1 << (bits * nc);
		final long[] w = new long[cells];
		final double[] sum = new double[cells * nc];
		for (int i = 0; i < n; i++) {
			int cell = 0;
			for (int c = 0; c < nc; c++)
				cell = (cell << bits) | Math.min(levels - 1, (int) ((set.points[i * nc + c] - lo[c]) * step[c]));
			w[cell] += set.weights[i];
			for (int c = 0; c < nc; c++)
				sum[cell * nc + c] += (double) set.weights[i] * set.points[i * nc + c];
		}
		int m = 0;
		for (final long x : w)
			if (x > 0) m++;
		final float[] pts = new float[m * nc];
		final long[] cw = new long[m];
		for (int cell = 0, j = 0; cell < cells; cell++) {
			if (w[cell] == 0) continue;
			cw[j] = w[cell];
			for (int c = 0; c < nc; c++)
				pts[j * nc + c] = (float) (sum[cell * nc + c] / w[cell]);
			j++;
		}
		return new TrainingSet.Distinct(nc, new double[nc], new double[nc], null, pts, cw);
	}

	private static TrainingSet.Distinct set(final int n, final int nc, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final float[] points = new float[n * nc];
		final long[] weights = new long[n];
		for (int i = 0; i < n * nc; i++)
			points[i] = (float) ((rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble()) * 30 + (i % nc) * 3);
		for (int i = 0; i < n; i++)
			weights[i] = 1 + rnd.nextLong(rnd.nextInt(8) == 0 ? 100_000 : 5);
		return new TrainingSet.Distinct(nc, new double[nc], new double[nc], null, points, weights);
	}

	@Test
	void isTheDenseGridsStandIn() {
		for (final int nc : new int[] { 1, 2, 3, 4 })
			for (final int n : new int[] { 1, 5, 3000, 70_000 }) {
				final TrainingSet.Distinct set = set(n, nc, 31L * n + nc);
				for (final int bins : new int[] { 1 << 15, 1 << 18 }) {
					final TrainingSet.Distinct want = dense(set, bins), got = set.coarse(bins);
					final String what = nc + " channels, " + n + " points, " + bins + " cells";
					assertEquals(want.weights.length, got.weights.length, what);
					assertArrayEquals(want.weights, got.weights, what);
					assertArrayEquals(want.points, got.points, what);
					assertEquals(set.count(), got.count(), what);
				}
			}
	}
}
