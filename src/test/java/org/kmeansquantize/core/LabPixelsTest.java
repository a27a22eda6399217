package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;

/**
 * CIE L*a*b* of sRGB (D65): published values, the round trip to RGB, the block-wise view, and
 * k-means in Lab through the engine's entry points.
 */
class LabPixelsTest {

	/**
	 * sRGB to Lab for the primaries, white, black and a mid grey, against the values of Bruce
	 * Lindbloom's calculator (D65, sRGB companding) to 0.01.
	 */
	@Test
	void knownValues() {
		assertLab(255, 255, 255, 100, 0, 0);
		assertLab(0, 0, 0, 0, 0, 0);
		assertLab(255, 0, 0, 53.2408, 80.0925, 67.2032);
		assertLab(0, 255, 0, 87.7347, -86.1827, 83.1793);
		assertLab(0, 0, 255, 32.2970, 79.1875, -107.8602);
		assertLab(128, 128, 128, 53.5850, 0, 0);
	}

	@Test
	void everyRgbValueComesBackWithinHalfAUnit() {
		final double[] lab = new double[3], rgb = new double[3];
		double worst = 0;
		for (int r = 0; r < 256; r += 3)
			for (int g = 0; g < 256; g += 3)
				for (int b = 0; b < 256; b += 3) {
					LabPixels.toLab(r, g, b, lab);
					LabPixels.toRgb(lab[0], lab[1], lab[2], rgb);
					worst = Math.max(worst, Math.max(Math.abs(rgb[0] - r), Math.max(Math.abs(rgb[1] - g), Math.abs(rgb[2] -
						b))));
				}
		assertTrue(worst < 0.5, "worst round-trip error " + worst);
		// the published 7-digit matrices are inverses to about 1e-7, so far less than rounding is lost
		assertTrue(worst < 0.01, "worst round-trip error " + worst);
	}

	@Test
	void theViewConvertsEveryPixelAsItIsRead() {
		final ArrayImg<UnsignedByteType, ByteArray> img = randomRgb(70, 50, 3);
		final PixelSource rgb = PixelSource.of(img, 2);
		final PixelSource lab = LabPixels.view(rgb);
		assertEquals(3, lab.channels());
		assertEquals(rgb.size(), lab.size());
		assertArrayEquals(rgb.pixelDimensions(), lab.pixelDimensions());
		final float[] in = new float[(int) rgb.size() * 3], out = new float[in.length];
		rgb.reader().read(0, (int) rgb.size(), in);
		lab.reader().read(0, (int) rgb.size(), out);
		final double[] expected = new double[3];
		for (int i = 0; i < rgb.size(); i++) {
			LabPixels.toLab(in[i * 3], in[i * 3 + 1], in[i * 3 + 2], expected);
			for (int c = 0; c < 3; c++)
				assertEquals((float) expected[c], out[i * 3 + c], "pixel " + i + " channel " + c);
		}
	}

	@Test
	void onlyRgbImagesAndSettingsWithoutScalingAreAccepted() {
		final PixelSource grey = PixelSource.of(ArrayImgs.unsignedBytes(8, 8), -1);
		final QuantizeSettings lab = QuantizeSettings.builder().colors(2).space(ColourSpace.LAB).build();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeansQuantizer.train(
			lab, grey, null, Progress.NONE));
		assertEquals("space=lab needs an RGB image (3 channels of 8 bits), not 1 channel of 8 bits", e.getMessage());
		final IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> QuantizeSettings
			.builder().space(ColourSpace.LAB).scaling(ChannelScaling.STANDARDIZE).build());
		assertTrue(s.getMessage().startsWith("scaling=standardize cannot be combined with space=lab"), s.getMessage());
		final IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> QuantizeSettings
			.builder().space(ColourSpace.LAB).dither(true).build());
		assertTrue(d.getMessage().startsWith("dither cannot be combined with space=lab"), d.getMessage());
		assertEquals(ColourSpace.LAB, ColourSpace.parse(" LAB"));
		assertThrows(IllegalArgumentException.class, () -> ColourSpace.parse("hsv"));
		assertEquals(QuantizeSettings.defaults().toString(), QuantizeSettings.defaults().toBuilder().space(
			ColourSpace.RGB).build().toString());
		assertTrue(lab.toString().endsWith(" space=lab"), lab.toString());
	}

	@Test
	void labTrainingGivesAnRgbCodebookAndTheSameResultOnAnyThreadCount() {
		final PixelSource rgb = PixelSource.of(randomRgb(300, 200, 5), 2);
		final QuantizeSettings s = QuantizeSettings.builder().colors(6).space(ColourSpace.LAB).build();
		final Codebook one = Parallelization.runSingleThreaded(() -> KMeansQuantizer.train(s, rgb, null,
			Progress.NONE));
		final Codebook many = Parallelization.runWithNumThreads(4, () -> KMeansQuantizer.train(s, rgb, null,
			Progress.NONE));
		assertEquals(one, many);
		assertEquals(SampleRange.UINT8, one.range());
		assertEquals(3, one.channels());
		for (int i = 0; i < one.size(); i++)
			for (int c = 0; c < 3; c++) {
				final double v = one.value(i, c);
				assertTrue(v == Math.rint(v) && v >= 0 && v <= 255, "entry " + i + " channel " + c + ": " + v);
			}
		final ArrayImg<UnsignedByteType, ByteArray> a = ArrayImgs.unsignedBytes(300, 200), b = ArrayImgs
			.unsignedBytes(300, 200);
		final Assignment x = Parallelization.runSingleThreaded(() -> KMeansQuantizer.assign(one, rgb, a,
			ColourSpace.LAB, Progress.NONE));
		final Assignment y = Parallelization.runWithNumThreads(4, () -> KMeansQuantizer.assign(one, rgb, b,
			ColourSpace.LAB, Progress.NONE));
		assertArrayEquals(a.update(null).getCurrentStorageArray(), b.update(null).getCurrentStorageArray());
		assertEquals(x.sumSquaredError(), y.sumSquaredError());
		assertArrayEquals(x.counts(), y.counts());
		// the error is measured in RGB: against the entries the labels reconstruct to
		final float[] px = new float[3];
		final PixelSource.Reader r = rgb.reader();
		double sse = 0;
		final byte[] labels = a.update(null).getCurrentStorageArray();
		for (int i = 0; i < rgb.size(); i++) {
			r.read(i, 1, px);
			for (int c = 0; c < 3; c++)
				sse += Math.pow(px[c] - one.value(labels[i] & 0xff, c), 2);
		}
		assertEquals(sse, x.sumSquaredError(), 1e-6 * sse);
		assertEquals(rgb.size() * 3, x.finiteSamples());
		// every label is the nearest entry in Lab
		final double[] p = new double[3], e = new double[3];
		for (int i = 0; i < rgb.size(); i += 97) {
			r.read(i, 1, px);
			LabPixels.toLab(px[0], px[1], px[2], p);
			int best = -1;
			double bestD = Double.POSITIVE_INFINITY;
			for (int j = 0; j < one.size(); j++) {
				LabPixels.toLab(one.value(j, 0), one.value(j, 1), one.value(j, 2), e);
				final double d = (p[0] - e[0]) * (p[0] - e[0]) + (p[1] - e[1]) * (p[1] - e[1]) + (p[2] - e[2]) * (p[2] -
					e[2]);
				if (d < bestD - 1e-3) {
					bestD = d;
					best = j;
				}
			}
			assertEquals(best, labels[i] & 0xff, "pixel " + i);
		}
	}

	private static void assertLab(final int r, final int g, final int b, final double l, final double a,
		final double bb)
	{
		final double[] lab = new double[3];
		LabPixels.toLab(r, g, b, lab);
		assertArrayEquals(new double[] { l, a, bb }, lab, 0.01, "Lab of " + r + "," + g + "," + b);
	}

	/** Smooth colour blobs with noise, so that k-means has clusters to find. */
	private static ArrayImg<UnsignedByteType, ByteArray> randomRgb(final int w, final int h, final long seed) {
		final Random random = new Random(seed);
		final byte[] data = new byte[w * h * 3];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int c = 0; c < 3; c++) {
					final double base = 128 + 100 * Math.sin((x * (c + 1) + y * (3 - c)) / 40.0);
					data[c * w * h + y * w + x] = (byte) Math.max(0, Math.min(255, (int) (base + random.nextGaussian() *
						8)));
				}
		return ArrayImgs.unsignedBytes(data, w, h, 3);
	}
}
