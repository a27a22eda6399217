package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.kmeansquantize.io.ImageFiles;

/**
 * The quality curve on real images from {@code samples/}: MSE non-increasing in k, the MSE measured
 * exactly, close to a cold training at the same k, and the smallest k reaching a target PSNR.
 */
@Tag("slow")
class QualityCurveTest {

	private static final Path SAMPLES = Paths.get("samples");

	private static PixelSource read(final String name) throws IOException {
		return ImageFiles.read(SAMPLES.resolve(name)).pixels();
	}

	private static double coldMse(final PixelSource src, final int k) {
		final Codebook cb = KMeansQuantizer.train(QuantizeSettings.builder().colors(k).build(), src, null,
			Progress.NONE);
		return KMeansQuantizer.assign(cb, src, ArrayImgs.unsignedBytes(src.pixelDimensions()), Progress.NONE).mse();
	}

	private static QualityCurve curve(final PixelSource src) {
		final long t0 = System.nanoTime();
		final QualityCurve c = QualityCurve.compute(QuantizeSettings.builder().build(), src, null, Progress.NONE);
		System.out.printf(Locale.ROOT, "curve: %.3f s%n", (System.nanoTime() - t0) / 1e9);
		for (int i = 0; i < c.size(); i++)
			System.out.printf(Locale.ROOT, "k=%d mse=%.5g psnr=%.3f%s%n", c.k(i), c.mse(i), c.psnr(i), i == c.knee()
				? " knee" : "");
		return c;
	}

	private static void assertNonIncreasing(final QualityCurve c) {
		for (int i = 1; i < c.size(); i++)
			assertTrue(c.mse(i) <= c.mse(i - 1), "MSE at k=" + c.k(i) + " " + c.mse(i) + " above k=" + c.k(i - 1) +
				" " + c.mse(i - 1));
	}

	private static int index(final QualityCurve c, final int k) {
		for (int i = 0; i < c.size(); i++)
			if (c.k(i) == k) return i;
		throw new AssertionError("no k=" + k);
	}

	@Test
	void rgbPhotoWarmStartIsCloseToColdTraining() throws IOException {
		final PixelSource src = read("chelsea.png");
		final QualityCurve c = curve(src);
		assertEquals(15, c.size());
		assertEquals(255, c.peak());
		assertNonIncreasing(c);
		assertTrue(c.knee() > 0 && c.knee() < c.size() - 1, "knee " + c.knee());
		for (final int k : new int[] { 16, 64 }) {
			final double cold = coldMse(src, k), warm = c.mse(index(c, k));
			System.out.printf(Locale.ROOT, "k=%d warm %.4f cold %.4f ratio %.4f%n", k, warm, cold, warm / cold);
			assertTrue(warm <= cold * 1.05, "k=" + k + ": warm-started " + warm + " vs cold " + cold);
		}
	}

	@Test
	void greyImageGetsTheOptimalLevelsOfEveryK() throws IOException {
		final PixelSource src = read("camera.png");
		final QualityCurve c = curve(src);
		assertNonIncreasing(c);
		for (final int k : new int[] { 4, 16, 64 })
			assertEquals(coldMse(src, k), c.mse(index(c, k)), 1e-9, "k=" + k);
	}

	@Test
	void sixteenBitChannelsUseThePeakOfTheirBits() throws IOException {
		final PixelSource src = read("xyzc_16bit__spots.tif");
		final QualityCurve c = curve(src);
		assertEquals(Psnr.extent(src, Progress.NONE).peak(), c.peak());
		assertTrue(c.peak() == 4095 || c.peak() == 65535 || c.peak() == 16383, "peak " + c.peak());
		assertNonIncreasing(c);
		final double cold = coldMse(src, 16), warm = c.mse(index(c, 16));
		System.out.printf(Locale.ROOT, "16-bit k=16 warm %.4f cold %.4f ratio %.4f%n", warm, cold, warm / cold);
		assertTrue(warm <= cold * 1.05, "warm-started " + warm + " vs cold " + cold);
	}

	@Test
	void floatDataUseTheirRangeAsPeak() throws IOException {
		final PixelSource src = read("xy_float__h2b_bg_corr.tif");
		final QualityCurve c = curve(src);
		assertNonIncreasing(c);
		assertTrue(c.peak() > 0 && c.peak() < 1e6, "peak " + c.peak());
	}

	@Test
	void smallestKReachingTargetPsnr() throws IOException {
		final QualityCurve c = QualityCurve.compute(QuantizeSettings.builder().build(), read("chelsea.png"), null,
			Progress.NONE);
		final double target = (c.psnr(5) + c.psnr(6)) / 2;
		final int i = c.smallestReaching(target);
		assertEquals(6, i);
		assertTrue(c.psnr(i) >= target);
		assertTrue(c.psnr(i - 1) < target);
		assertEquals(-1, c.smallestReaching(200));
		assertEquals(0, c.smallestReaching(0));
	}

	@Test
	void kneedleFindsTheBend() {
		final int[] ks = { 2, 4, 8, 16, 32, 64 };
		final double[] mse = { 100, 30, 10, 8, 7, 6.5 };
		assertEquals(2, QualityCurve.kneedle(ks, mse));
		assertEquals(0, QualityCurve.kneedle(new int[] { 2, 4 }, new double[] { 2, 1 }));
	}
}
