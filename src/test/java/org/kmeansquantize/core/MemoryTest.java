package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine's memory beyond the image and the label image does not grow with the number of
 * pixels: bytes allocated by training and assignment on 1 and on 16 megapixels, single-threaded so
 * that the current thread sees every allocation.
 */
@Tag("slow") // images of 16 and more megapixels
class MemoryTest {

	private static final com.sun.management.ThreadMXBean THREADS =
		(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

	/** Same settings for every size: a fixed number of exact passes. */
	private static final QuantizeSettings SETTINGS = QuantizeSettings.builder().colors(32).refine(5).tolerance(0)
		.build();

	private static long allocated(final PixelSource src) {
		return Parallelization.runSingleThreaded(() -> {
			final long[] d = src.pixelDimensions();
			final var labels = ArrayImgs.unsignedBytes(d);
			final long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
			final Codebook cb = KMeansQuantizer.train(SETTINGS, src, null, Progress.NONE);
			KMeansQuantizer.assign(cb, src, labels, Progress.NONE);
			return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
		});
	}

	/** Smooth 3-channel float image with noise: every pixel distinct, so pixels are streamed. */
	private static PixelSource floats(final int w, final int h) {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(w, h, 3);
		final float[] a = img.update(null).getCurrentStorageArray();
		final int n = w * h;
		long s = 1;
		for (int p = 0; p < n; p++) {
			s = s * 6364136223846793005L + 1442695040888963407L;
			final float noise = (s >>> 40) / (float) (1 << 24);
			a[p] = (p % w) * 0.1f + noise;
			a[n + p] = (p / w) * 0.1f + noise;
			a[2 * n + p] = ((p % w) ^ (p / w)) * 0.05f;
		}
		return PixelSource.of(img, 2);
	}

	/** RGB photo-like content, mirror-tiled: the same distinct colours at any size. */
	private static PixelSource rgb(final int w, final int h) {
		final ArrayImg<ARGBType, IntArray> img = ArrayImgs.argbs(w, h);
		final int[] a = img.update(null).getCurrentStorageArray();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int tx = (x / 500) % 2 == 0 ? x % 500 : 499 - x % 500;
				final int ty = (y / 500) % 2 == 0 ? y % 500 : 499 - y % 500;
				a[y * w + x] = 0xff000000 | ((tx * 255 / 499) << 16) | ((ty * 255 / 499) << 8) | ((tx ^ ty) & 0xff);
			}
		return PixelSource.ofArgb(img, false);
	}

	/**
	 * Streamed images of more than four million pixels first converge on a fixed sample of a
	 * million pixels held in memory, so sizes are compared from there.
	 */
	@Test
	void streamedPixelsUseBoundedMemory() {
		final long small = allocated(floats(2200, 2200));
		final long large = allocated(floats(4400, 4400));
		check(small, large, 4400L * 4400 * 3 * 4, "float");
		assertTrue(large < 4400L * 4400 * 3 * 4 / 2, "far less than the image itself");
		assertTrue(allocated(floats(1000, 1000)) <= small, "1 MP allocates no more than 4.8 MP");
	}

	/**
	 * From 4 megapixels on, assignment of 24-bit colours uses one fixed table of all 2<sup>24</sup>
	 * colours (32 MiB), so sizes are compared from there.
	 */
	@Test
	void distinctColoursUseBoundedMemory() {
		final long small = allocated(rgb(2048, 2048));
		final long large = allocated(rgb(4096, 4096));
		check(small, large, 4096L * 4096 * 4, "rgb");
		assertTrue(allocated(rgb(1000, 1000)) <= small, "1 MP allocates no more than 4 MP");
	}

	private static void check(final long small, final long large, final long imageBytes, final String what) {
		final String msg = what + ": allocated " + small / 1024 + " KiB and " + large / 1024 +
			" KiB on the larger image (image " + imageBytes / 1024 + " KiB)";
		System.out.println(msg);
		assertTrue(large < 1.25 * small + (4 << 20), msg);
	}
}
