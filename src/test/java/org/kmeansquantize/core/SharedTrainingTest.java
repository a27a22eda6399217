package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;

import org.junit.jupiter.api.Test;

/** The shared codebook's contract: sampling rule, exact merges, determinism, quality. */
class SharedTrainingTest {

	/** Colour cluster centres the synthetic images are drawn around. */
	private static final int[][] CLUSTERS = { { 20, 30, 200 }, { 200, 40, 40 }, { 60, 180, 70 }, { 230, 230, 210 },
		{ 90, 60, 30 }, { 40, 40, 40 } };

	/** An 8-bit 3-channel image of {@code planes} planes, pixels around some of the clusters. */
	private static PixelSource image(final long seed, final int w, final int h, final int planes, final int noise) {
		final Random r = new Random(seed);
		final byte[] a = new byte[w * h * 3 * planes];
		// layout x, y, c, z: channel axis 2
		for (int z = 0; z < planes; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int[] c = CLUSTERS[((x / 8) + (y / 8) * 3 + (int) seed) % CLUSTERS.length];
					for (int ch = 0; ch < 3; ch++) {
						final int v = c[ch] + (int) Math.round(r.nextGaussian() * noise);
						a[x + w * (y + h * (ch + 3 * z))] = (byte) Math.max(0, Math.min(255, v));
					}
				}
		final ArrayImg<UnsignedByteType, ByteArray> img = planes == 1 ? ArrayImgs.unsignedBytes(a, w, h, 3)
			: ArrayImgs.unsignedBytes(a, w, h, 3, planes);
		return PixelSource.of(img, 2);
	}

	private static SharedTraining.Image held(final PixelSource s) {
		return new SharedTraining.Image() {

			@Override
			public long[] pixelDimensions() {
				return s.pixelDimensions();
			}

			@Override
			public PixelSource open() {
				return s;
			}
		};
	}

	private static List<SharedTraining.Image> folder() {
		final List<SharedTraining.Image> images = new ArrayList<>();
		images.add(held(image(1, 96, 80, 1, 12)));
		images.add(held(image(2, 64, 64, 3, 12)));
		images.add(held(image(3, 120, 50, 1, 12)));
		images.add(held(image(4, 70, 90, 2, 12)));
		return images;
	}

	private static QuantizeSettings settings(final int k) {
		return QuantizeSettings.builder().colors(k).seed(7).build();
	}

	/** Every part's sample, numbered through the images as the contract says. */
	private static List<PartSample> samples(final List<SharedTraining.Image> images, final long seed) {
		long total = 0;
		for (final SharedTraining.Image i : images)
			total += i.open().size();
		final double p = SharedTraining.probability(total);
		final List<PartSample> out = new ArrayList<>();
		long part = 0;
		for (final SharedTraining.Image i : images) {
			final PixelSource s = i.open();
			for (long q = 0; q < SharedTraining.planes(s.pixelDimensions()); q++)
				out.add(SharedTraining.sample(s, q, part++, seed, p));
		}
		return out;
	}

	private static List<LloydStats> stats(final SharedModel model, final List<SharedTraining.Image> images) {
		final List<LloydStats> out = new ArrayList<>();
		for (final SharedTraining.Image i : images) {
			final PixelSource s = i.open();
			for (long q = 0; q < SharedTraining.planes(s.pixelDimensions()); q++)
				out.add(SharedTraining.stats(model, s, q));
		}
		return out;
	}

	private static LloydStats merge(final List<LloydStats> parts, final int from, final int to) {
		LloydStats m = LloydStats.empty(parts.get(0).centres(), parts.get(0).channels());
		for (int i = from; i < to; i++)
			m = m.merge(parts.get(i));
		return m;
	}

	@Test
	void partsArePlanesOfTheImagesInOrder() {
		assertEquals(12, SharedTraining.planeSize(new long[] { 3, 4 }));
		assertEquals(1, SharedTraining.planes(new long[] { 3, 4 }));
		assertEquals(10, SharedTraining.planes(new long[] { 3, 4, 2, 5 }));
		assertEquals(7, SharedTraining.planeSize(new long[] { 7 }));
		assertEquals(1.0, SharedTraining.probability(SharedTraining.SAMPLE));
		assertEquals(0.25, SharedTraining.probability(4L * SharedTraining.SAMPLE));
	}

	@Test
	void theSampleHoldsExactlyThePixelsTheHashKeeps() {
		final PixelSource s = image(5, 300, 200, 2, 20);
		final double p = 0.05;
		final PartSample sample = SharedTraining.sample(s, 1, 9, 42, p);
		final float[] all = new float[300 * 200 * 3];
		s.reader().read(300 * 200, 300 * 200, all);
		final List<Float> expected = new ArrayList<>();
		for (int i = 0; i < 300 * 200; i++)
			if (SharedTraining.kept(42, 9, i, p)) for (int c = 0; c < 3; c++)
				expected.add(all[i * 3 + c]);
		final float[] got = sample.values();
		assertEquals(expected.size(), got.length);
		for (int i = 0; i < got.length; i++)
			assertEquals(expected.get(i), got[i]);
		// about p of the pixels, and another part index or seed keeps others
		assertTrue(Math.abs(sample.size() - p * 60000) < 5 * Math.sqrt(p * 60000), "sample of " + sample.size());
		assertNotEquals(sample, SharedTraining.sample(s, 1, 10, 42, p));
		assertNotEquals(sample, SharedTraining.sample(s, 1, 9, 43, p));
		assertEquals(sample, SharedTraining.sample(s, 1, 9, 42, p));
		assertEquals(60000, sample.pixels());
		double sum = 0;
		for (int i = 0; i < 60000; i++)
			sum += all[i * 3 + 1];
		assertEquals(sum, sample.sum(1));
	}

	@Test
	void mergedStatisticsDoNotDependOnGroupingOrOrder() {
		final List<SharedTraining.Image> images = folder();
		final SharedModel model = SharedTraining.start(settings(16), samples(images, 7), Progress.NONE);
		final List<LloydStats> parts = stats(model, images);
		assertTrue(parts.size() >= 7);
		final LloydStats inOrder = merge(parts, 0, parts.size());
		final int half = parts.size() / 2;
		final LloydStats twoGroups = merge(parts, half, parts.size()).merge(merge(parts, 0, half));
		final List<LloydStats> shuffled = new ArrayList<>(parts);
		Collections.shuffle(shuffled, new Random(3));
		final LloydStats anyOrder = merge(shuffled, 0, shuffled.size());
		assertEquals(inOrder, twoGroups);
		assertEquals(inOrder, anyOrder);
		assertEquals(Double.doubleToLongBits(inOrder.distortion()), Double.doubleToLongBits(twoGroups.distortion()));
		for (int j = 0; j < model.centres(); j++)
			for (int c = 0; c < 3; c++)
				assertEquals(Double.doubleToLongBits(inOrder.sum(j, c)), Double.doubleToLongBits(anyOrder.sum(j, c)));
		assertEquals(model.next(inOrder), model.next(twoGroups));
		long pixels = 0;
		for (final SharedTraining.Image i : images)
			pixels += i.open().size();
		assertEquals(pixels, inOrder.pixels());
	}

	@Test
	void sampleOrderDoesNotMatterToTheStart() {
		final List<SharedTraining.Image> images = folder();
		final List<PartSample> samples = samples(images, 7);
		final List<PartSample> reversed = new ArrayList<>(samples);
		Collections.reverse(reversed);
		assertEquals(SharedTraining.start(settings(8), samples, Progress.NONE), SharedTraining.start(settings(8),
			reversed, Progress.NONE));
		final List<PartSample> twice = new ArrayList<>(samples);
		twice.add(samples.get(2));
		assertThrows(IllegalArgumentException.class, () -> SharedTraining.start(settings(8), twice, Progress.NONE));
	}

	@Test
	void theCodebookDoesNotDependOnTheThreadCount() {
		final List<SharedTraining.Image> images = folder();
		final Codebook one = Parallelization.runSingleThreaded(() -> SharedTraining.train(settings(16), images,
			Progress.NONE));
		final Codebook four = Parallelization.runWithNumThreads(4, () -> SharedTraining.train(settings(16), images,
			Progress.NONE));
		final Codebook again = SharedTraining.train(settings(16), images, Progress.NONE);
		assertEquals(one, four);
		assertEquals(one, again);
		// one image with many planes: planes in parallel
		final List<SharedTraining.Image> stack = Collections.singletonList(held(image(9, 64, 48, 6, 15)));
		assertEquals(Parallelization.runSingleThreaded(() -> SharedTraining.train(settings(16), stack,
			Progress.NONE)), Parallelization.runWithNumThreads(3, () -> SharedTraining.train(settings(16), stack,
				Progress.NONE)));
	}

	@Test
	void trainingIsTheContractsStepsInAnyGroupingAcrossJvms() throws Exception {
		// what a distributed job does: sample parts, start, merge pass statistics in any grouping,
		// every value crossing a JVM boundary serialized
		final List<SharedTraining.Image> images = folder();
		final QuantizeSettings s = settings(16);
		final List<PartSample> sent = new ArrayList<>();
		for (final PartSample p : samples(images, s.seed()))
			sent.add(copy(p));
		SharedModel model = SharedTraining.start(s, sent, Progress.NONE);
		LloydStats last = null;
		double prev = Double.POSITIVE_INFINITY;
		for (int pass = 0; pass < Math.max(1, s.refine()); pass++) {
			final List<LloydStats> parts = new ArrayList<>();
			for (final LloydStats p : stats(copy(model), images))
				parts.add(copy(p));
			final LloydStats st = copy(merge(parts, 3, parts.size())).merge(copy(merge(parts, 0, 3)));
			model = model.next(st);
			last = st;
			if (Training.converged(prev, st.distortion(), s.tolerance())) break;
			prev = st.distortion();
		}
		assertEquals(SharedTraining.train(s, images, Progress.NONE), model.codebook(last));
	}

	@Test
	void partsOfFewColoursCountedByValueGiveThePixelByPixelStatistics() {
		// noise 1: a few hundred colours per part, so the pass goes by distinct value
		final PixelSource bytes = image(11, 120, 90, 2, 1);
		final float[] values = new float[120 * 90 * 2 * 3];
		final float[] buf = new float[120 * 90 * 2 * 3];
		bytes.reader().read(0, 120 * 90 * 2, buf);
		// the same values as 32-bit float, which has no packed keys: pixel by pixel
		for (int i = 0; i < 120 * 90 * 2; i++)
			for (int c = 0; c < 3; c++)
				values[i + 120 * 90 * 2 * c] = buf[i * 3 + c];
		final List<SharedTraining.Image> images = Collections.singletonList(held(bytes));
		final SharedModel model = SharedTraining.start(settings(6), samples(images, 7), Progress.NONE);
		final LloydStats byValue = SharedTraining.stats(model, bytes, 1);
		final LloydStats byPixel = SharedTraining.stats(model, PixelSource.of(ArrayImgs.floats(values, 120, 90, 2, 3),
			3), 1);
		assertEquals(120 * 90, byValue.pixels());
		for (int j = 0; j < model.centres(); j++) {
			assertEquals(byPixel.count(j), byValue.count(j));
			for (int c = 0; c < 3; c++)
				assertEquals(byPixel.sum(j, c), byValue.sum(j, c), "integer values: exact sums either way");
		}
		assertEquals(byPixel.distortion(), byValue.distortion(), 1e-9 * byPixel.distortion());
		// and the single-machine driver, which keeps such parts' values across passes, follows the contract
		final List<SharedTraining.Image> two = Arrays.asList(held(image(12, 64, 40, 3, 1)), held(bytes));
		final QuantizeSettings s = settings(6);
		SharedModel m = SharedTraining.start(s, samples(two, s.seed()), Progress.NONE);
		LloydStats last = null;
		double prev = Double.POSITIVE_INFINITY;
		for (int pass = 0; pass < s.refine(); pass++) {
			final List<LloydStats> parts = stats(m, two);
			final LloydStats st = merge(parts, 0, parts.size());
			m = m.next(st);
			last = st;
			if (Training.converged(prev, st.distortion(), s.tolerance())) break;
			prev = st.distortion();
		}
		assertEquals(SharedTraining.train(s, two, Progress.NONE), m.codebook(last));
	}

	@Test
	void aPartsTableGivesItsStatistics() {
		final PixelSource bytes = image(11, 120, 90, 2, 1);
		final List<SharedTraining.Image> images = Collections.singletonList(held(bytes));
		final SharedModel model = SharedTraining.start(settings(6), samples(images, 7), Progress.NONE);
		for (long plane = 0; plane < 2; plane++) {
			final SharedTraining.PartValues table = SharedTraining.values(bytes, plane);
			assertTrue(table != null && table.size() > 0 && table.size() <= 120 * 90 / 4);
			assertEquals(SharedTraining.stats(model, bytes, plane), SharedTraining.stats(model, table));
		}
		// 32-bit float has no packed keys: no table, the pass goes pixel by pixel
		assertEquals(null, SharedTraining.values(PixelSource.of(ArrayImgs.floats(new float[] { 1, 2, 3, 4 }, 2, 2), -1),
			0));
	}

	@Test
	void wellSeparatedClustersAreFoundInEveryImage() {
		final List<SharedTraining.Image> images = folder();
		final Codebook cb = SharedTraining.train(settings(6), images, Progress.NONE);
		assertEquals(6, cb.size());
		for (final int[] c : CLUSTERS) {
			double best = Double.POSITIVE_INFINITY;
			for (int i = 0; i < cb.size(); i++) {
				double d = 0;
				for (int ch = 0; ch < 3; ch++)
					d += Math.pow(cb.value(i, ch) - c[ch], 2);
				best = Math.min(best, d);
			}
			assertTrue(best < 4, "cluster " + Arrays.toString(c) + " is " + Math.sqrt(best) + " from its entry");
		}
		long pixels = 0, counted = 0;
		for (final SharedTraining.Image i : images)
			pixels += i.open().size();
		for (int i = 0; i < cb.size(); i++)
			counted += cb.count(i);
		assertEquals(pixels, counted);
	}

	@Test
	void aSharedCodebookIsAboutAsGoodAsOnePerImage() {
		// similar images (a time series): the shared codebook must not cost much over one per image
		final List<SharedTraining.Image> images = new ArrayList<>();
		for (int t = 0; t < 4; t++)
			images.add(held(image(1 + 6 * t, 128, 96, 1, 30)));
		final QuantizeSettings s = settings(16);
		final Codebook shared = SharedTraining.train(s, images, Progress.NONE);
		double sharedSse = 0, ownMse = 0;
		long values = 0;
		for (final SharedTraining.Image i : images) {
			final PixelSource px = i.open();
			final Assignment a = KMeansQuantizer.assign(shared, px, ArrayImgs.unsignedBytes(px.pixelDimensions()),
				Progress.NONE);
			sharedSse += a.sumSquaredError();
			values += a.finiteSamples();
			final Codebook own = KMeansQuantizer.train(s, px, null, Progress.NONE);
			ownMse += KMeansQuantizer.assign(own, px, ArrayImgs.unsignedBytes(px.pixelDimensions()), Progress.NONE)
				.mse() / images.size();
		}
		final double sharedMse = sharedSse / values;
		assertTrue(sharedMse < 1.03 * ownMse, "shared MSE " + sharedMse + ", per image " + ownMse);
		assertTrue(sharedMse > 0.8 * ownMse, "shared MSE " + sharedMse + ", per image " + ownMse);
	}

	@Test
	void standardizeScalesByAllImagesAndNaNGetsItsOwnEntry() {
		final float[] a = new float[40 * 30], b = new float[50 * 20];
		final Random r = new Random(1);
		for (int i = 0; i < a.length; i++)
			a[i] = i % 7 == 0 ? Float.NaN : (float) (r.nextGaussian() * 3 + (i % 2) * 100);
		for (int i = 0; i < b.length; i++)
			b[i] = (float) (r.nextGaussian() * 3 + 50);
		final ArrayImg<FloatType, FloatArray> ia = ArrayImgs.floats(a, 40, 30), ib = ArrayImgs.floats(b, 50, 20);
		final List<SharedTraining.Image> images = Arrays.asList(held(PixelSource.of(ia, -1)), held(PixelSource.of(ib,
			-1)));
		final QuantizeSettings s = settings(3).toBuilder().scaling(ChannelScaling.STANDARDIZE).build();
		final Codebook cb = SharedTraining.train(s, images, Progress.NONE);
		assertEquals(4, cb.size());
		assertTrue(cb.hasNonFiniteEntry());
		double sum = 0, sq = 0;
		long n = 0;
		for (final float[] arr : new float[][] { a, b })
			for (final float v : arr)
				if (Float.isFinite(v)) {
					sum += v;
					sq += (double) v * v;
					n++;
				}
		final double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
		assertEquals(1 / sd, cb.channelWeight(0), 1e-9 / sd);
		assertEquals(0, cb.value(0, 0), 1.0);
		assertEquals(50, cb.value(1, 0), 1.0);
		assertEquals(100, cb.value(2, 0), 1.0);
		long nan = 0;
		for (final float v : a)
			if (Float.isNaN(v)) nan++;
		assertEquals(nan, cb.count(3));
	}

	@Test
	void imagesOfOtherChannelsAreRefused() {
		final List<SharedTraining.Image> images = new ArrayList<>(folder());
		images.add(held(PixelSource.of(ArrayImgs.unsignedBytes(new byte[64], 8, 8), -1)));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedTraining.train(
			settings(4), images, Progress.NONE));
		assertTrue(e.getMessage().contains("one pixel type and channel count"), e.getMessage());
	}

	@Test
	void samplesStatisticsModelsAndCodebooksSurviveSerialization() throws Exception {
		final List<SharedTraining.Image> images = folder();
		final List<PartSample> samples = samples(images, 7);
		final SharedModel model = SharedTraining.start(settings(8), samples, Progress.NONE);
		final LloydStats st = merge(stats(model, images), 0, 3);
		assertEquals(samples.get(1), copy(samples.get(1)));
		assertEquals(st, copy(st));
		assertEquals(model, copy(model));
		final Codebook cb = model.codebook(merge(stats(model, images), 0, stats(model, images).size()));
		assertEquals(cb, copy(cb));
		assertEquals(SampleRange.UINT8, copy(cb).range());
	}

	@SuppressWarnings("unchecked")
	private static <T> T copy(final T o) throws IOException, ClassNotFoundException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(o);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return (T) in.readObject();
		}
	}
}
