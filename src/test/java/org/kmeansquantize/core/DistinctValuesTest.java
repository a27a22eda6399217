package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.numeric.ARGBType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The distinct colours of RGB and RGBA images, counted by sorting or in a table, against a plain count. */
class DistinctValuesTest {

	/**
	 * Colours with many repeats and runs, on one to three threads, in one array or across planes,
	 * sorted (below 4 megapixels) or in the table of all colours (4 megapixels of RGB): the same
	 * keys, ascending, and counts as counting each pixel into a sorted map.
	 */
	@ParameterizedTest
	@CsvSource({ "false, false, 1, 530, 410, 3", "false, false, 3, 530, 410, 3", "true, false, 2, 530, 410, 3",
		"false, true, 2, 530, 410, 3", "true, true, 3, 530, 410, 3", "false, false, 2, 2048, 1024, 2",
		"false, true, 3, 2048, 1024, 2" })
	void sortedCountsAreThePixelsCounts(final boolean alpha, final boolean planar, final int threads, final int w,
		final int h, final int slices)
	{
		final Img<ARGBType> img = planar ? new PlanarImgFactory<>(new ARGBType()).create(w, h, slices) : ArrayImgs
			.argbs(w, h, slices);
		final Random rnd = new Random(7);
		final Map<Long, Long> expected = new TreeMap<>();
		int run = 0, colour = 0;
		for (final ARGBType p : img) {
			if (run-- <= 0) {
				run = rnd.nextInt(6);
				// few high bits, many low ones: every digit of the sort sees many values
				colour = rnd.nextInt(4) << 30 | rnd.nextInt(1 << 14) << 10 | rnd.nextInt(8) << 3;
			}
			p.set(colour);
			expected.merge(Packing.argbKey(colour, alpha), 1L, Long::sum);
		}
		final PixelSource source = PixelSource.ofArgb(img, alpha);
		final DistinctValues.Counted counted = Threads.call(threads, () -> DistinctValues.count(source, null, Packing
			.of(source.range(), source.channels()), Progress.NONE));
		final long[] keys = expected.keySet().stream().mapToLong(Long::longValue).toArray();
		final long[] counts = expected.values().stream().mapToLong(Long::longValue).toArray();
		assertEquals(keys.length, counted.table.size());
		assertArrayEquals(keys, counted.table.keys);
		assertArrayEquals(counts, counted.table.counts);
		assertEquals(0, counted.nonFinite);
	}
}
