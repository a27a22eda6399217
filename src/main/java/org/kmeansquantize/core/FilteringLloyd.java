package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact weighted Lloyd passes over distinct values held in memory by Kanungo et al.'s filtering
 * algorithm (2002, "An efficient k-means clustering algorithm: analysis and implementation"). A k-d
 * tree over the points ({@link PointTree}), built once, holds for every node the bounding box of its points, their
 * weight, weighted sum and weighted sum of squared norms. A pass walks the tree with a list of
 * candidate centres: at each node the candidate nearest the box's middle stays, and every other
 * candidate that is farther than it from the whole box (tested at the box's corner most favourable
 * to the other) leaves the list for the subtree. A node left with one candidate goes to it whole,
 * by its sums; the points of a leaf left with several take the nearest of them.
 * <p>
 * The result is the assignment of a brute-force search with the passes' float squared distance,
 * ties to the lower index: a candidate leaves only if it is farther for every point of the box by a
 * margin larger than the rounding of float distances, and the leaves compare the same float
 * distances, equal ones won by the lower index. The tree's top is cut into a fixed set of subtrees,
 * processed as tasks and summed in that order; with integer values the sums are exact anyway.
 * Memory: the tree ({@link PointTree}), and per task the sums of the centres.
 * </p>
 */
final class FilteringLloyd implements LloydPasses {

	/** Relative rounding of a float squared distance, with room to spare (it is about 3e-7). */
	private static final double ROUNDING = 4e-6;

	private final int nc;
	/** The tree's arrays (see {@link PointTree}). */
	private final float[] pts;
	private final int[] index;
	private final long[] wts;
	private final int[] from, to, child;
	private final float[] lo, hi;
	private final double[] nodeW, nodeS, nodeS2;
	private final int height, maxLeaf;
	private final List<Integer> taskRoots;
	/** The tasks' numbers, and their walks (of the last pass's k). */
	private final List<Integer> tasks = new ArrayList<>();
	private Walk[] walks;

	/**
	 * Builds the tree.
	 *
	 * @param points {@code n * nc} values (copied)
	 * @param weights weight of each point (not copied, not modified)
	 * @param nc values per point
	 */
	FilteringLloyd(final float[] points, final long[] weights, final int nc) {
		final PointTree tree = new PointTree(points, weights, nc);
		this.nc = nc;
		pts = tree.pts;
		index = tree.index;
		wts = tree.wts;
		from = tree.from;
		to = tree.to;
		child = tree.child;
		lo = tree.lo;
		hi = tree.hi;
		nodeW = tree.nodeW;
		nodeS = tree.nodeS;
		nodeS2 = tree.nodeS2;
		height = tree.height;
		maxLeaf = tree.maxLeaf;
		taskRoots = tree.taskRoots;
		for (int t = 0; t < taskRoots.size(); t++)
			tasks.add(t);
	}

	/**
	 * One exact pass: every point to its nearest centre, and the sums for the update.
	 *
	 * @param centres {@code k * nc} values
	 * @param k number of centres
	 * @return the sums, weights and distortion of the assignment; the point farthest from its
	 *         centre only if a centre received no point
	 */
	@Override
	public TrainingSet.Partial pass(final double[] centres, final int k, final Progress progress) {
		final float[] cf = FloatArrays.toFloat(centres);
		final double margin = margin(cf, k);
		if (walks == null || walks[0].k != k) {
			walks = new Walk[taskRoots.size()];
			for (int t = 0; t < walks.length; t++)
				walks[t] = new Walk(k, false, null);
		}
		final AtomicInteger done = new AtomicInteger();
		final int[][] cand = new int[tasks.size()][];
		walks[0].top(0, walks[0].lists[0], k, 0, cand, 0, cf, margin);
		final List<Walk> parts = Threads.forEachApply(tasks, t -> {
			progress.checkCanceled();
			final Walk w = walks[t].run(taskRoots.get(t), cand[t], cf, margin);
			progress.report("k-means refinement", done.incrementAndGet() / (double) tasks.size());
			return w;
		});
		final TrainingSet.Partial p = new TrainingSet.Partial(k, nc);
		final double[] s2 = new double[k];
		for (final Walk w : parts) {
			for (int j = 0; j < k; j++) {
				p.weights[j] += w.weight[j];
				s2[j] += w.sum2[j];
			}
			for (int i = 0; i < k * nc; i++)
				p.sums[i] += w.sum[i];
		}
		double distortion = 0;
		boolean empty = false;
		for (int j = 0; j < k; j++) {
			if (p.weights[j] <= 0) {
				empty = true;
				continue;
			}
			// sum of w |x - c|^2 over the cluster, from its sums
			double e = s2[j];
			for (int c = 0; c < nc; c++) {
				final double v = centres[j * nc + c];
				e += v * (p.weights[j] * v - 2 * p.sums[j * nc + c]);
			}
			distortion += Math.max(0, e);
		}
		p.distortion = distortion;
		if (empty) farthest(p, cf, k, margin);
		return p;
	}

	/**
	 * The nearest centre of every point, as a pass finds it: by the float squared distance, ties to
	 * the lower index (the result of a brute-force search).
	 *
	 * @param cf {@code k * nc} values
	 * @param k number of centres
	 * @return per point, in the constructor's order, the index of its nearest centre
	 */
	int[] nearest(final float[] cf, final int k) {
		final double margin = margin(cf, k);
		final int[] near = new int[index.length];
		final Walk w0 = new Walk(k, false, near);
		final int[][] cand = new int[tasks.size()][];
		w0.top(0, w0.lists[0], k, 0, cand, 0, cf, margin);
		Threads.forEachApply(tasks, t -> new Walk(k, false, near).run(taskRoots.get(t), cand[t], cf, margin));
		return near;
	}

	/**
	 * @return the margin by which a candidate must be farther from a box than another to leave: the
	 *         largest squared distance between a point and a centre bounds the rounding of all
	 */
	private double margin(final float[] cf, final int k) {
		double extent = 0;
		for (int c = 0; c < nc; c++) {
			float a = lo[c], b = hi[c];
			for (int j = 0; j < k; j++) {
				a = Math.min(a, cf[j * nc + c]);
				b = Math.max(b, cf[j * nc + c]);
			}
			extent += ((double) b - a) * ((double) b - a);
		}
		return ROUNDING * extent + Double.MIN_NORMAL;
	}

	/** The point farthest from its nearest centre (the first of equals in the caller's order). */
	private void farthest(final TrainingSet.Partial p, final float[] cf, final int k, final double margin) {
		final Walk w0 = new Walk(k, true, null);
		final int[][] cand = new int[tasks.size()][];
		w0.top(0, w0.lists[0], k, 0, cand, 0, cf, margin);
		final List<Walk> parts = Threads.forEachApply(tasks, t -> new Walk(k, true, null).run(taskRoots.get(t), cand[t], cf,
			margin));
		int far = -1;
		float farDist = -1;
		for (final Walk w : parts)
			if (w.far >= 0 && (w.farDist > farDist || w.farDist == farDist && index[w.far] < index[far])) {
				farDist = w.farDist;
				far = w.far;
			}
		p.farDist = farDist;
		if (far >= 0) System.arraycopy(pts, far * nc, p.far, 0, nc);
	}

	/** One task's walk of a subtree: its candidate lists per depth and its sums per centre. */
	private final class Walk {

		private float[] cf;
		private final int k;
		private double margin;
		/** Whether to visit every point for its distance to its centre (the farthest point), not sum. */
		private final boolean farthest;
		/** Where to write each point's nearest centre (by the caller's order) instead of summing, or null. */
		private final int[] labels;
		/** The candidates per depth below the task's root; the first all centres, for {@link #top}. */
		private final int[][] lists;
		final double[] weight, sum, sum2;
		/** The nearest candidate of each point of a leaf. */
		private final int[] near = new int[maxLeaf];
		int far = -1;
		float farDist = -1;

		Walk(final int k, final boolean farthest, final int[] labels) {
			this.k = k;
			this.farthest = farthest;
			this.labels = labels;
			weight = new double[k];
			sum = new double[k * nc];
			sum2 = new double[k];
			lists = new int[height + 1][];
			lists[0] = new int[k];
			for (int j = 0; j < k; j++)
				lists[0][j] = j;
		}

		/**
		 * Walks the subtree of {@code root} for centres {@code cf}, from zero sums.
		 *
		 * @param cand the candidates left for the root by its ancestors ({@link #top})
		 */
		Walk run(final int root, final int[] cand, final float[] cf, final double margin) {
			this.cf = cf;
			this.margin = margin;
			Arrays.fill(weight, 0);
			Arrays.fill(sum, 0);
			Arrays.fill(sum2, 0);
			visit(root, cand, cand.length, 1);
			return this;
		}

		/**
		 * Filters the candidates down the nodes above the tasks' roots, once for all tasks.
		 *
		 * @param found the candidates left for each task's root, filled in tree order
		 * @return the number of tasks' roots found so far
		 */
		int top(final int node, final int[] cand, final int m, final int depth, final int[][] found, int t,
			final float[] cf, final double margin)
		{
			this.cf = cf;
			this.margin = margin;
			if (taskRoots.get(t) == node) {
				found[t] = Arrays.copyOf(cand, m);
				return t + 1;
			}
			final int[] next = new int[m];
			final int left = nc == 3 ? filter3(node * nc, cand, m, next) : filter(node * nc, cand, m, next);
			t = top(node + 1, next, left, depth + 1, found, t, cf, margin);
			return top(child[node], next, left, depth + 1, found, t, cf, margin);
		}

		/** Node {@code node} with candidates {@code cand[0..m-1]}. */
		void visit(final int node, final int[] cand, final int m, final int depth) {
			final int b = node * nc;
			int[] next = lists[depth];
			if (next == null) next = lists[depth] = new int[k];
			final int left = nc == 3 ? filter3(b, cand, m, next) : filter(b, cand, m, next);
			final int keep = next[0];
			if (left == 1 && !farthest) {
				if (labels == null) add(node, keep);
				else for (int i = from[node]; i < to[node]; i++)
					labels[index[i]] = keep;
				return;
			}
			final int r = child[node];
			if (r >= 0) {
				visit(node + 1, next, left, depth + 1);
				visit(r, next, left, depth + 1);
			}
			else leaf(node, next, left);
		}

		/**
		 * The candidates that may be nearest to some point of box {@code b}: the one nearest the box's
		 * middle, and those not farther than it from the whole box by the margin.
		 *
		 * @return their number; {@code next[0]} is the one nearest the middle, the others follow in index order
		 */
		private int filter(final int b, final int[] cand, final int m, final int[] next) {
			int keep = cand[0];
			if (m > 1) {
				double best = Double.POSITIVE_INFINITY;
				for (int t = 0; t < m; t++) {
					final int q = cand[t] * nc;
					double d = 0;
					for (int c = 0; c < nc; c++) {
						final double e = cf[q + c] - 0.5 * ((double) lo[b + c] + hi[b + c]);
						d += e * e;
					}
					if (d < best) {
						best = d;
						keep = cand[t];
					}
				}
			}
			int left = 1;
			next[0] = keep;
			final int z = keep * nc;
			for (int t = 0; t < m; t++) {
				final int q = cand[t];
				if (q == keep) continue;
				// |x - q|^2 - |x - keep|^2 is linear in x: its least value over the box is at a corner
				double g = 0;
				for (int c = 0; c < nc; c++) {
					final double a = cf[z + c], o = cf[q * nc + c];
					final double x = o > a ? hi[b + c] : lo[b + c];
					g += (a - o) * (2 * x - o - a);
				}
				if (g <= margin) next[left++] = q;
			}
			return left;
		}

		/** {@link #filter} for three values per point. */
		private int filter3(final int b, final int[] cand, final int m, final int[] next) {
			final float[] c = cf;
			final double lo0 = lo[b], lo1 = lo[b + 1], lo2 = lo[b + 2], hi0 = hi[b], hi1 = hi[b + 1], hi2 = hi[b + 2];
			int keep = cand[0];
			if (m > 1) {
				final double m0 = 0.5 * (lo0 + hi0), m1 = 0.5 * (lo1 + hi1), m2 = 0.5 * (lo2 + hi2);
				double best = Double.POSITIVE_INFINITY;
				for (int t = 0; t < m; t++) {
					final int q = cand[t] * 3;
					final double e0 = c[q] - m0, e1 = c[q + 1] - m1, e2 = c[q + 2] - m2;
					final double d = e0 * e0 + e1 * e1 + e2 * e2;
					if (d < best) {
						best = d;
						keep = cand[t];
					}
				}
			}
			int left = 1;
			next[0] = keep;
			final int z = keep * 3;
			final double a0 = c[z], a1 = c[z + 1], a2 = c[z + 2];
			final double mg = margin;
			final double s0 = lo0 + hi0, s1 = lo1 + hi1, s2 = lo2 + hi2, w0 = hi0 - lo0, w1 = hi1 - lo1, w2 = hi2 - lo2;
			for (int t = 0; t < m; t++) {
				final int q = cand[t];
				if (q == keep) continue;
				final int qo = q * 3;
				final double o0 = c[qo], o1 = c[qo + 1], o2 = c[qo + 2];
				// the corner's value without branches: (a - o)(lo + hi - o - a) - |a - o|(hi - lo) per axis
				final double e0 = a0 - o0, e1 = a1 - o1, e2 = a2 - o2;
				final double g = e0 * (s0 - o0 - a0) - Math.abs(e0) * w0 + e1 * (s1 - o1 - a1) - Math.abs(e1) * w1 + e2
					* (s2 - o2 - a2) - Math.abs(e2) * w2;
				if (g <= mg) next[left++] = q;
			}
			return left;
		}

		/** The points of a leaf, each to the nearest of the candidates. */
		private void leaf(final int node, final int[] cand, final int m) {
			final float[] p = pts, c = cf;
			final int d = nc, start = from[node], end = to[node];
			final int[] near = this.near;
			boolean same = true;
			for (int i = start; i < end; i++) {
				final int o = i * d;
				int best = cand[0];
				float bestD;
				if (d == 3) {
					final float x0 = p[o], x1 = p[o + 1], x2 = p[o + 2];
					int q = best * 3;
					float d0 = x0 - c[q], d1 = x1 - c[q + 1], d2 = x2 - c[q + 2];
					bestD = d0 * d0 + d1 * d1 + d2 * d2;
					for (int t = 1; t < m; t++) {
						final int j = cand[t];
						q = j * 3;
						d0 = x0 - c[q];
						d1 = x1 - c[q + 1];
						d2 = x2 - c[q + 2];
						final float e = d0 * d0 + d1 * d1 + d2 * d2;
						if (e < bestD || e == bestD && j < best) {
							bestD = e;
							best = j;
						}
					}
				}
				else {
					bestD = DistinctLloyd.dist2(p, o, c, best * d, d);
					for (int t = 1; t < m; t++) {
						final int j = cand[t];
						final float e = DistinctLloyd.dist2(p, o, c, j * d, d);
						if (e < bestD || e == bestD && j < best) {
							bestD = e;
							best = j;
						}
					}
				}
				near[i - start] = best;
				same &= best == near[0];
				if (farthest && (bestD > farDist || bestD == farDist && index[i] < index[far])) {
					farDist = bestD;
					far = i;
				}
			}
			if (farthest) return;
			if (labels != null) {
				for (int i = start; i < end; i++)
					labels[index[i]] = near[i - start];
				return;
			}
			if (same) {
				add(node, near[0]);
				return;
			}
			final long[] wt = wts;
			final int[] ix = index;
			final double[] weight = this.weight, sum = this.sum, sum2 = this.sum2;
			for (int i = start; i < end; i++) {
				final int best = near[i - start], o = i * d;
				final double w = wt[ix[i]];
				weight[best] += w;
				double s2 = 0;
				for (int ch = 0; ch < d; ch++) {
					final double v = p[o + ch];
					sum[best * d + ch] += w * v;
					s2 += v * v;
				}
				sum2[best] += w * s2;
			}
		}

		/** Node {@code node}'s points, all to centre {@code j}. */
		private void add(final int node, final int j) {
			weight[j] += nodeW[node];
			sum2[j] += nodeS2[node];
			for (int c = 0; c < nc; c++)
				sum[j * nc + c] += nodeS[node * nc + c];
		}
	}
}
