package org.kmeansquantize.core;

import java.util.Arrays;

/**
 * Exact nearest-centre search among k centres of C values (squared Euclidean distance, ties to the
 * lower index). Centres are sorted along their direction of largest spread; a query starts at the
 * centre whose projection is closest and walks outwards, stopping on each side once the projection
 * gap alone exceeds the best distance found. Immutable and thread-safe after construction.
 */
final class NearestCentroid {

	private final int k;
	private final int nc;
	/** Centres in sorted order, {@code k * nc} values. */
	private final float[] sorted;
	/** Original index of each sorted centre. */
	private final int[] index;
	/** Projection of each sorted centre (ascending). */
	private final float[] proj;
	/** Unit direction of projection. */
	private final float[] axis;

	/**
	 * @param centres {@code k * nc} values (not kept)
	 * @param k number of centres
	 * @param nc values per centre
	 */
	NearestCentroid(final float[] centres, final int k, final int nc) {
		this.k = k;
		this.nc = nc;
		axis = principalAxis(centres, k, nc);
		final float[] p = new float[k];
		final Integer[] order = new Integer[k];
		for (int i = 0; i < k; i++) {
			p[i] = dot(centres, i * nc, axis, nc);
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> p[a] != p[b] ? Float.compare(p[a], p[b]) : Integer.compare(a, b));
		sorted = new float[k * nc];
		index = new int[k];
		proj = new float[k];
		for (int s = 0; s < k; s++) {
			index[s] = order[s];
			proj[s] = p[order[s]];
			System.arraycopy(centres, order[s] * nc, sorted, s * nc, nc);
		}
	}

	/**
	 * @param v values
	 * @param o offset of the query in {@code v}
	 * @param dist if not null, {@code dist[0]} receives the squared distance to the nearest centre
	 * @return index of the nearest centre (the lower index on ties)
	 */
	int nearest(final float[] v, final int o, final float[] dist) {
		return search(v, o, dist, false);
	}

	/**
	 * The nearest and the second-nearest centre.
	 *
	 * @param v values
	 * @param o offset of the query in {@code v}
	 * @param dist receives the squared distances to the nearest ({@code dist[0]}) and second-nearest
	 *          ({@code dist[1]}, infinite if k = 1) centres
	 * @return index of the nearest centre (the lower index on ties)
	 */
	int nearest2(final float[] v, final int o, final float[] dist) {
		return search(v, o, dist, true);
	}

	/**
	 * Walks outwards from the query's projection, alternating up and down, until the projection gap
	 * alone exceeds the bound: the best distance, or with {@code two} the second-best.
	 */
	private int search(final float[] v, final int o, final float[] dist, final boolean two) {
		final float q = dot(v, o, axis, nc);
		// first sorted position with projection >= q
		int lo = 0, hi = k;
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (proj[mid] < q) lo = mid + 1;
			else hi = mid;
		}
		float best = Float.POSITIVE_INFINITY, second = Float.POSITIVE_INFINITY;
		int bestIdx = Integer.MAX_VALUE;
		int up = lo, down = lo - 1;
		while (up < k || down >= 0) {
			for (int side = 0; side < 2; side++) {
				final int s = side == 0 ? up : down;
				if (s < 0 || s >= k) continue;
				final float g = side == 0 ? proj[s] - q : q - proj[s];
				final float bound = two ? second : best;
				if (g * g > bound) {
					if (side == 0) up = k;
					else down = -1;
					continue;
				}
				final float d = dist2(v, o, sorted, s * nc, nc, bound);
				final int idx = index[s];
				if (d < best || (d == best && idx < bestIdx)) {
					second = best;
					best = d;
					bestIdx = idx;
				}
				else if (d < second) second = d;
				if (side == 0) up++;
				else down--;
			}
		}
		if (dist != null) {
			dist[0] = best;
			if (two) dist[1] = second;
		}
		return bestIdx;
	}

	/** Squared distance; may stop early (returning a value above {@code bound}) once past the bound. */
	static float dist2(final float[] a, final int ao, final float[] b, final int bo, final int nc, final float bound) {
		float s = 0;
		for (int c = 0; c < nc; c++) {
			final float d = a[ao + c] - b[bo + c];
			s += d * d;
			if (s > bound) return s;
		}
		return s;
	}

	private static float dot(final float[] a, final int o, final float[] axis, final int nc) {
		float s = 0;
		for (int c = 0; c < nc; c++)
			s += a[o + c] * axis[c];
		return s;
	}

	/** Direction of largest spread of the centres, by power iteration on their covariance. */
	private static float[] principalAxis(final float[] centres, final int k, final int nc) {
		final float[] axis = new float[nc];
		if (nc == 1) {
			axis[0] = 1;
			return axis;
		}
		final double[] mean = new double[nc];
		for (int i = 0; i < k; i++)
			for (int c = 0; c < nc; c++)
				mean[c] += centres[i * nc + c] / (double) k;
		final double[] cov = new double[nc * nc];
		for (int i = 0; i < k; i++)
			for (int a = 0; a < nc; a++)
				for (int b = 0; b < nc; b++)
					cov[a * nc + b] += (centres[i * nc + a] - mean[a]) * (centres[i * nc + b] - mean[b]);
		double[] v = new double[nc];
		for (int c = 0; c < nc; c++)
			v[c] = 1 + 0.01 * c;
		for (int it = 0; it < 50; it++) {
			final double[] w = new double[nc];
			for (int a = 0; a < nc; a++)
				for (int b = 0; b < nc; b++)
					w[a] += cov[a * nc + b] * v[b];
			double norm = 0;
			for (final double x : w)
				norm += x * x;
			norm = Math.sqrt(norm);
			if (norm == 0) break;
			for (int c = 0; c < nc; c++)
				w[c] /= norm;
			v = w;
		}
		double norm = 0;
		for (final double x : v)
			norm += x * x;
		norm = Math.sqrt(norm);
		for (int c = 0; c < nc; c++)
			axis[c] = (float) (norm == 0 ? (c == 0 ? 1 : 0) : v[c] / norm);
		return axis;
	}
}
