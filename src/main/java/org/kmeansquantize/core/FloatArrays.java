package org.kmeansquantize.core;

import java.util.Arrays;

/**
 * Conversions between the float points and the double centres of the k-means code, and the grid
 * over points' bounding box that the histograms of seeding and restarts bin them on.
 */
final class FloatArrays {

	private FloatArrays() {}

	/** @return {@code a}'s values rounded to float, in a new array */
	static float[] toFloat(final double[] a) {
		final float[] f = new float[a.length];
		for (int i = 0; i < a.length; i++)
			f[i] = (float) a[i];
		return f;
	}

	/** @return {@code a}'s values as doubles, in a new array */
	static double[] toDouble(final float[] a) {
		final double[] d = new double[a.length];
		for (int i = 0; i < a.length; i++)
			d[i] = a[i];
		return d;
	}

	/**
	 * A regular grid of {@code levels} cells per channel over the bounding box of {@code n} points.
	 *
	 * @param points n points of nc channels, point after point
	 * @param n how many points
	 * @param nc channels
	 * @param levels cells per channel
	 * @param lo filled with each channel's smallest value
	 * @return each channel's cells per unit: {@code levels / (max - min)}, 0 where max = min; a
	 *         value v falls in cell {@code min(levels - 1, (int) ((v - lo) * scale))}
	 */
	static double[] gridScale(final float[] points, final int n, final int nc, final int levels, final double[] lo) {
		Arrays.fill(lo, Double.POSITIVE_INFINITY);
		final double[] hi = new double[nc];
		Arrays.fill(hi, Double.NEGATIVE_INFINITY);
		for (int i = 0; i < n; i++)
			for (int c = 0; c < nc; c++) {
				final double v = points[i * nc + c];
				if (v < lo[c]) lo[c] = v;
				if (v > hi[c]) hi[c] = v;
			}
		final double[] scale = new double[nc];
		for (int c = 0; c < nc; c++)
			scale[c] = hi[c] > lo[c] ? levels / (hi[c] - lo[c]) : 0;
		return scale;
	}
}
