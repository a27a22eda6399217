package org.kmeansquantize.core;

/** Conversions between the float points and the double centres of the k-means code. */
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
}
