package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact weighted Lloyd passes over distinct values held in memory, in which most points cost two
 * comparisons. Hamerly's algorithm (Hamerly 2010): each point keeps its centre, an upper bound on
 * its distance to it and a lower bound on its distance to every other centre; the bounds follow
 * the centres' moves, and a point whose upper bound is at most its lower bound, or at most half the
 * distance from its centre to the nearest other centre, keeps its centre without a distance. A
 * point that must search looks only at the centres within twice its distance of its own centre
 * (every nearer centre lies there), walking its centre's list of the other centres in order of
 * distance (Phillips' "compare-means"; the exponion variant of Hamerly's algorithm); the first
 * centre beyond that radius bounds the rest.
 * <p>
 * The sums of each cluster (weight, weighted sum, weighted sum of squares) are kept across passes
 * and updated only for the points that change centre, so the distortion of a pass follows from
 * them without a distance per point. Points that change centre are applied in point order after
 * each pass: the sums do not depend on the number of threads (and are exact for integer values).
 * One instance serves the successive passes of one refinement; memory: three values per point,
 * k² for the centres' lists.
 * </p>
 */
final class DistinctLloyd implements LloydPasses {

	private final float[] points;
	private final long[] weights;
	private final int nc;
	private final int n;
	/** Each point's centre, or -1 before the first pass. */
	private final int[] assign;
	/** Each point's upper bound on the distance to its centre. */
	private final float[] upper;
	/** Each point's lower bound on its distance to every centre but its own. */
	private final float[] lower;
	/** The centres of the last pass. */
	private float[] previous;
	/** Per centre, the other centres in order of distance, and the squared distances. */
	private int[] order;
	private float[] orderDist2;
	/** Per cluster: weight, weighted sums, weighted sum of squared norms. */
	private double[] clusterW, clusterS, clusterS2;

	/**
	 * @param points {@code n * nc} values (not copied, not modified)
	 * @param weights weight of each point
	 * @param nc values per point
	 * @param start each point's first guess of its centre (an index into the centres of the first
	 *          pass; it need not be the nearest), or null to search all centres in the first pass;
	 *          not kept
	 */
	DistinctLloyd(final float[] points, final long[] weights, final int nc, final int[] start) {
		this.points = points;
		this.weights = weights;
		this.nc = nc;
		n = weights.length;
		assign = start != null ? start.clone() : new int[n];
		if (start == null) Arrays.fill(assign, -1);
		upper = new float[n];
		lower = new float[n];
	}

	/**
	 * One exact pass: every point to its nearest centre, and the sums for the update. Ties between
	 * equally near centres are broken the same way whatever the number of threads.
	 *
	 * @param centres {@code k * nc} values, the same k on every pass
	 * @param k number of centres
	 * @return the sums, weights and distortion of the assignment; the point farthest from its
	 *         centre only if a centre received no point
	 */
	@Override
	public TrainingSet.Partial pass(final double[] centres, final int k, final Progress progress) {
		final float[] cf = FloatArrays.toFloat(centres);
		final boolean first = previous == null;
		final float[] move = new float[k];
		float maxMove = 0, secondMove = 0;
		int maxAt = -1;
		if (!first) {
			for (int j = 0; j < k; j++) {
				move[j] = (float) Math.sqrt(NearestCentroid.dist2(cf, j * nc, previous, j * nc, nc,
					Float.POSITIVE_INFINITY));
				if (move[j] > maxMove) {
					secondMove = maxMove;
					maxMove = move[j];
					maxAt = j;
				}
				else if (move[j] > secondMove) secondMove = move[j];
			}
		}
		previous = cf;
		sortNeighbours(cf, k);
		final NearestCentroid all = first && n > 0 && assign[0] < 0 ? new NearestCentroid(cf, k, nc) : null;
		final Step step = new Step(cf, k, move, maxMove, secondMove, maxAt, first, all);
		final List<int[]> moved = Chunks.map(n, Chunks.POINTS, () -> new float[2], (dist, start, len) -> step.run(
			(int) start, (int) (start + len), dist), progress, "k-means refinement");
		if (first) {
			clusterW = new double[k];
			clusterS = new double[k * nc];
			clusterS2 = new double[k];
			for (int i = 0; i < n; i++)
				add(i, assign[i], 1);
		}
		else for (final int[] m : moved)
			for (int t = 1; t < 1 + 2 * m[0]; t += 2) {
				add(m[t], m[t + 1], -1);
				add(m[t], assign[m[t]], 1);
			}
		final TrainingSet.Partial p = new TrainingSet.Partial(k, nc);
		System.arraycopy(clusterW, 0, p.weights, 0, k);
		System.arraycopy(clusterS, 0, p.sums, 0, k * nc);
		double distortion = 0;
		boolean empty = false;
		for (int j = 0; j < k; j++) {
			if (clusterW[j] <= 0) {
				empty = true;
				continue;
			}
			// sum of w |x - c|^2 over the cluster, from its sums
			double e = clusterS2[j];
			for (int c = 0; c < nc; c++) {
				final double v = centres[j * nc + c];
				e += v * (clusterW[j] * v - 2 * clusterS[j * nc + c]);
			}
			distortion += Math.max(0, e);
		}
		p.distortion = distortion;
		if (empty) farthest(p, cf);
		return p;
	}

	/** Adds ({@code sign} 1) or removes (-1) point {@code i} to or from cluster {@code j}'s sums. */
	private void add(final int i, final int j, final int sign) {
		final double w = sign * (double) weights[i];
		clusterW[j] += w;
		double s2 = 0;
		for (int c = 0; c < nc; c++) {
			final double v = points[i * nc + c];
			clusterS[j * nc + c] += w * v;
			s2 += v * v;
		}
		clusterS2[j] += w * s2;
	}

	/** The point farthest from its centre (the first of equals), for a centre without points. */
	private void farthest(final TrainingSet.Partial p, final float[] cf) {
		int far = -1;
		float farDist = -1;
		for (int i = 0; i < n; i++) {
			final float d = NearestCentroid.dist2(points, i * nc, cf, assign[i] * nc, nc, Float.POSITIVE_INFINITY);
			if (d > farDist) {
				farDist = d;
				far = i;
			}
		}
		p.farDist = farDist;
		if (far >= 0) System.arraycopy(points, far * nc, p.far, 0, nc);
	}

	/** The centres of one pass and what bounds their moves; runs chunks of points. */
	private final class Step {

		private final float[] cf;
		private final int k;
		private final float[] move;
		private final float maxMove, secondMove;
		private final int maxAt;
		private final boolean first;
		private final NearestCentroid all;
		/** Half the distance from each centre to the nearest other centre. */
		private final float[] half;

		Step(final float[] cf, final int k, final float[] move, final float maxMove, final float secondMove,
			final int maxAt, final boolean first, final NearestCentroid all)
		{
			this.cf = cf;
			this.k = k;
			this.move = move;
			this.maxMove = maxMove;
			this.secondMove = secondMove;
			this.maxAt = maxAt;
			this.first = first;
			this.all = all;
			half = new float[k];
			for (int j = 0; j < k; j++)
				half[j] = k > 1 ? (float) Math.sqrt(orderDist2[j * (k - 1)]) / 2 : Float.POSITIVE_INFINITY;
		}

		/**
		 * @return the points of the chunk that changed centre: {count, point, old centre, point, old
		 *         centre, ...}
		 */
		int[] run(final int start, final int end, final float[] dist) {
			int[] moved = new int[17];
			int nm = 0;
			final float[] pts = points, c = cf, od2 = orderDist2, ub = upper, lb = lower, half = this.half;
			final int[] ord = order, as = assign;
			final int others = k - 1, d = nc;
			for (int i = start; i < end; i++) {
				final int o = i * d;
				final int j = as[i];
				if (j < 0) {
					as[i] = all.nearest2(pts, o, dist);
					ub[i] = (float) Math.sqrt(dist[0]);
					lb[i] = (float) Math.sqrt(dist[1]);
					continue;
				}
				float u = first ? Float.POSITIVE_INFINITY : ub[i] + move[j];
				final float lo = first ? 0 : lb[i] - (j == maxAt ? secondMove : maxMove);
				final float bound = Math.max(half[j], lo);
				if (u <= bound) {
					ub[i] = u;
					lb[i] = lo;
					continue;
				}
				final float d2 = dist2(pts, o, c, j * d, d);
				u = (float) Math.sqrt(d2);
				if (u <= bound) {
					ub[i] = u;
					lb[i] = lo;
					continue;
				}
				// every centre nearer than u lies within 2u of centre j
				final float radius2 = 4 * d2;
				int best = j;
				float bestD = d2, second = Float.POSITIVE_INFINITY;
				float beyond = Float.POSITIVE_INFINITY;
				final int row = j * others;
				for (int t = 0; t < others; t++) {
					final float cd2 = od2[row + t];
					if (cd2 >= radius2) {
						beyond = (float) Math.sqrt(cd2) - u;
						break;
					}
					final int q = ord[row + t];
					final float e = dist2(pts, o, c, q * d, d);
					if (e < bestD || (e == bestD && q < best)) {
						second = bestD;
						bestD = e;
						best = q;
					}
					else if (e < second) second = e;
				}
				ub[i] = (float) Math.sqrt(bestD);
				lb[i] = Math.min((float) Math.sqrt(second), beyond);
				if (best != j) {
					as[i] = best;
					if (!first) {
						if (nm * 2 + 3 > moved.length) moved = Arrays.copyOf(moved, moved.length * 2);
						moved[1 + 2 * nm] = i;
						moved[2 + 2 * nm] = j;
						nm++;
					}
				}
			}
			moved[0] = nm;
			return moved;
		}
	}

	/**
	 * Squared distance, unrolled for three channels (colours), the case that matters most; the
	 * arithmetic every exact pass ({@link FilteringLloyd} too) decides by.
	 */
	static float dist2(final float[] a, final int ao, final float[] b, final int bo, final int nc) {
		if (nc == 3) {
			final float d0 = a[ao] - b[bo], d1 = a[ao + 1] - b[bo + 1], d2 = a[ao + 2] - b[bo + 2];
			return d0 * d0 + d1 * d1 + d2 * d2;
		}
		float s = 0;
		for (int c = 0; c < nc; c++) {
			final float d = a[ao + c] - b[bo + c];
			s += d * d;
		}
		return s;
	}

	/**
	 * Orders, for each centre, the other centres by distance: from the previous pass's order by
	 * insertion sort (nearly sorted, since centres move little), or by a full sort the first time.
	 * The centres' rows are sorted side by side: at k = 256 this is 65 000 distances a pass.
	 */
	private void sortNeighbours(final float[] cf, final int k) {
		final int others = k - 1;
		final boolean first = order == null;
		if (first) {
			order = new int[k * others];
			orderDist2 = new float[k * others];
		}
		final int tasks = Math.max(1, Math.min(k / 32, 8));
		final List<int[]> rows = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			rows.add(new int[] { k * t / tasks, k * (t + 1) / tasks });
		Threads.forEachApply(rows, r -> {
			if (first) sortRows(cf, k, r[0], r[1]);
			else resortRows(cf, k, r[0], r[1]);
			return r;
		});
	}

	/** The first order of rows {@code from..to-1}: a full sort. */
	private void sortRows(final float[] cf, final int k, final int from, final int to) {
		final int others = k - 1;
		final long[] keyed = new long[others];
		for (int a = from; a < to; a++) {
			for (int t = 0, c = 0; c < k; c++)
				if (c != a) keyed[t++] = (long) Float.floatToIntBits(NearestCentroid.dist2(cf, a * nc, cf, c * nc, nc,
					Float.POSITIVE_INFINITY)) << 32 | c;
			// non-negative floats order as their bits; ties by index
			Arrays.sort(keyed);
			for (int t = 0; t < others; t++) {
				order[a * others + t] = (int) keyed[t];
				orderDist2[a * others + t] = Float.intBitsToFloat((int) (keyed[t] >>> 32));
			}
		}
	}

	/** Rows {@code from..to-1} sorted again from the previous pass's order, by insertion sort. */
	private void resortRows(final float[] cf, final int k, final int from, final int to) {
		final int others = k - 1;
		for (int a = from; a < to; a++) {
			final int row = a * others;
			for (int t = 0; t < others; t++) {
				final int c = order[row + t];
				final float d = dist2(cf, a * nc, cf, c * nc, nc);
				int s = t;
				while (s > 0 && orderDist2[row + s - 1] > d) {
					orderDist2[row + s] = orderDist2[row + s - 1];
					order[row + s] = order[row + s - 1];
					s--;
				}
				orderDist2[row + s] = d;
				order[row + s] = c;
			}
		}
	}
}
