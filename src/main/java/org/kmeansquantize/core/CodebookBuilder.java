package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns learned centres into a {@link Codebook}, for {@link KMeansQuantizer#train} and
 * {@link SharedModel#codebook}: centres without pixels dropped, the others ordered by brightness,
 * converted to input units, kept to 1/{@value #INTEGER_STEPS} of a unit for integer images, and the
 * non-finite entry last.
 */
final class CodebookBuilder {

	/**
	 * Entries of integer images are kept to 1/16 of a unit: they are reconstructed to whole units
	 * anyway, and short decimals keep the codebook in a file small (2-3 KB less at k = 256).
	 */
	private static final int INTEGER_STEPS = 16;

	private CodebookBuilder() {}

	/**
	 * @param colors the entries asked for
	 * @param nonFinite whether the image has NaN or infinite pixels (which take an entry of their own)
	 * @return the most entries to learn: {@code colors}, at most 255 with non-finite pixels
	 */
	static int learnedEntries(final int colors, final boolean nonFinite) {
		return nonFinite ? Math.min(colors, QuantizeSettings.MAX_COLORS - 1) : colors;
	}

	/**
	 * The codebook of the centres of a training set, with the pixels per centre of a Lloyd pass.
	 *
	 * @param weights pixels per centre (rounded to whole pixels)
	 */
	static Codebook of(final SampleRange range, final double[] centres, final double[] weights, final int m,
		final TrainingSet set, final long nonFinite)
	{
		final long[] counts = new long[m];
		for (int i = 0; i < m; i++)
			counts[i] = Math.round(weights[i]);
		return of(range, centres, counts, m, set.nc, set.scale, set.offset, nonFinite);
	}

	/**
	 * The codebook of learned centres: centres without pixels dropped, the others ordered by
	 * brightness (the sum of their scaled values; ties by value, then index), converted to input
	 * units and {@linkplain #shortened shortened}, and the non-finite entry last if there were
	 * non-finite pixels.
	 *
	 * @param centres {@code m * nc} centres in scaled units ({@code (value - offset) * scale})
	 * @param counts pixels per centre
	 */
	static Codebook of(final SampleRange range, final double[] centres, final long[] counts, final int m,
		final int nc, final double[] scale, final double[] offset, final long nonFinite)
	{
		final List<Integer> used = new ArrayList<>();
		for (int j = 0; j < m; j++)
			if (counts[j] > 0) used.add(j);
		final double[] brightness = new double[m];
		for (int j = 0; j < m; j++)
			for (int c = 0; c < nc; c++)
				brightness[j] += centres[j * nc + c];
		used.sort((a, b) -> {
			if (brightness[a] != brightness[b]) return Double.compare(brightness[a], brightness[b]);
			for (int c = 0; c < nc; c++) {
				final int r = Double.compare(centres[a * nc + c], centres[b * nc + c]);
				if (r != 0) return r;
			}
			return Integer.compare(a, b);
		});
		final int size = used.size() + (nonFinite > 0 ? 1 : 0);
		final double[][] values = new double[size][nc];
		final long[] entryCounts = new long[size];
		for (int i = 0; i < used.size(); i++) {
			final int j = used.get(i);
			for (int c = 0; c < nc; c++)
				values[i][c] = shortened(range, centres[j * nc + c] / scale[c] + offset[c]);
			entryCounts[i] = counts[j];
		}
		if (nonFinite > 0) {
			Arrays.fill(values[size - 1], Double.NaN);
			entryCounts[size - 1] = nonFinite;
		}
		return new Codebook(values, entryCounts, range, nonFinite > 0, scale.clone());
	}

	/**
	 * An entry's value kept to 1/{@value #INTEGER_STEPS} of a unit for integer images, where its
	 * reconstruction (the value rounded into the type) stays that of the unrounded value.
	 */
	private static double shortened(final SampleRange range, final double v) {
		if (!range.isInteger()) return v;
		double s = Math.round(v * INTEGER_STEPS) / (double) INTEGER_STEPS;
		if (range.fit(s) != range.fit(v)) s += (v < s ? -1.0 : 1.0) / INTEGER_STEPS;
		return s;
	}
}
