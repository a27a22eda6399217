package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;

/**
 * The colour training path: its pruned Lloyd passes equal plain ones, Wu's seeds cover the
 * colours, and training and labels do not depend on the number of threads.
 */
class ColourKMeansTest {

	/** A photo-like RGB image: smooth gradients with noise, many distinct colours. */
	private static int[] photo(final int w, final int h, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final int[] argb = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int r = clamp(x * 255 / w + rnd.nextInt(-12, 13));
				final int g = clamp(y * 255 / h + rnd.nextInt(-12, 13));
				final int b = clamp((x + y) * 127 / (w + h) + 64 * ((x / 40 + y / 40) % 2) + rnd.nextInt(-12, 13));
				argb[y * w + x] = 0xff000000 | r << 16 | g << 8 | b;
			}
		return argb;
	}

	private static int clamp(final int v) {
		return Math.max(0, Math.min(255, v));
	}

	private static TrainingSet.Distinct distinct(final PixelSource src) {
		return (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, src, null, Progress.NONE).set;
	}

	@Test
	void prunedPassesEqualPlainPasses() {
		final TrainingSet.Distinct set = distinct(PixelSource.ofArgb(ArrayImgs.argbs(photo(300, 200, 1), 300, 200),
			false));
		assertTrue(set.distinct() > ColourKMeans.FEW);
		for (final int k : new int[] { 2, 17, 200 }) {
			final WuPartition.Result wu = WuPartition.partition(set.points, set.weights, set.distinct(), 3, k);
			assertEquals(k * 3, wu.seeds.length);
			final double[] centres = wu.seeds.clone();
			final DistinctLloyd pruned = new DistinctLloyd(set.points, set.weights, 3, wu.labels);
			for (int pass = 0; pass < 12; pass++) {
				final TrainingSet.Partial a = pruned.pass(centres, k, Progress.NONE);
				final TrainingSet.Partial b = set.lloyd(centres, k, Progress.NONE);
				assertArrayEquals(b.weights, a.weights, "k=" + k + " pass " + pass);
				assertEquals(b.distortion, a.distortion, 1e-6 * b.distortion, "k=" + k + " pass " + pass);
				for (int j = 0; j < k; j++)
					for (int c = 0; c < 3; c++)
						centres[j * 3 + c] = a.sums[j * 3 + c] / a.weights[j];
			}
		}
	}

	@Test
	void wuSeedsAreMeansOfTheirBoxes() {
		final TrainingSet.Distinct set = distinct(PixelSource.ofArgb(ArrayImgs.argbs(photo(120, 90, 2), 120, 90),
			false));
		final int k = 40;
		final WuPartition.Result wu = WuPartition.partition(set.points, set.weights, set.distinct(), 3, k);
		final double[] sum = new double[k * 3], w = new double[k];
		for (int i = 0; i < set.distinct(); i++) {
			w[wu.labels[i]] += set.weights[i];
			for (int c = 0; c < 3; c++)
				sum[wu.labels[i] * 3 + c] += set.weights[i] * (double) set.points[i * 3 + c];
		}
		for (int j = 0; j < k; j++) {
			assertTrue(w[j] > 0);
			for (int c = 0; c < 3; c++)
				assertEquals(sum[j * 3 + c] / w[j], wu.seeds[j * 3 + c], 1e-6);
		}
	}

	@Test
	void sameCodebookAndLabelsOnAnyThreadCount() {
		final int w = 320, h = 240;
		final PixelSource src = PixelSource.ofArgb(ArrayImgs.argbs(photo(w, h, 3), w, h), false);
		for (final int k : new int[] { 64, 256 }) {
			final QuantizeSettings s = QuantizeSettings.builder().colors(k).seed(7).build();
			final Codebook one = Parallelization.runSingleThreaded(() -> KMeansQuantizer.train(s, src, null,
				Progress.NONE));
			final Codebook three = Parallelization.runWithNumThreads(3, () -> KMeansQuantizer.train(s, src, null,
				Progress.NONE));
			assertEquals(one.size(), three.size());
			for (int i = 0; i < one.size(); i++)
				for (int c = 0; c < 3; c++)
					assertEquals(one.value(i, c), three.value(i, c), 0, "k=" + k + " entry " + i);
		}
	}
}
