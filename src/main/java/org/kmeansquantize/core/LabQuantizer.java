package org.kmeansquantize.core;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * K-means of an RGB image in CIE L*a*b*, as a layer around the engine: training and assignment run
 * unchanged on the image's {@link LabPixels#view Lab view}, and the centres come back as RGB
 * (rounded and clamped to 0-255), which is what is reported, stored and reconstructed. Labels are
 * the nearest of those entries in Lab, so that a stored codebook applied to the same image in Lab
 * gives the same labels. Stateless; deterministic and independent of the number of threads.
 */
final class LabQuantizer {

	private LabQuantizer() {}

	/**
	 * @param settings the settings (their space is Lab; their scaling none)
	 * @param rgb three 8-bit channels
	 * @param mask training pixels, or null for all
	 * @param progress progress and cancellation
	 * @return the RGB codebook, entries ordered by R + G + B (ties: by the Lab centres' order)
	 * @throws IllegalArgumentException if the image is not RGB
	 */
	static Codebook train(final QuantizeSettings settings, final PixelSource rgb,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		final Codebook lab = Training.train(settings, LabPixels.view(rgb), mask, progress).codebook();
		final int k = lab.size();
		final double[][] values = new double[k][3];
		final double[] v = new double[3];
		for (int i = 0; i < k; i++) {
			LabPixels.toRgb(lab.value(i, 0), lab.value(i, 1), lab.value(i, 2), v);
			for (int c = 0; c < 3; c++)
				values[i][c] = SampleRange.UINT8.fit(v[c]);
		}
		final Integer[] order = new Integer[k];
		for (int i = 0; i < k; i++)
			order[i] = i;
		Arrays.sort(order, Comparator.comparingDouble(i -> values[i][0] + values[i][1] + values[i][2]));
		final double[][] sorted = new double[k][];
		final long[] counts = new long[k];
		for (int i = 0; i < k; i++) {
			sorted[i] = values[order[i]];
			counts[i] = lab.count(order[i]);
		}
		return new Codebook(sorted, counts, SampleRange.UINT8, false);
	}

	/**
	 * @param codebook an RGB codebook (3 channels of 8 bits)
	 * @param rgb three 8-bit channels
	 * @param labels written: the nearest entry in Lab of every pixel
	 * @param progress progress and cancellation
	 * @return pixels per label, and the squared error of the RGB reconstruction in RGB units
	 * @throws IllegalArgumentException if the image or the codebook is not RGB
	 */
	static Assignment assign(final Codebook codebook, final PixelSource rgb,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		LabPixels.requireRgb(rgb);
		if (codebook.channels() != 3 || !codebook.range().equals(SampleRange.UINT8) || codebook.hasNonFiniteEntry())
			throw new IllegalArgumentException(QuantizeSettings.KEY_SPACE + "=" + ColourSpace.LAB.key() +
				" needs an RGB codebook (3 channels of 8 bits), not " + LabPixels.describe(codebook.channels(), codebook
					.range()));
		final int k = codebook.size();
		final double[][] lab = new double[k][3];
		final long[] none = new long[k];
		for (int i = 0; i < k; i++)
			LabPixels.toLab(codebook.fitted(i, 0), codebook.fitted(i, 1), codebook.fitted(i, 2), lab[i]);
		final Assignment inLab = Labelling.assign(new Codebook(lab, none, SampleRange.FLOAT32, false), LabPixels.view(
			rgb), labels, progress);
		final float[] entries = new float[k * 3];
		for (int i = 0; i < k; i++)
			for (int c = 0; c < 3; c++)
				entries[i * 3 + c] = (float) codebook.fitted(i, c);
		final List<Double> parts = Chunks.map(rgb.size(), () -> new ErrorPass(rgb, labels), (pass, start, len) -> pass
			.sse(entries, start, len), progress, "measuring");
		double sse = 0;
		for (final double p : parts)
			sse += p;
		return new Assignment(inLab.counts(), sse, rgb.size() * 3);
	}

	/** Reads RGB pixels and their labels in flat order; one per thread. */
	private static final class ErrorPass {

		private final PixelSource.Reader pixels;
		private final FlatCursor<UnsignedByteType> labels;
		private final float[] values = new float[Chunks.BLOCK * 3];

		ErrorPass(final PixelSource rgb, final RandomAccessibleInterval<UnsignedByteType> labels) {
			pixels = rgb.reader();
			this.labels = new FlatCursor<>(labels);
		}

		double sse(final float[] entries, final long start, final long len) {
			double sum = 0;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				pixels.read(b, n, values);
				final Cursor<UnsignedByteType> c = labels.at(b, n);
				for (int i = 0; i < n; i++) {
					final int e = c.next().get() * 3;
					for (int ch = 0; ch < 3; ch++) {
						final double d = values[i * 3 + ch] - entries[e + ch];
						sum += d * d;
					}
				}
			}
			return sum;
		}
	}
}
