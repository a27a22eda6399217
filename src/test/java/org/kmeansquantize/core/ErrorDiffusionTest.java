package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;

/** Floyd&ndash;Steinberg labelling: local means kept, valid labels, independent of threads. */
class ErrorDiffusionTest {

	private static final int W = 256, H = 64;

	/** A grey ramp 0..255 along x, the same in every row, in {@code planes} planes. */
	private static ArrayImg<UnsignedByteType, ByteArray> gradient(final int planes) {
		final byte[] px = new byte[W * H * planes];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) (i % W);
		return planes == 1 ? ArrayImgs.unsignedBytes(px, W, H) : ArrayImgs.unsignedBytes(px, W, H, planes);
	}

	private static Codebook fourLevels() {
		return new Codebook(new double[][] { { 32 }, { 96 }, { 160 }, { 224 } }, new long[4], new SampleRange(0, 255,
			true, 8), false);
	}

	/**
	 * Mean over 8x8 blocks of |block mean of the reconstruction - block mean of the original|, over
	 * the values the codebook spans (32..223): darker and brighter values cannot be reached.
	 */
	private static double blockMeanError(final byte[] original, final byte[] labels, final Codebook cb) {
		double sum = 0;
		int blocks = 0;
		for (int by = 0; by < H; by += 8)
			for (int bx = 32; bx < 224; bx += 8) {
				double o = 0, r = 0;
				for (int y = by; y < by + 8; y++)
					for (int x = bx; x < bx + 8; x++) {
						o += original[y * W + x] & 0xff;
						r += cb.fitted(labels[y * W + x] & 0xff, 0);
					}
				sum += Math.abs(o - r) / 64;
				blocks++;
			}
		return sum / blocks;
	}

	@Test
	void ditheringAGradientKeepsItsLocalMeanAndGivesValidLabels() {
		final ArrayImg<UnsignedByteType, ByteArray> image = gradient(1);
		final Codebook cb = fourLevels();
		final PixelSource source = PixelSource.of(image, -1);
		final byte[] plain = new byte[W * H], dithered = new byte[W * H];
		final Assignment p = ErrorDiffusion.label(false, cb, source, ArrayImgs.unsignedBytes(plain, W, H),
			Progress.NONE);
		final Assignment d = ErrorDiffusion.label(true, cb, source, ArrayImgs.unsignedBytes(dithered, W, H),
			Progress.NONE);
		for (final byte b : dithered)
			assertTrue((b & 0xff) < cb.size(), "label " + (b & 0xff));
		final byte[] original = image.update(null).getCurrentStorageArray();
		final double plainError = blockMeanError(original, plain, cb);
		final double ditherError = blockMeanError(original, dithered, cb);
		assertTrue(plainError > 5, "plain assignment bands the ramp: " + plainError);
		assertTrue(ditherError < plainError / 10, "dithered " + ditherError + " against plain " + plainError);
		long total = 0;
		for (final long c : d.counts())
			total += c;
		assertEquals((long) W * H, total);
		assertEquals((long) W * H, d.finiteSamples());
		// per pixel, dithering is further from the original than the nearest entry
		assertTrue(d.mse() >= p.mse(), d.mse() + " " + p.mse());
	}

	@Test
	void sameLabelsOnOneThreadAndOnAll() {
		final ArrayImg<UnsignedByteType, ByteArray> image = gradient(5);
		final Codebook cb = fourLevels();
		final byte[] one = new byte[W * H * 5], all = new byte[W * H * 5];
		final Assignment a = Parallelization.runSingleThreaded(() -> ErrorDiffusion.assign(cb, PixelSource.of(image,
			-1), ArrayImgs.unsignedBytes(one, W, H, 5), Progress.NONE));
		final Assignment b = Parallelization.runMultiThreaded(() -> ErrorDiffusion.assign(cb, PixelSource.of(image,
			-1), ArrayImgs.unsignedBytes(all, W, H, 5), Progress.NONE));
		assertArrayEquals(one, all);
		assertArrayEquals(a.counts(), b.counts());
		assertEquals(a.sumSquaredError(), b.sumSquaredError(), 0);
		// every plane holds the same ramp and is dithered on its own: the same labels in each
		for (int z = 1; z < 5; z++)
			for (int i = 0; i < W * H; i++)
				assertEquals(one[i], one[z * W * H + i]);
	}
}
