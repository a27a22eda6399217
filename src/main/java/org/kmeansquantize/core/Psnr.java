package org.kmeansquantize.core;

import java.util.List;

/**
 * The project's one PSNR, which every front end reports (compress, folder runs, the Spark job,
 * {@code --target-psnr}, the quality curve in Fiji, ImageJ 1 and on the command line):
 * {@code PSNR = 10 log10(peak² / MSE)} in dB, the MSE per value (pixels times channels) in the
 * image's own units, with the peak
 * <ul>
 * <li>for integer data {@code 2^b - 1}, where {@code b} is 8 or the number of bits needed for the
 * largest value in the image, whichever is more: 255 for 8-bit and RGB, 4095 for 12-bit data in
 * 16-bit files, 65535 for full-range 16-bit data;</li>
 * <li>for floating-point data the range of the finite values (largest minus smallest).</li>
 * </ul>
 * The PSNR is infinite where the MSE is 0, and undefined (NaN) where the peak is (float data of one
 * finite value, or no finite value at all) and the MSE is not 0.
 */
public final class Psnr {

	private Psnr() {}

	/**
	 * @param mse mean squared error per value, in input units squared
	 * @param peak the peak ({@link Extent#peak()}), in input units
	 * @return the PSNR in dB; positive infinity if {@code mse} is 0; NaN if {@code mse} is negative
	 *         or NaN, or it is positive and {@code peak} is not positive and finite
	 */
	public static double of(final double mse, final double peak) {
		if (mse == 0) return Double.POSITIVE_INFINITY;
		if (!(mse > 0) || !(peak > 0) || Double.isInfinite(peak)) return Double.NaN;
		return 10 * Math.log10(peak * peak / mse);
	}

	/**
	 * The inverse of {@link #of}: the MSE that a PSNR stands for, e.g. to draw a target PSNR on an
	 * MSE axis.
	 *
	 * @param psnr a PSNR in dB
	 * @param peak the peak ({@link Extent#peak()}), in input units
	 * @return {@code peak² / 10^(psnr / 10)} in input units squared; 0 for an infinite PSNR; NaN if
	 *         {@code psnr} is NaN or {@code peak} is not positive and finite
	 */
	public static double mse(final double psnr, final double peak) {
		if (Double.isNaN(psnr) || !(peak > 0) || Double.isInfinite(peak)) return Double.NaN;
		return peak * peak / Math.pow(10, psnr / 10);
	}

	/**
	 * The values of an image that its peak depends on, scanned over its pixels in parallel (ImgLib2
	 * {@code Parallelization}) where needed: integer types of at most 8 bits (and RGB) have peak 255
	 * whatever their values and are not read.
	 *
	 * @param source the image's pixels; only read
	 * @param progress progress and cancellation
	 * @return their extent
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Extent extent(final PixelSource source, final Progress progress) {
		final SampleRange range = source.range();
		if (range.isInteger() && range.max() <= 255) return new Extent(true, range.min(), range.max());
		final int nc = source.channels();
		final boolean integer = range.isInteger();
		final List<Extent> parts = Chunks.map(source.size(), () -> new PixelBlocks(source, null), (blocks, start,
			len) -> {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				blocks.read(b, n);
				for (int i = 0; i < n * nc; i++) {
					final float v = blocks.values[i];
					if (!Float.isFinite(v)) continue;
					if (v < lo) lo = v;
					if (v > hi) hi = v;
				}
			}
			return new Extent(integer, lo, hi);
		}, progress, "value range");
		Extent all = new Extent(integer, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
		for (final Extent e : parts)
			all = all.union(e);
		return all;
	}

	/**
	 * Whether data are integer and their smallest and largest finite value: what the peak depends on.
	 * Images taken together (a folder, a dataset) have the {@linkplain #union union} of their
	 * extents. Immutable.
	 */
	public static final class Extent implements java.io.Serializable {

		private static final long serialVersionUID = 1L;

		/** The extent of no data: its peak is NaN, and it is the identity of {@link #union}. */
		public static final Extent NONE = new Extent(true, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

		private final boolean integer;
		private final double min;
		private final double max;
		/** Set when integer and floating-point data were taken together: no peak. */
		private final boolean mixed;

		/**
		 * @param integer whether the data are integer
		 * @param min the smallest finite value (for integer data of at most 8 bits, any lower bound)
		 * @param max the largest finite value (for integer data of at most 8 bits, any upper bound up
		 *          to 255)
		 */
		public Extent(final boolean integer, final double min, final double max) {
			this(integer, min, max, false);
		}

		private Extent(final boolean integer, final double min, final double max, final boolean mixed) {
			this.integer = integer;
			this.min = min;
			this.max = max;
			this.mixed = mixed;
		}

		/**
		 * @return the peak of the class description: {@code 2^max(8, bits of the largest value) - 1}
		 *         for integer data, the range of the finite values for floating-point data; NaN for
		 *         no data and for integer and floating-point data taken together
		 */
		public double peak() {
			if (mixed || !(min <= max)) return Double.NaN;
			if (!integer) return max - min;
			final long largest = (long) Math.max(0, Math.ceil(max));
			final int bits = Math.max(8, 64 - Long.numberOfLeadingZeros(largest));
			return bits >= 63 ? Math.pow(2, bits) - 1 : (1L << bits) - 1;
		}

		/**
		 * @param other another extent
		 * @return the extent of both data taken together
		 */
		public Extent union(final Extent other) {
			if (other == NONE || other.min > other.max && !other.mixed) return this;
			if (this == NONE || min > max && !mixed) return other;
			return new Extent(integer && other.integer, Math.min(min, other.min), Math.max(max, other.max), mixed ||
				other.mixed || integer != other.integer);
		}
	}
}
