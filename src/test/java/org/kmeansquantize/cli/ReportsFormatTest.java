package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The report's numbers, formatted without localisation, read as with {@link Locale#ROOT}. */
class ReportsFormatTest {

	@Test
	void formatsAsTheRootLocale() {
		final SplittableRandom rng = new SplittableRandom(7);
		final double[] special = { 0, -0.0, 1, 0.5, 0.125, 0.005, 0.015, 2.675, 9.9995, 99.995, 1e-5, 1e-4,
			123456.5, 1e7, 1e21, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
			Double.NEGATIVE_INFINITY };
		for (int i = 0; i < 20000; i++) {
			final double x = i < special.length ? special[i] : Math.pow(10, rng.nextDouble(-8, 12)) * (rng
				.nextBoolean() ? 1 : -1);
			for (final String f : new String[] { ", MSE %.4g", ", PSNR %.2f dB", "%.2f" })
				assertEquals(String.format(Locale.ROOT, f, x), Reports.format(f, x), f + " of " + x);
			final long n = rng.nextLong();
			assertEquals(String.format(Locale.ROOT, ", %d -> %d bytes, %.2f s", n, (long) i, x), Reports.format(
				", %d -> %d bytes, %.2f s", n, (long) i, x));
		}
	}
}
