package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;

/**
 * Many random images of random type, shape, channel count and value range: no exception other
 * than the documented ones, and the invariants hold (labels index the codebook; reconstruction is
 * codebook lookup; the same seed gives the same bytes). Also several quantizations at once in one
 * JVM, as a Fiji user running macros in parallel, give the results of one at a time.
 */
class PropertyTest {

	/** One random image and the settings to quantize it with. */
	private static final class Case {

		final PixelSource source;
		final RandomAccessibleInterval<?> image;
		final int channelAxis;
		final QuantizeSettings settings;
		final String what;

		Case(final Random rnd, final int index) {
			final int nd = 1 + rnd.nextInt(3);
			final long[] dims = new long[nd];
			for (int d = 0; d < nd; d++)
				dims[d] = 1 + rnd.nextInt(d == 0 ? 60 : 12);
			final int channels = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 6);
			final long[] full = new long[nd + 1];
			System.arraycopy(dims, 0, full, 0, nd);
			full[nd] = channels;
			final int kind = rnd.nextInt(5);
			final int n = (int) net.imglib2.util.Intervals.numElements(full);
			final double scale = Math.pow(10, rnd.nextInt(9) - 4);
			final int levels = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 5000);
			switch (kind) {
				case 0: {
					final byte[] a = new byte[n];
					for (int i = 0; i < n; i++)
						a[i] = (byte) (rnd.nextInt(levels) * 255 / Math.max(1, levels - 1));
					image = ArrayImgs.unsignedBytes(a, full);
					break;
				}
				case 1: {
					final short[] a = new short[n];
					for (int i = 0; i < n; i++)
						a[i] = (short) rnd.nextInt(Math.min(65536, levels * 13));
					image = ArrayImgs.unsignedShorts(a, full);
					break;
				}
				case 2: {
					final short[] a = new short[n];
					for (int i = 0; i < n; i++)
						a[i] = (short) (rnd.nextInt(levels) - levels / 2);
					image = ArrayImgs.shorts(a, full);
					break;
				}
				case 3: {
					final float[] a = new float[n];
					for (int i = 0; i < n; i++) {
						final int r = rnd.nextInt(50);
						a[i] = r == 0 ? Float.NaN : r == 1 ? Float.POSITIVE_INFINITY : (float) (rnd.nextInt(levels) *
							scale - scale);
					}
					image = ArrayImgs.floats(a, full);
					break;
				}
				default: {
					final double[] a = new double[n];
					for (int i = 0; i < n; i++)
						a[i] = rnd.nextGaussian() * scale;
					image = ArrayImgs.doubles(a, full);
				}
			}
			channelAxis = channels == 1 && rnd.nextBoolean() ? -1 : nd;
			source = source(image, channelAxis);
			settings = QuantizeSettings.builder().colors(1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 256)).seed(rnd
				.nextLong()).batch(16 + rnd.nextInt(5000)).iterations(rnd.nextInt(50)).refine(rnd.nextInt(20)).scaling(
					rnd.nextBoolean() ? ChannelScaling.NONE : ChannelScaling.STANDARDIZE).build();
			what = "case " + index + ": " + image.getClass().getSimpleName() + " " + net.imglib2.util.Util.getTypeFromInterval(
				(RandomAccessibleInterval<?>) image).getClass().getSimpleName() + " " + java.util.Arrays.toString(full) +
				" axis " + channelAxis + " " + settings;
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		private static PixelSource source(final RandomAccessibleInterval<?> img, final int axis) {
			if (axis < 0) return PixelSource.of((RandomAccessibleInterval) net.imglib2.view.Views.hyperSlice(
				(RandomAccessibleInterval) img, img.numDimensions() - 1, 0), -1);
			return PixelSource.of((RandomAccessibleInterval) img, axis);
		}
	}

	/** @return codebook, labels and reconstruction, or null where an error is the documented result */
	private static Object[] run(final Case c) {
		final Codebook cb;
		try {
			cb = KMeansQuantizer.train(c.settings, c.source, null, Progress.NONE);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage().contains("no pixel with a finite value"), c.what + ": " + e.getMessage());
			return null;
		}
		assertTrue(cb.size() >= 1 && cb.size() <= 256, c.what);
		assertTrue(cb.centres() <= c.settings.colors(), c.what);
		final ArrayImg<UnsignedByteType, ByteArray> labels = ArrayImgs.unsignedBytes(c.source.pixelDimensions());
		final Assignment a = KMeansQuantizer.assign(cb, c.source, labels, Progress.NONE);
		final byte[] lab = labels.update(null).getCurrentStorageArray();
		for (final byte l : lab)
			assertTrue((l & 0xff) < cb.size(), c.what + ": label " + (l & 0xff));
		long total = 0;
		for (final long n : a.counts())
			total += n;
		assertEquals(c.source.size(), total, c.what);
		// reconstruction is codebook lookup, into a float image of the source's shape
		final int nc = c.source.channels();
		final long[] d = c.source.pixelDimensions();
		final long[] rd = java.util.Arrays.copyOf(d, d.length + 1);
		rd[d.length] = nc;
		final var rec = ArrayImgs.floats(rd);
		KMeansQuantizer.reconstruct(cb, labels, PixelSource.of(rec, d.length), Progress.NONE);
		final float[] r = rec.update(null).getCurrentStorageArray();
		final int n = lab.length;
		for (int p = 0; p < n; p++)
			for (int ch = 0; ch < nc; ch++) {
				final float expected = (float) cb.fitted(lab[p] & 0xff, ch);
				final float got = r[ch * n + p];
				if (!(Float.isNaN(expected) && Float.isNaN(got)) && expected != got) fail(c.what + ": pixel " + p +
					" channel " + ch + " is " + got + ", codebook says " + expected);
			}
		return new Object[] { cb, lab, r };
	}

	@Test
	void randomImagesKeepTheInvariants() {
		final Random rnd = new Random(20261125);
		int trained = 0, nonFinite = 0, errors = 0;
		final java.util.Set<String> types = new java.util.HashSet<>();
		for (int i = 0; i < 150; i++) {
			final Case c = new Case(rnd, i);
			final Object[] first = run(c);
			final Object[] again = run(c);
			if (first == null) {
				assertEquals(null, again, c.what);
				errors++;
				continue;
			}
			trained++;
			if (((Codebook) first[0]).hasNonFiniteEntry()) nonFinite++;
			types.add(c.what.split(" ")[3]);
			assertEquals(first[0], again[0], c.what + ": same seed, same codebook");
			assertArrayEquals((byte[]) first[1], (byte[]) again[1], c.what + ": same seed, same labels");
		}
		System.out.println("property cases: " + trained + " trained (" + nonFinite + " with non-finite pixels), " +
			errors + " documented errors, types " + types);
		assertTrue(trained > 100 && nonFinite > 5 && types.size() == 5, "the cases exercise the engine");
	}

	@Test
	void concurrentQuantizationsMatchSequentialOnes() throws Exception {
		final Random rnd = new Random(77);
		final List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 12; i++)
			cases.add(new Case(rnd, i));
		final List<Object[]> sequential = new ArrayList<>();
		for (final Case c : cases)
			sequential.add(run(c));
		final ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			final List<Future<Object[]>> futures = new ArrayList<>();
			for (final Case c : cases)
				futures.add(pool.submit(() -> run(c)));
			for (int i = 0; i < cases.size(); i++) {
				final Object[] s = sequential.get(i), p = futures.get(i).get();
				if (s == null) {
					assertEquals(null, p);
					continue;
				}
				assertEquals(s[0], p[0], cases.get(i).what);
				assertArrayEquals((byte[]) s[1], (byte[]) p[1], cases.get(i).what);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
