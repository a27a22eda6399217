package org.kmeansquantize.core;

/**
 * The globally optimal k-level quantizer of weighted one-dimensional data: the partition of the
 * sorted values into k contiguous groups with the least total weighted squared error, by dynamic
 * programming (Wang and Song 2011, Ckmeans.1d.dp) with the divide-and-conquer speed-up that the
 * monotone split points allow: O(k n log n) time, O(k n) ints of memory.
 */
final class OptimalLevels {

	private OptimalLevels() {}

	/**
	 * @param x distinct values, ascending
	 * @param w their weights (counts), positive
	 * @param k levels wanted, at most {@code x.length}
	 * @return the k weighted means, ascending
	 */
	static double[] solve(final float[] x, final long[] w, final int k, final Progress progress) {
		return solveAll(x, w, new int[] { k }, progress)[0];
	}

	/**
	 * The optimal levels for several k from one run of the dynamic programme up to the largest: the
	 * split points of every layer are kept, so each smaller k is read back from them.
	 *
	 * @param x distinct values, ascending
	 * @param w their weights (counts), positive
	 * @param ks the numbers of levels wanted, each from 1 to {@code x.length}
	 * @return for each of {@code ks}, its levels, ascending
	 */
	static double[][] solveAll(final float[] x, final long[] w, final int[] ks, final Progress progress) {
		int k = 1;
		for (final int q : ks)
			k = Math.max(k, q);
		final int n = x.length;
		double shift = 0, tw = 0;
		for (int i = 0; i < n; i++) {
			shift += (double) w[i] * x[i];
			tw += w[i];
		}
		shift /= tw;
		final double[] cw = new double[n + 1], cm = new double[n + 1], cq = new double[n + 1];
		for (int i = 0; i < n; i++) {
			final double v = x[i] - shift;
			cw[i + 1] = cw[i] + w[i];
			cm[i + 1] = cm[i] + w[i] * v;
			cq[i + 1] = cq[i] + w[i] * v * v;
		}
		final Costs cost = new Costs(cw, cm, cq);
		double[] prev = new double[n];
		for (int i = 0; i < n; i++)
			prev[i] = cost.of(0, i);
		final int[][] split = new int[k][];
		double[] cur = new double[n];
		for (int q = 1; q < k; q++) {
			progress.checkCanceled();
			progress.report("optimal levels", q / (double) k);
			split[q] = new int[n];
			fill(q, q, n - 1, q, n - 1, prev, cur, split[q], cost);
			final double[] t = prev;
			prev = cur;
			cur = t;
		}
		final double[][] all = new double[ks.length][];
		for (int i = 0; i < ks.length; i++) {
			final double[] levels = new double[ks[i]];
			int end = n - 1;
			for (int q = ks[i] - 1; q >= 0; q--) {
				final int start = q == 0 ? 0 : split[q][end];
				levels[q] = (cm[end + 1] - cm[start]) / (cw[end + 1] - cw[start]) + shift;
				end = start - 1;
			}
			all[i] = levels;
		}
		return all;
	}

	/** cur[i] for i in [lo, hi], knowing the best split lies in [optLo, optHi]. */
	private static void fill(final int q, final int lo, final int hi, final int optLo, final int optHi,
		final double[] prev, final double[] cur, final int[] split, final Costs cost)
	{
		if (lo > hi) return;
		final int mid = (lo + hi) >>> 1;
		double best = Double.POSITIVE_INFINITY;
		int bestJ = Math.max(q, optLo);
		for (int j = Math.max(q, optLo), end = Math.min(mid, optHi); j <= end; j++) {
			final double v = prev[j - 1] + cost.of(j, mid);
			if (v < best) {
				best = v;
				bestJ = j;
			}
		}
		cur[mid] = best;
		split[mid] = bestJ;
		fill(q, lo, mid - 1, optLo, bestJ, prev, cur, split, cost);
		fill(q, mid + 1, hi, bestJ, optHi, prev, cur, split, cost);
	}

	private static final class Costs {

		final double[] cw, cm, cq;

		Costs(final double[] cw, final double[] cm, final double[] cq) {
			this.cw = cw;
			this.cm = cm;
			this.cq = cq;
		}

		/** Weighted squared error of the values j..i (inclusive) around their mean. */
		double of(final int j, final int i) {
			final double sw = cw[i + 1] - cw[j];
			final double sm = cm[i + 1] - cm[j];
			return Math.max(0, cq[i + 1] - cq[j] - sm * sm / sw);
		}
	}
}
