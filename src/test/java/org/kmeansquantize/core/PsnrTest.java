package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

/** The project's one PSNR definition, {@link Psnr}, on each kind of data it names. */
class PsnrTest {

	@Test
	void psnrIsTenLog10PeakSquaredOverMse() {
		assertEquals(10 * Math.log10(255.0 * 255 / 13.63), Psnr.of(13.63, 255), 1e-12);
		assertEquals(20, Psnr.of(1, 10), 1e-12);
		assertEquals(Double.POSITIVE_INFINITY, Psnr.of(0, 255));
		assertEquals(Double.POSITIVE_INFINITY, Psnr.of(0, 0), "exact is infinite whatever the peak");
		assertTrue(Double.isNaN(Psnr.of(Double.NaN, 255)));
		assertTrue(Double.isNaN(Psnr.of(1, 0)));
		assertTrue(Double.isNaN(Psnr.of(1, Double.NaN)));
	}

	@Test
	void mseIsTheInverseOfPsnr() {
		assertEquals(20.5627, Psnr.mse(35, 255), 1e-4);
		for (final double mse : new double[] { 0.37, 13.63, 650, 1.5e6 })
			assertEquals(mse, Psnr.mse(Psnr.of(mse, 4095), 4095), mse * 1e-12);
		assertEquals(0, Psnr.mse(Double.POSITIVE_INFINITY, 255));
		assertTrue(Double.isNaN(Psnr.mse(30, 0)));
		assertTrue(Double.isNaN(Psnr.mse(Double.NaN, 255)));
	}

	@Test
	void eightBitPeakIs255WhateverTheValues() {
		assertEquals(255, peak(PixelSource.of(ArrayImgs.unsignedBytes(new byte[] { 3, 7, 9, 0 }, 2, 2), -1)));
	}

	@Test
	void rgbPeakIs255() {
		final int[] argb = { 0xff102030, 0xff000000, 0xff050505, 0xff0a0b0c };
		assertEquals(255, peak(PixelSource.ofArgb(ArrayImgs.argbs(argb, 2, 2), false)));
	}

	@Test
	void twelveBitDataInSixteenBitFilesHavePeak4095() {
		assertEquals(4095, peak(shorts(0, 17, 4095, 2048)));
		assertEquals(4095, peak(shorts(0, 17, 3000, 2048)), "bits needed for the largest value, not the value");
		assertEquals(8191, peak(shorts(0, 4096)));
		assertEquals(255, peak(shorts(0, 200)), "never fewer than 8 bits");
		assertEquals(255, peak(shorts(0, 0)), "a black image");
	}

	@Test
	void fullRangeSixteenBitDataHavePeak65535() {
		assertEquals(65535, peak(shorts(0, 40000, 65535)));
		assertEquals(65535, peak(shorts(12, 32768)));
	}

	@Test
	void floatPeakIsTheRangeOfTheFiniteValues() {
		assertEquals(4.5, peak(floats(-1.5f, 3, Float.NaN, 0, Float.POSITIVE_INFINITY)));
	}

	@Test
	void constantFloatDataHaveNoPeakAndPsnrOnlyWhenExact() {
		final double peak = peak(floats(2.5f, 2.5f, Float.NaN));
		assertEquals(0, peak);
		assertTrue(Double.isNaN(Psnr.of(0.25, peak)), "undefined for an error > 0");
		assertEquals(Double.POSITIVE_INFINITY, Psnr.of(0, peak));
		assertTrue(Double.isNaN(peak(floats(Float.NaN, Float.NEGATIVE_INFINITY))), "no finite value");
	}

	@Test
	void unionIsTheExtentOfAllDataTogether() {
		final Psnr.Extent a = Psnr.extent(shorts(0, 1000), Progress.NONE), b = Psnr.extent(shorts(5, 4000),
			Progress.NONE), f = Psnr.extent(floats(-1, 1), Progress.NONE), g = Psnr.extent(floats(0.5f, 3),
				Progress.NONE);
		assertEquals(4095, a.union(b).peak());
		assertEquals(1023, Psnr.Extent.NONE.union(a).peak());
		assertEquals(4, f.union(g).peak());
		assertTrue(Double.isNaN(a.union(f).peak()), "integer and float data together have no peak");
		assertTrue(Double.isNaN(Psnr.Extent.NONE.peak()));
	}

	private static double peak(final PixelSource source) {
		return Psnr.extent(source, Progress.NONE).peak();
	}

	private static PixelSource shorts(final int... values) {
		final short[] s = new short[values.length];
		for (int i = 0; i < s.length; i++)
			s[i] = (short) values[i];
		return PixelSource.of(ArrayImgs.unsignedShorts(s, s.length), -1);
	}

	private static PixelSource floats(final float... values) {
		return PixelSource.of(ArrayImgs.floats(values.clone(), values.length), -1);
	}
}
