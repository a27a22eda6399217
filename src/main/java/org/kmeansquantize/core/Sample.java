package org.kmeansquantize.core;

/**
 * Training points drawn at random: given as values, or as draws from distinct values that are
 * looked up only when first needed. The training on a coarse stand-in uses the sample only to
 * place a centre that lost its points, which is rare: most trainings never look one up.
 */
final class Sample {

	private final int nc;
	private final int size;
	private final TrainingSet.Distinct from;
	private final long[] draws;
	private volatile float[] values;

	private Sample(final int nc, final int size, final TrainingSet.Distinct from, final long[] draws,
		final float[] values)
	{
		this.nc = nc;
		this.size = size;
		this.from = from;
		this.draws = draws;
		this.values = values;
	}

	/** @return a sample of the given points, {@code nc} values each (not copied) */
	static Sample of(final float[] values, final int nc) {
		return new Sample(nc, values.length / nc, null, null, values);
	}

	/** @return a sample of the given draws from {@code from}, see {@link TrainingSet.Distinct#draw} */
	static Sample of(final TrainingSet.Distinct from, final long[] draws) {
		return new Sample(from.nc, draws.length, from, draws, null);
	}

	/** @return the number of points */
	int size() {
		return size;
	}

	/** @return all points' values, {@code size() * nc}, looked up on the first call */
	float[] values() {
		float[] v = values;
		if (v == null) synchronized (this) {
			v = values;
			if (v == null) values = v = from.resolve(draws);
		}
		return v;
	}

	/** Copies point {@code s}'s values to {@code dst} from {@code offset} on. */
	void copy(final int s, final double[] dst, final int offset) {
		final float[] v = values;
		if (v != null) {
			for (int c = 0; c < nc; c++)
				dst[offset + c] = v[s * nc + c];
			return;
		}
		final int i = from.pointAt(draws[s]);
		for (int c = 0; c < nc; c++)
			dst[offset + c] = from.points[i * nc + c];
	}
}
