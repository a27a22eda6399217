package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Fraction;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/** Properties of training, assignment and reconstruction on seeded synthetic images. */
class KMeansQuantizerTest {

	/** Well-separated clusters in 3 channels: centre c of cluster i is 100*i + 37*c, noise +-2. */
	private static ArrayImg<FloatType, FloatArray> clusters(final int w, final int h, final int k, final long seed) {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(w, h, 3);
		final float[] data = img.update(null).getCurrentStorageArray();
		final Random rnd = new Random(seed);
		final int n = w * h;
		for (int p = 0; p < n; p++) {
			final int cluster = rnd.nextInt(k);
			for (int c = 0; c < 3; c++)
				data[c * n + p] = 100f * cluster + 37f * c + (float) (rnd.nextGaussian() * 0.5);
		}
		return img;
	}

	private static ArrayImg<UnsignedByteType, ByteArray> photoLike(final int w, final int h, final long seed) {
		final ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(w, h, 3);
		final byte[] data = img.update(null).getCurrentStorageArray();
		final Random rnd = new Random(seed);
		final int n = w * h;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int c = 0; c < 3; c++)
					data[c * n + y * w + x] = (byte) Math.max(0, Math.min(255, (x * (c + 1) + y * (3 - c)) % 256 + rnd
						.nextInt(9) - 4));
		return img;
	}

	private static byte[] labels(final Codebook cb, final PixelSource src) {
		final long[] d = src.pixelDimensions();
		final ArrayImg<UnsignedByteType, ByteArray> lab = ArrayImgs.unsignedBytes(d);
		KMeansQuantizer.assign(cb, src, lab, Progress.NONE);
		return lab.update(null).getCurrentStorageArray();
	}

	private static QuantizeSettings k(final int k) {
		return QuantizeSettings.builder().colors(k).build();
	}

	@Test
	void recoversWellSeparatedClusters() {
		final int k = 6;
		final ArrayImg<FloatType, FloatArray> img = clusters(200, 150, k, 7);
		final PixelSource src = PixelSource.of(img, 2);
		final Codebook cb = KMeansQuantizer.train(k(k), src, null, Progress.NONE);
		assertEquals(k, cb.size());
		// entries are ordered by brightness, so entry i is cluster i
		for (int i = 0; i < k; i++)
			for (int c = 0; c < 3; c++)
				assertEquals(100.0 * i + 37.0 * c, cb.value(i, c), 0.05, "entry " + i + " channel " + c);
		final byte[] lab = labels(cb, src);
		final float[] data = img.update(null).getCurrentStorageArray();
		for (int p = 0; p < lab.length; p++)
			assertEquals(Math.round(data[p] / 100f), lab[p], "pixel " + p);
	}

	@Test
	void sameResultWithOneAndManyThreads() {
		for (final RandomAccessibleInterval<?> img : Arrays.asList(clusters(300, 200, 9, 3), photoLike(300, 200,
			4)))
		{
			@SuppressWarnings({ "unchecked", "rawtypes" })
			final PixelSource src = PixelSource.of((RandomAccessibleInterval) img, 2);
			final QuantizeSettings s = QuantizeSettings.builder().colors(13).seed(5).build();
			final Codebook one = Parallelization.runSingleThreaded(() -> KMeansQuantizer.train(s, src, null,
				Progress.NONE));
			final byte[] oneLabels = Parallelization.runSingleThreaded(() -> labels(one, src));
			final Codebook four = Parallelization.runWithNumThreads(4, () -> KMeansQuantizer.train(s, src, null,
				Progress.NONE));
			final byte[] fourLabels = Parallelization.runWithNumThreads(4, () -> labels(four, src));
			assertEquals(one, four);
			assertArrayEquals(oneLabels, fourLabels);
		}
	}

	/** At k ≤ 16 (seeded by k-means++; above, photos are seeded by Wu's partition, which draws nothing). */
	@Test
	void sameSeedSameResultOtherSeedOtherResult() {
		final PixelSource src = PixelSource.of(photoLike(160, 120, 1), 2);
		final Codebook a = KMeansQuantizer.train(QuantizeSettings.builder().colors(12).seed(1).build(), src, null,
			Progress.NONE);
		final Codebook b = KMeansQuantizer.train(QuantizeSettings.builder().colors(12).seed(1).build(), src, null,
			Progress.NONE);
		final Codebook c = KMeansQuantizer.train(QuantizeSettings.builder().colors(12).seed(2).build(), src, null,
			Progress.NONE);
		assertEquals(a, b);
		assertNotEquals(a, c);
	}

	@Test
	void directAndCursorPathsAgree() {
		final ArrayImg<UnsignedByteType, ByteArray> img = photoLike(120, 90, 2);
		final PixelSource direct = PixelSource.of(img, 2);
		// a view is not array-backed: read through cursors
		final PixelSource cursor = PixelSource.of(Views.interval(img, img), 2);
		assertTrue(direct.isDirect());
		assertTrue(!cursor.isDirect());
		final Codebook a = KMeansQuantizer.train(k(10), direct, null, Progress.NONE);
		final Codebook b = KMeansQuantizer.train(k(10), cursor, null, Progress.NONE);
		assertEquals(a, b);
		assertArrayEquals(labels(a, direct), labels(b, cursor));
		final float[] x = new float[3 * 500], y = new float[3 * 500];
		direct.reader().read(777, 500, x);
		cursor.reader().read(777, 500, y);
		assertArrayEquals(x, y);
	}

	@Test
	void packedRgbFastPathsAgreeWithCursors() {
		for (final boolean alpha : new boolean[] { false, true }) {
			final int w = 150, h = 100;
			final int[] px = new int[w * h];
			final Random rnd = new Random(4);
			for (int i = 0; i < px.length; i++)
				px[i] = (rnd.nextInt(4) * 60 << 24) | ((i % w) << 16) | ((i / w * 2) << 8) | rnd.nextInt(40);
			final var img = ArrayImgs.argbs(px, w, h);
			final PixelSource direct = PixelSource.ofArgb(img, alpha);
			final PixelSource cursor = PixelSource.ofArgb(Views.interval(img, img), alpha);
			assertTrue(direct.isDirect() && !cursor.isDirect());
			final Codebook a = KMeansQuantizer.train(k(24), direct, null, Progress.NONE);
			assertEquals(a, KMeansQuantizer.train(k(24), cursor, null, Progress.NONE));
			final ArrayImg<UnsignedByteType, ByteArray> la = ArrayImgs.unsignedBytes(w, h);
			final ArrayImg<UnsignedByteType, ByteArray> lb = ArrayImgs.unsignedBytes(w, h);
			final Assignment fa = KMeansQuantizer.assign(a, direct, la, Progress.NONE);
			final Assignment fb = KMeansQuantizer.assign(a, cursor, Views.interval(lb, lb), Progress.NONE);
			assertArrayEquals(la.update(null).getCurrentStorageArray(), lb.update(null).getCurrentStorageArray());
			assertArrayEquals(fa.counts(), fb.counts());
			assertEquals(fa.mse(), fb.mse(), 1e-9);
		}
	}

	/**
	 * Labels of packed colours come from a grid over colour space (cells with one nearest entry or a
	 * candidate list) and caches: they must equal the nearest entry by brute force, with the same
	 * float arithmetic and ties to the lower index, for random codebooks of many sizes, channel
	 * weights, RGB, RGBA and 16-bit channels.
	 */
	@Test
	void gridLabelsEqualBruteForce() {
		final Random rnd = new Random(11);
		final int w = 256, h = 200;
		for (final int nc : new int[] { 2, 3, 4 })
			for (final boolean sixteen : new boolean[] { false, true })
				for (final int k : new int[] { 2, 7, 40, 255 }) {
					final int max = sixteen ? 65535 : 255;
					final short[] v = new short[w * h * nc];
					for (int i = 0; i < v.length; i++)
						v[i] = (short) (rnd.nextInt(4) == 0 ? rnd.nextInt(max + 1) : Math.min(max, (i / nc % w) * (max /
							w) + rnd.nextInt(max / 16)));
					final ArrayImg<UnsignedShortType, ShortArray> img = sixteen ? ArrayImgs.unsignedShorts(v, nc, w, h)
						: null;
					final byte[] b = new byte[v.length];
					for (int i = 0; i < v.length; i++)
						b[i] = (byte) v[i];
					final PixelSource src = sixteen ? PixelSource.of(img, 0) : PixelSource.of(ArrayImgs.unsignedBytes(b,
						nc, w, h), 0);
					final double[][] values = new double[k][nc];
					for (final double[] e : values)
						for (int c = 0; c < nc; c++)
							e[c] = rnd.nextDouble() * max;
					final double[] weights = new double[nc];
					for (int c = 0; c < nc; c++)
						weights[c] = rnd.nextBoolean() ? 1 : 0.25 + rnd.nextDouble();
					final Codebook cb = new Codebook(values, new long[k], sixteen ? SampleRange.UINT16 : SampleRange.UINT8,
						false, weights);
					final ArrayImg<UnsignedByteType, ByteArray> lab = ArrayImgs.unsignedBytes(w, h);
					KMeansQuantizer.assign(cb, src, lab, Progress.NONE);
					final byte[] got = lab.update(null).getCurrentStorageArray();
					final float[] centres = new float[k * nc];
					for (int j = 0; j < k; j++)
						for (int c = 0; c < nc; c++)
							centres[j * nc + c] = (float) (cb.fitted(j, c) * weights[c]);
					for (int p = 0; p < w * h; p++) {
						float best = Float.POSITIVE_INFINITY;
						int bestJ = -1;
						for (int j = 0; j < k; j++) {
							float d2 = 0;
							for (int c = 0; c < nc; c++) {
								final int raw = sixteen ? v[p * nc + c] & 0xffff : b[p * nc + c] & 0xff;
								final float d = (float) ((float) raw * weights[c]) - centres[j * nc + c];
								d2 += d * d;
							}
							if (d2 < best) {
								best = d2;
								bestJ = j;
							}
						}
						final int pixel = p;
						assertEquals(bestJ, got[p] & 0xff, () -> nc + " channels, " + (sixteen ? 16 : 8) + "-bit, k = " + k +
							", pixel " + pixel);
					}
				}
	}

	/**
	 * Big RGB images count their colours in a table of all colours, on every thread; read through
	 * cursors they go through hash tables: the distinct colours and counts must be the same.
	 */
	@Test
	void tableCountingOfBigRgbImagesAgreesWithHashing() {
		final int w = 2048, h = 2048;
		final int[] px = new int[w * h];
		final Random rnd = new Random(9);
		for (int i = 0; i < px.length; i++)
			px[i] = 0xff000000 | (((i % w) / 8 + rnd.nextInt(9) & 0xff) << 16) | ((i / w / 8 + rnd.nextInt(5) & 0xff) << 8) |
				rnd.nextInt(8);
		final var img = ArrayImgs.argbs(px, w, h);
		final PixelSource direct = PixelSource.ofArgb(img, false);
		final PixelSource cursor = PixelSource.ofArgb(Views.interval(img, img), false);
		for (final int threads : new int[] { 1, 3 }) {
			final TrainingSet.Distinct a = (TrainingSet.Distinct) Parallelization.runWithNumThreads(threads,
				() -> KMeansQuantizerAccess.prepare(k(16), direct));
			final TrainingSet.Distinct b = (TrainingSet.Distinct) KMeansQuantizerAccess.prepare(k(16), cursor);
			assertTrue(a.distinct() > 100_000, a.distinct() + " colours");
			assertArrayEquals(b.keys, a.keys);
			assertArrayEquals(b.weights, a.weights);
			assertArrayEquals(b.points, a.points);
		}
		// more distinct colours than the limit: both give up and stream the pixels
		for (int i = 0; i < px.length; i++)
			px[i] = 0xff000000 | rnd.nextInt(1 << 24);
		assertTrue(KMeansQuantizerAccess.prepare(k(16), direct) instanceof TrainingSet.Streamed);
		assertTrue(KMeansQuantizerAccess.prepare(k(16), cursor) instanceof TrainingSet.Streamed);
	}

	@Test
	void greyFastPathAgreesWithCursors() {
		final int w = 300, h = 200;
		final short[] v = new short[w * h];
		final Random rnd = new Random(8);
		for (int i = 0; i < v.length; i++)
			v[i] = (short) (((i % w) * 200 + rnd.nextInt(3000)) & 0xffff);
		final var img = ArrayImgs.unsignedShorts(v, w, h);
		final PixelSource direct = PixelSource.of(img, -1);
		final PixelSource cursor = PixelSource.of(Views.interval(img, img), -1);
		final Codebook cb = KMeansQuantizer.train(k(20), direct, null, Progress.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> la = ArrayImgs.unsignedBytes(w, h);
		final ArrayImg<UnsignedByteType, ByteArray> lb = ArrayImgs.unsignedBytes(w, h);
		final Assignment fa = KMeansQuantizer.assign(cb, direct, la, Progress.NONE);
		final Assignment fb = KMeansQuantizer.assign(cb, cursor, Views.interval(lb, lb), Progress.NONE);
		assertArrayEquals(la.update(null).getCurrentStorageArray(), lb.update(null).getCurrentStorageArray());
		assertArrayEquals(fa.counts(), fb.counts());
		assertEquals(fa.mse(), fb.mse(), 1e-9 * fa.mse());
	}

	@Test
	void planesLoadedOnDemandGiveTheSameResult() {
		final int w = 64, h = 48, nc = 3, nz = 5;
		final List<ShortArray> planes = new ArrayList<>();
		final Random rnd = new Random(12);
		for (int i = 0; i < nc * nz; i++) {
			final short[] p = new short[w * h];
			for (int j = 0; j < p.length; j++)
				p[j] = (short) ((i % nc) * 900 + (j % w) * 20 + rnd.nextInt(200));
			planes.add(new ShortArray(p));
		}
		final long[] dims = { w, h, nc, nz };
		final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		final AtomicInteger loads = new AtomicInteger();
		final PixelSource held = PixelSource.of(img, 2);
		final PixelSource lazy = PixelSource.ofPlanes(dims, 2, new UnsignedShortType(), false, i -> {
			loads.incrementAndGet();
			return planes.get(i).getCurrentStorageArray().clone();
		});
		final Object[] arrays = new Object[planes.size()];
		for (int i = 0; i < arrays.length; i++)
			arrays[i] = planes.get(i).getCurrentStorageArray();
		final PixelSource arrayed = PixelSource.ofPlanes(dims, 2, new UnsignedShortType(), false, arrays);
		assertTrue(lazy.isLoadedOnDemand() && !arrayed.isLoadedOnDemand() && arrayed.isDirect());
		final QuantizeSettings s = QuantizeSettings.builder().colors(9).build();
		final Codebook a = KMeansQuantizer.train(s, held, null, Progress.NONE);
		assertEquals(a, KMeansQuantizer.train(s, lazy, null, Progress.NONE));
		assertEquals(a, KMeansQuantizer.train(s, arrayed, null, Progress.NONE));
		assertArrayEquals(labels(a, held), labels(a, lazy));
		assertArrayEquals(labels(a, held), labels(a, arrayed));
		assertTrue(loads.get() > 0 && loads.get() < 40 * nc * nz, "planes loaded " + loads.get());
	}

	@Test
	void fewerDistinctValuesThanColoursGiveExactCodebook() {
		final ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(40, 30, 3);
		final byte[] d = img.update(null).getCurrentStorageArray();
		final int n = 1200;
		for (int p = 0; p < n; p++) {
			final int v = p % 3;
			d[p] = (byte) (10 + v * 100);
			d[n + p] = (byte) (200 - v * 50);
			d[2 * n + p] = (byte) (v * 7);
		}
		final PixelSource src = PixelSource.of(img, 2);
		final Codebook cb = KMeansQuantizer.train(k(16), src, null, Progress.NONE);
		assertEquals(3, cb.size());
		final ArrayImg<UnsignedByteType, ByteArray> lab = ArrayImgs.unsignedBytes(40, 30);
		final Assignment a = KMeansQuantizer.assign(cb, src, lab, Progress.NONE);
		assertEquals(0, a.mse());
		assertEquals(3, a.usedLabels());
	}

	@Test
	void constantImageAndSinglePixel() {
		final ArrayImg<FloatType, FloatArray> constant = ArrayImgs.floats(new float[] { 5, 5, 5, 5, 5, 5 }, 3, 2);
		final Codebook cb = KMeansQuantizer.train(k(4), PixelSource.of(constant, -1), null, Progress.NONE);
		assertEquals(1, cb.size());
		assertEquals(5, cb.value(0, 0));
		final ArrayImg<UnsignedByteType, ByteArray> one = ArrayImgs.unsignedBytes(new byte[] { 1, 2, 3 }, 1, 1, 3);
		final PixelSource src = PixelSource.of(one, 2);
		final Codebook cb1 = KMeansQuantizer.train(k(256), src, null, Progress.NONE);
		assertEquals(1, cb1.size());
		assertEquals(3, cb1.value(0, 2));
		assertEquals(0, labels(cb1, src)[0]);
	}

	@Test
	void oneColourIsTheMean() {
		final ArrayImg<FloatType, FloatArray> img = clusters(50, 40, 3, 11);
		final PixelSource src = PixelSource.of(img, 2);
		final Codebook cb = KMeansQuantizer.train(k(1), src, null, Progress.NONE);
		final float[] d = img.update(null).getCurrentStorageArray();
		double mean = 0;
		for (int p = 0; p < 2000; p++)
			mean += d[p];
		assertEquals(mean / 2000, cb.value(0, 0), 1e-3);
	}

	@Test
	void nonFinitePixelsGetTheirOwnEntry() {
		final float[] v = new float[100];
		for (int i = 0; i < v.length; i++)
			v[i] = i % 2 == 0 ? 1.5f : 8.25f;
		v[3] = Float.NaN;
		v[50] = Float.POSITIVE_INFINITY;
		v[51] = Float.NEGATIVE_INFINITY;
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(v, 10, 10);
		final PixelSource src = PixelSource.of(img, -1);
		final Codebook cb = KMeansQuantizer.train(k(256), src, null, Progress.NONE);
		assertEquals(3, cb.size());
		assertTrue(cb.hasNonFiniteEntry());
		assertEquals(2, cb.nonFiniteLabel());
		assertEquals(1.5, cb.value(0, 0));
		assertEquals(8.25, cb.value(1, 0));
		final byte[] lab = labels(cb, src);
		assertEquals(2, lab[3]);
		assertEquals(2, lab[50]);
		assertEquals(2, lab[51]);
		final ArrayImg<FloatType, FloatArray> rec = ArrayImgs.floats(10, 10);
		KMeansQuantizer.reconstruct(cb, ArrayImgs.unsignedBytes(lab, 10, 10), PixelSource.of(rec, -1),
			Progress.NONE);
		final float[] r = rec.update(null).getCurrentStorageArray();
		assertTrue(Float.isNaN(r[3]));
		assertEquals(8.25f, r[1]);
		assertEquals(1.5f, r[0]);
	}

	@Test
	void nothingToTrainOnIsAClearError() {
		final float[] nan = new float[16];
		Arrays.fill(nan, Float.NaN);
		final PixelSource allNaN = PixelSource.of(ArrayImgs.floats(nan, 4, 4), -1);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeansQuantizer
			.train(k(4), allNaN, null, Progress.NONE));
		assertTrue(e.getMessage().contains("no pixel"), e.getMessage());
		final PixelSource src = PixelSource.of(photoLike(8, 8, 1), 2);
		final IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> KMeansQuantizer
			.train(k(4), src, ArrayImgs.bits(8, 8), Progress.NONE));
		assertTrue(m.getMessage().contains("mask"), m.getMessage());
		assertThrows(IllegalArgumentException.class, () -> KMeansQuantizer.train(k(4), src, ArrayImgs.bits(8, 9),
			Progress.NONE));
		assertThrows(IllegalArgumentException.class, () -> PixelSource.of(ArrayImgs.floats(0, 5), -1));
	}

	@Test
	void maskSelectsTrainingPixels() {
		// left half: two grey levels; right half: a third level that the mask excludes
		final ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(20, 10);
		final ArrayImg<BitType, ?> mask = ArrayImgs.bits(20, 10);
		final Cursor<UnsignedByteType> c = img.localizingCursor();
		final Cursor<BitType> m = mask.cursor();
		while (c.hasNext()) {
			c.fwd();
			m.fwd();
			final boolean left = c.getIntPosition(0) < 10;
			c.get().set(left ? (c.getIntPosition(1) % 2 == 0 ? 20 : 60) : 250);
			m.get().set(left);
		}
		final Codebook cb = KMeansQuantizer.train(k(2), PixelSource.of(img, -1), mask, Progress.NONE);
		assertEquals(2, cb.size());
		assertEquals(20, cb.value(0, 0));
		assertEquals(60, cb.value(1, 0));
	}

	@Test
	void standardisationWeighsChannelsEqually() {
		// channel 0 in 0..1 carries two clusters; channel 1 in 0..1000 is uniform noise
		final int n = 4000;
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(n, 2);
		final float[] d = img.update(null).getCurrentStorageArray();
		final Random rnd = new Random(3);
		for (int p = 0; p < n; p++) {
			d[p] = p % 2 == 0 ? 0.1f : 0.9f;
			d[n + p] = (float) (rnd.nextGaussian() * 100 + 500);
		}
		final PixelSource src = PixelSource.of(img, 1);
		final Codebook std = KMeansQuantizer.train(QuantizeSettings.builder().colors(2).scaling(
			ChannelScaling.STANDARDIZE).build(), src, null, Progress.NONE);
		assertEquals(0.1, std.value(0, 0), 1e-4);
		assertEquals(0.9, std.value(1, 0), 1e-4);
		assertEquals(500, std.value(0, 1), 10, "centres are reported in input units");
		final Codebook raw = KMeansQuantizer.train(QuantizeSettings.builder().colors(2).build(), src, null,
			Progress.NONE);
		assertEquals(0.5, raw.value(0, 0), 0.1, "unscaled, the noisy wide channel decides");
	}

	@Test
	void oneChannelLevelsAreGloballyOptimal() {
		final Random rnd = new Random(9);
		for (int trial = 0; trial < 20; trial++) {
			final int n = 6 + rnd.nextInt(7);
			final float[] x = new float[n];
			final long[] w = new long[n];
			int v = 0;
			for (int i = 0; i < n; i++) {
				v += 1 + rnd.nextInt(20);
				x[i] = v;
				w[i] = 1 + rnd.nextInt(50);
			}
			final int k = 2 + rnd.nextInt(3);
			final double[] levels = OptimalLevels.solve(x, w, k, Progress.NONE);
			assertEquals(bruteForce(x, w, k, 0, k), cost(x, w, levels), 1e-6);
		}
	}

	private static double cost(final float[] x, final long[] w, final double[] levels) {
		double s = 0;
		for (int i = 0; i < x.length; i++) {
			double best = Double.POSITIVE_INFINITY;
			for (final double l : levels)
				best = Math.min(best, (x[i] - l) * (x[i] - l));
			s += w[i] * best;
		}
		return s;
	}

	/** Least cost of splitting x[from..] into k contiguous groups. */
	private static double bruteForce(final float[] x, final long[] w, final int k, final int from, final int kk) {
		if (kk == 1) return segment(x, w, from, x.length);
		double best = Double.POSITIVE_INFINITY;
		for (int end = from + 1; end <= x.length - kk + 1; end++)
			best = Math.min(best, segment(x, w, from, end) + bruteForce(x, w, k, end, kk - 1));
		return best;
	}

	private static double segment(final float[] x, final long[] w, final int a, final int b) {
		double sw = 0, sm = 0;
		for (int i = a; i < b; i++) {
			sw += w[i];
			sm += w[i] * x[i];
		}
		final double mean = sm / sw;
		double s = 0;
		for (int i = a; i < b; i++)
			s += w[i] * (x[i] - mean) * (x[i] - mean);
		return s;
	}

	@Test
	void greyLevelsAreMonotonicAndTheTableAgreesWithTheSearch() {
		final ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(256, 4);
		final byte[] d = img.update(null).getCurrentStorageArray();
		for (int i = 0; i < d.length; i++)
			d[i] = (byte) ((i * 37) % 256);
		final PixelSource src = PixelSource.of(img, -1);
		final Codebook cb = KMeansQuantizer.train(k(7), src, null, Progress.NONE);
		for (int i = 1; i < cb.size(); i++)
			assertTrue(cb.value(i, 0) > cb.value(i - 1, 0));
		final byte[] lab = labels(cb, src);
		for (int i = 0; i < d.length; i++) {
			int best = 0;
			for (int j = 1; j < cb.size(); j++)
				if (Math.abs((d[i] & 0xff) - cb.fitted(j, 0)) < Math.abs((d[i] & 0xff) - cb.fitted(best, 0))) best = j;
			assertEquals(best, lab[i]);
		}
	}

	@Test
	void reconstructionIsCodebookLookup() {
		final ArrayImg<UnsignedByteType, ByteArray> img = photoLike(64, 48, 5);
		final PixelSource src = PixelSource.of(img, 2);
		final Codebook cb = KMeansQuantizer.train(k(12), src, null, Progress.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> lab = ArrayImgs.unsignedBytes(64, 48);
		final Assignment a = KMeansQuantizer.assign(cb, src, lab, Progress.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> rec = ArrayImgs.unsignedBytes(64, 48, 3);
		KMeansQuantizer.reconstruct(cb, lab, PixelSource.of(rec, 2), Progress.NONE);
		final byte[] l = lab.update(null).getCurrentStorageArray(), r = rec.update(null).getCurrentStorageArray(),
				o = img.update(null).getCurrentStorageArray();
		final int n = 64 * 48;
		double sse = 0;
		final Map<Integer, Integer> seen = new HashMap<>();
		for (int p = 0; p < n; p++)
			for (int c = 0; c < 3; c++) {
				assertEquals((int) cb.fitted(l[p], c), r[c * n + p] & 0xff);
				final double e = (o[c * n + p] & 0xff) - (r[c * n + p] & 0xff);
				sse += e * e;
				seen.merge((int) l[p], 1, Integer::sum);
			}
		assertEquals(sse / (3.0 * n), a.mse(), 1e-9);
		assertEquals(12, seen.size());
	}

	@Test
	void cancellationStopsTraining() {
		final PixelSource src = PixelSource.of(clusters(300, 300, 5, 1), 2);
		final AtomicInteger calls = new AtomicInteger();
		final Progress cancelLater = new Progress() {

			@Override
			public void report(final String phase, final double fraction) {}

			@Override
			public boolean isCanceled() {
				return calls.incrementAndGet() > 3;
			}
		};
		assertThrows(CancellationException.class, () -> KMeansQuantizer.train(k(8), src, null, cancelLater));
	}

	@Test
	void settingsAreChecked() {
		for (final int bad : new int[] { 0, -1, 257 }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantizeSettings
				.builder().colors(bad).build());
			assertTrue(e.getMessage().startsWith("colors"), e.getMessage());
		}
		assertEquals(ChannelScaling.STANDARDIZE, ChannelScaling.parse("Standardize"));
		assertThrows(IllegalArgumentException.class, () -> ChannelScaling.parse("zscore"));
		final QuantizeSettings s = QuantizeSettings.builder().colors(33).seed(9).scaling(ChannelScaling.STANDARDIZE)
			.build();
		assertEquals(s, s.toBuilder().build());
		final Set<String> keys = new HashSet<>(Arrays.asList(QuantizeSettings.KEY_COLORS, QuantizeSettings.KEY_SEED,
			QuantizeSettings.KEY_BATCH, QuantizeSettings.KEY_ITERATIONS, QuantizeSettings.KEY_REFINE,
			QuantizeSettings.KEY_TOLERANCE, QuantizeSettings.KEY_SCALING, QuantizeSettings.KEY_SPACE));
		for (final String a : keys)
			for (final String b : keys)
				assertTrue(a.equals(b) || !b.endsWith(a), "macro key " + a + " is a suffix of " + b);
	}
}
