package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.SplittableRandom;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.kmeansquantize.io.ImageFiles;

/**
 * Labelling through the distinct colours ({@link TrainedCodebook#assign}, {@link DistinctLabelling})
 * gives exactly the labels, counts and error of the per-pixel search ({@link KMeansQuantizer#assign}):
 * on a real photo at k from 2 to 256 (brute force and tree), on one thread and on three, on a stack
 * of several planes, and with many exact ties between entries; and it is used only where it
 * applies.
 */
class DistinctLabellingTest {

	private static byte[] labels(final ArrayImg<UnsignedByteType, ByteArray> img) {
		return img.update(null).getCurrentStorageArray();
	}

	private static void assertSame(final Assignment expected, final Assignment actual) {
		assertArrayEquals(expected.counts(), actual.counts());
		assertEquals(expected.sumSquaredError(), actual.sumSquaredError());
		assertEquals(expected.finiteSamples(), actual.finiteSamples());
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 8, 16, 31, 32, 64, 256 })
	void photoLabelsEqualThePerPixelSearch(final int k) throws IOException {
		final PixelSource source = ImageFiles.read(Paths.get("samples", "chelsea.png")).pixels();
		final QuantizeSettings settings = QuantizeSettings.builder().colors(k).build();
		for (final int threads : new int[] { 1, 3 }) {
			final TrainedCodebook learned = Threads.call(threads, () -> KMeansQuantizer.learn(settings, source, null,
				Progress.NONE));
			final ArrayImg<UnsignedByteType, ByteArray> fast = ArrayImgs.unsignedBytes(source.pixelDimensions());
			final ArrayImg<UnsignedByteType, ByteArray> slow = ArrayImgs.unsignedBytes(source.pixelDimensions());
			final Assignment a = Threads.call(threads, () -> learned.assign(fast, Progress.NONE));
			final Assignment b = Threads.call(threads, () -> KMeansQuantizer.assign(learned.codebook(), source, slow,
				Progress.NONE));
			assertArrayEquals(labels(slow), labels(fast), "k = " + k + ", " + threads + " threads");
			assertSame(b, a);
		}
	}

	/** A photo-like stack of three planes and a codebook of entries an even distance apart: ties. */
	@Test
	void stackWithTiesEqualsThePerPixelSearch() {
		final int w = 97, h = 61, planes = 3;
		final PlanarImg<ARGBType, ?> img = PlanarImgs.argbs(w, h, planes);
		final SplittableRandom rnd = new SplittableRandom(7);
		final int[][] data = new int[planes][];
		for (int z = 0; z < planes; z++) {
			data[z] = (int[]) img.getPlane(z).getCurrentStorageArray();
			for (int i = 0; i < w * h; i++)
				data[z][i] = 0xff000000 | rnd.nextInt(64) * 2 << 16 | rnd.nextInt(1 << 16);
		}
		final PixelSource source = PixelSource.ofArgb(img, false);
		final TrainingSet.Distinct set = (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, source,
			null, Progress.NONE).set;
		for (final int k : new int[] { 5, 40 }) {
			// entries on an even grid: a pixel midway between two is at the same distance from both
			final double[][] values = new double[k][];
			final long[] counts = new long[k];
			for (int j = 0; j < k; j++) {
				values[j] = new double[] { j * 4 % 128, j * 6 % 256, j * 10 % 256 };
				counts[j] = 1;
			}
			final Codebook codebook = new Codebook(values, counts, SampleRange.UINT8, false, null);
			final FilteringLloyd tree = k >= 32 ? new FilteringLloyd(set.points, set.weights, 3) : null;
			// the colours' hash table made by training (as for a photo), or by the labelling
			final TrainedCodebook learned = new TrainedCodebook(codebook, source, ColourSpace.RGB, set, tree, k >= 32
				? DistinctLabelling.index(set) : null);
			final PlanarImg<UnsignedByteType, ?> fast = PlanarImgs.unsignedBytes(w, h, planes);
			final PlanarImg<UnsignedByteType, ?> slow = PlanarImgs.unsignedBytes(w, h, planes);
			assertTrue(DistinctLabelling.applies(codebook, set, source, fast));
			final Assignment a = Threads.call(3, () -> learned.assign(fast, Progress.NONE));
			final Assignment b = KMeansQuantizer.assign(codebook, source, slow, Progress.NONE);
			assertSame(b, a);
			for (int z = 0; z < planes; z++)
				assertArrayEquals((byte[]) slow.getPlane(z).getCurrentStorageArray(), (byte[]) fast.getPlane(z)
					.getCurrentStorageArray(), "k = " + k + ", plane " + z);
		}
	}

	/**
	 * Pixels changed between training and labelling, to a colour training never saw: the labels of
	 * the per-pixel search on the changed image (not a search for a colour that is not there).
	 */
	@Test
	@Timeout(60)
	void pixelsChangedSinceTrainingGetThePerPixelSearch() {
		final int w = 64, h = 48;
		final int[] argb = new int[w * h];
		final SplittableRandom rnd = new SplittableRandom(3);
		for (int i = 0; i < argb.length; i++)
			argb[i] = 0xff000000 | rnd.nextInt(1 << 23);
		final PixelSource source = PixelSource.ofArgb(ArrayImgs.argbs(argb, w, h), false);
		final TrainedCodebook learned = KMeansQuantizer.learn(QuantizeSettings.builder().colors(8).build(), source,
			null, Progress.NONE);
		// bit 23 is set in no pixel: these colours are new
		for (int i = 0; i < argb.length; i += 7)
			argb[i] = 0xff800000 | rnd.nextInt(1 << 23);
		final ArrayImg<UnsignedByteType, ByteArray> fast = ArrayImgs.unsignedBytes(w, h);
		final ArrayImg<UnsignedByteType, ByteArray> slow = ArrayImgs.unsignedBytes(w, h);
		final Assignment a = Threads.call(2, () -> learned.assign(fast, Progress.NONE));
		final Assignment b = KMeansQuantizer.assign(learned.codebook(), source, slow, Progress.NONE);
		assertArrayEquals(labels(slow), labels(fast));
		assertSame(b, a);
	}

	/** Trained on a mask, with alpha, or standardised: the per-pixel search, whose results it gives. */
	@Test
	void appliesOnlyToUnscaledRgbTrainedOnAllPixels() throws IOException {
		final PixelSource rgb = ImageFiles.read(Paths.get("samples", "chelsea.png")).pixels();
		final TrainingSet.Distinct set = (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, rgb, null,
			Progress.NONE).set;
		final Codebook codebook = KMeansQuantizer.train(QuantizeSettings.builder().colors(8).build(), rgb, null,
			Progress.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> labels = ArrayImgs.unsignedBytes(rgb.pixelDimensions());
		assertTrue(DistinctLabelling.applies(codebook, set, rgb, labels));
		final TrainingSet.Distinct standardised = (TrainingSet.Distinct) TrainingPixels.prepare(
			ChannelScaling.STANDARDIZE, rgb, null, Progress.NONE).set;
		assertFalse(DistinctLabelling.applies(codebook, standardised, rgb, labels));

		final long[] dims = rgb.pixelDimensions();
		final ArrayImg<BitType, ?> mask = ArrayImgs.bits(dims);
		final net.imglib2.Cursor<BitType> c = mask.cursor();
		for (int i = 0; c.hasNext(); i++)
			c.next().set(i % 3 == 0);
		final QuantizeSettings settings = QuantizeSettings.builder().colors(8).build();
		final TrainedCodebook masked = KMeansQuantizer.learn(settings, rgb, mask, Progress.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> slow = ArrayImgs.unsignedBytes(dims);
		assertSame(KMeansQuantizer.assign(masked.codebook(), rgb, slow, Progress.NONE), masked.assign(labels,
			Progress.NONE));
		assertArrayEquals(labels(slow), labels(labels));
	}
}
