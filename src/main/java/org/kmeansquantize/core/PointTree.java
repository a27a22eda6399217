package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A k-d tree over weighted points held in memory, for {@link FilteringLloyd}: the points sorted by
 * their cell's Morton code on a grid over their bounding box (the bits of the channels
 * interleaved), so that every node is a run of them; a node splits where its points' codes first
 * differ, which halves its grid box along one side. Every node holds the tight bounding box of its
 * points, their weight, weighted sum and weighted sum of squared norms. The top of the tree is cut
 * into subtrees of at most a fixed share of the points, the tasks of a pass; the shape depends on
 * the points only. Memory: the points in tree order, their order, and about a node per three points.
 */
final class PointTree {

	/** Most points of a leaf, unless they share a cell of the grid. */
	private static final int LEAF = 8;
	/** Subtrees of about this share of the points or fewer are the tasks of a pass. */
	private static final int TASKS = 32;
	/** Points a call of the build's loops handles (see {@link #keys}). */
	private static final int BLOCK = 64;
	/** Bits of a digit of the radix sort of the codes: three passes for 30 bits. */
	private static final int DIGIT = 11;

	final int nc;
	final int n;
	/** The points in tree order, their indices in the caller's order, and the caller's weights. */
	final float[] pts;
	final int[] index;
	final long[] wts;
	/** Per node: first point, end, second child (the first follows the node) or -1 for a leaf. */
	int[] from, to, child;
	/** Per node: bounding box, weight, weighted sums, weighted sum of squared norms. */
	final float[] lo, hi;
	final double[] nodeW, nodeS, nodeS2;
	private int nodes;
	/** The roots of the tasks, in tree order. */
	final List<Integer> taskRoots = new ArrayList<>();
	/** Most nodes on a path from the root to a leaf, most points of a leaf. */
	int height, maxLeaf;

	/**
	 * Builds the tree, its subtrees side by side.
	 *
	 * @param points {@code n * nc} values (copied)
	 * @param weights weight of each point (kept, not copied)
	 * @param nc values per point
	 */
	PointTree(final float[] points, final long[] weights, final int nc) {
		this.nc = nc;
		n = weights.length;
		final int[][] codes = new int[1][];
		index = mortonOrder(points, nc, codes);
		from = new int[Math.max(16, n / 2)];
		to = new int[from.length];
		child = new int[from.length];
		build(codes[0], 0, n, 1);
		final int taskSize = Math.max(LEAF, n / TASKS);
		tasks(0, taskSize);
		pts = new float[n * nc];
		wts = weights;
		lo = new float[nodes * nc];
		hi = new float[nodes * nc];
		nodeW = new double[nodes];
		nodeS = new double[nodes * nc];
		nodeS2 = new double[nodes];
		Threads.forEachApply(taskRoots, r -> {
			for (int s = from[r]; s < to[r]; s += BLOCK)
				copy(points, s, Math.min(to[r], s + BLOCK));
			sums(r, -1);
			return r;
		});
		sums(0, taskSize);
	}

	/** Points {@code start..end-1} of the tree order, from the caller's arrays. */
	private void copy(final float[] points, final int start, final int end) {
		for (int i = start; i < end; i++) {
			System.arraycopy(points, index[i] * nc, pts, i * nc, nc);
		}
	}

	/**
	 * @param codes set to each point's Morton code, in the returned order
	 * @return the points' indices sorted by Morton code (stable: equal codes in index order)
	 */
	private static int[] mortonOrder(final float[] points, final int nc, final int[][] codes) {
		final int n = points.length / nc;
		final int bits = Math.min(10, 31 / nc);
		final float[] box = new float[2 * nc];
		for (int c = 0; c < nc; c++) {
			box[c] = Float.POSITIVE_INFINITY;
			box[nc + c] = Float.NEGATIVE_INFINITY;
		}
		for (int s = 0; s < n; s += BLOCK)
			extend(points, nc, box, s, Math.min(n, s + BLOCK));
		final double[] low = new double[nc], step = new double[nc];
		for (int c = 0; c < nc; c++) {
			low[c] = box[c];
			step[c] = box[nc + c] > box[c] ? (1 << bits) / ((double) box[nc + c] - box[c]) : 0;
		}
		final int top = (1 << bits) - 1;
		// each cell's bits spread nc apart, to be interleaved by shifts
		final int[] spread = new int[top + 1];
		for (int v = 0; v <= top; v++)
			for (int b = 0; b < bits; b++)
				spread[v] |= (v >>> b & 1) << b * nc;
		final int[] key = new int[n];
		final int digits = 1 << DIGIT, passes = (bits * nc + DIGIT - 1) / DIGIT;
		// the counts of every digit, from one pass over the points
		final int[] counts = new int[passes * (digits + 1)];
		for (int s = 0; s < n; s += BLOCK)
			keys(points, nc, low, step, spread, key, counts, s, Math.min(n, s + BLOCK));
		// least significant digit first radix sort
		int[] order = null, other = new int[n];
		for (int p = 0; p < passes; p++) {
			final int base = p * (digits + 1);
			for (int d = 0; d < digits; d++)
				counts[base + d + 1] += counts[base + d];
			for (int s = 0; s < n; s += BLOCK)
				scatter(key, order, other, counts, base, p * DIGIT, s, Math.min(n, s + BLOCK));
			final int[] t = order == null ? new int[n] : order;
			order = other;
			other = t;
		}
		for (int s = 0; s < n; s += BLOCK)
			gather(key, order, other, s, Math.min(n, s + BLOCK));
		codes[0] = other;
		return order;
	}

	/**
	 * The Morton codes of points {@code start..end-1}, and the counts of their digits. The loops over
	 * all points go in blocks of {@value #BLOCK}: the command line's JVM runs C1 only and once, and a
	 * method called per block is compiled after a few thousand points, a loop over all of them only
	 * after 60 000 iterations.
	 */
	private static void keys(final float[] points, final int nc, final double[] low, final double[] step,
		final int[] spread, final int[] key, final int[] counts, final int start, final int end)
	{
		final int top = spread.length - 1, mask = (1 << DIGIT) - 1, passes = counts.length / (mask + 2);
		for (int i = start; i < end; i++) {
			int code = 0;
			for (int c = 0; c < nc; c++)
				code |= spread[Math.min(top, (int) ((points[i * nc + c] - low[c]) * step[c]))] << nc - 1 - c;
			key[i] = code;
			for (int p = 0; p < passes; p++)
				counts[p * (mask + 2) + (code >>> p * DIGIT & mask) + 1]++;
		}
	}

	/** Extends {@code box} (least values, then greatest) to points {@code start..end-1}. */
	private static void extend(final float[] points, final int nc, final float[] box, final int start, final int end) {
		for (int i = start; i < end; i++)
			for (int c = 0; c < nc; c++) {
				final float v = points[i * nc + c];
				if (v < box[c]) box[c] = v;
				if (v > box[nc + c]) box[nc + c] = v;
			}
	}

	/** {@code codes[i] = key[order[i]]} for {@code i} in {@code start..end-1}. */
	private static void gather(final int[] key, final int[] order, final int[] codes, final int start, final int end) {
		for (int i = start; i < end; i++)
			codes[i] = key[order[i]];
	}

	/** One pass of the radix sort over {@code order[start..end-1]} (the identity if null). */
	private static void scatter(final int[] key, final int[] order, final int[] other, final int[] counts,
		final int base, final int shift, final int start, final int end)
	{
		final int mask = (1 << DIGIT) - 1;
		for (int i = start; i < end; i++) {
			final int o = order == null ? i : order[i];
			other[counts[base + (key[o] >>> shift & mask)]++] = o;
		}
	}

	/**
	 * Node {@code nodes} over the points {@code start..end-1}: a leaf if they are few or share a
	 * cell, else split where the highest bit in which their codes differ turns on; its children
	 * follow in pre-order.
	 *
	 * @param depth the node's depth, the root's 1
	 */
	private void build(final int[] codes, final int start, final int end, final int depth) {
		final int node = nodes++;
		if (node == from.length) {
			from = Arrays.copyOf(from, 2 * node);
			to = Arrays.copyOf(to, 2 * node);
			child = Arrays.copyOf(child, 2 * node);
		}
		from[node] = start;
		to[node] = end;
		child[node] = -1;
		height = Math.max(height, depth);
		if (end - start <= LEAF || codes[start] == codes[end - 1]) {
			maxLeaf = Math.max(maxLeaf, end - start);
			return;
		}
		final int bit = Integer.highestOneBit(codes[start] ^ codes[end - 1]);
		// the first point whose code has the bit: codes are sorted and agree above it
		int a = start, b = end - 1;
		while (a < b) {
			final int m = (a + b) >>> 1;
			if ((codes[m] & bit) != 0) b = m;
			else a = m + 1;
		}
		build(codes, start, a, depth + 1);
		child[node] = nodes;
		build(codes, a, end, depth + 1);
	}

	/** Marks the nodes of at most {@code size} points (or leaves) below {@code node} as the tasks' roots. */
	private void tasks(final int node, final int size) {
		if (child[node] < 0 || to[node] - from[node] <= size) taskRoots.add(node);
		else {
			tasks(node + 1, size);
			tasks(child[node], size);
		}
	}

	/**
	 * The sums and the tight box of a node, from its points or its children.
	 *
	 * @param taskSize the size below which a node is a task's root, done by its task; -1 within a task
	 */
	private void sums(final int node, final int taskSize) {
		final int b = node * nc;
		final int r = child[node];
		if (taskSize >= 0 && (r < 0 || to[node] - from[node] <= taskSize)) return;
		if (r >= 0) {
			final int l = node + 1;
			sums(l, taskSize);
			sums(r, taskSize);
			nodeW[node] = nodeW[l] + nodeW[r];
			nodeS2[node] = nodeS2[l] + nodeS2[r];
			for (int c = 0; c < nc; c++) {
				nodeS[b + c] = nodeS[l * nc + c] + nodeS[r * nc + c];
				lo[b + c] = Math.min(lo[l * nc + c], lo[r * nc + c]);
				hi[b + c] = Math.max(hi[l * nc + c], hi[r * nc + c]);
			}
			return;
		}
		for (int c = 0; c < nc; c++) {
			lo[b + c] = Float.POSITIVE_INFINITY;
			hi[b + c] = Float.NEGATIVE_INFINITY;
		}
		for (int i = from[node]; i < to[node]; i++) {
			final double w = wts[index[i]];
			nodeW[node] += w;
			double s2 = 0;
			for (int c = 0; c < nc; c++) {
				final float f = pts[i * nc + c];
				final double v = f;
				nodeS[b + c] += w * v;
				s2 += v * v;
				lo[b + c] = Math.min(lo[b + c], f);
				hi[b + c] = Math.max(hi[b + c], f);
			}
			nodeS2[node] += w * s2;
		}
	}
}
