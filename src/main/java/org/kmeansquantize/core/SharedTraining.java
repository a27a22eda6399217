package org.kmeansquantize.core;

import java.util.function.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;

/**
 * One codebook learned from many images (a folder, a time series, a plate), built from mergeable
 * statistics so that a single machine ({@link #train}) and a distributed job (Spark) that follow
 * this contract get the same codebook and the same error from the same images and seed.
 *
 * <h2>Parts</h2>
 * <p>
 * The images form an ordered list (a folder: files sorted by name). Each image is a
 * {@link PixelSource} with pixel dimensions D (the channel axis removed). Its pixels are cut into
 * planes of {@link #planeSize(long[]) planeSize(D)} = D[0]·D[1] pixels (D[0] for a 1-D image), in
 * the source's flat order: plane q holds pixels {@code [q·planeSize, (q+1)·planeSize)}, all channels
 * of each. A <em>part</em> is one plane of one image; parts are numbered j = 0, 1, 2, … through the
 * images in list order and their planes in order: part j of image f, plane q, is
 * {@code j = (planes of images 0..f-1) + q}. The index i of a pixel within its part is its offset
 * from the plane's first pixel, 0..planeSize-1. N is the number of pixels of all images, finite or
 * not, known before any pixel is read.
 * </p>
 *
 * <h2>1. Sampling pass ({@link #sample}, per part, independent)</h2>
 * <p>
 * With p = {@link #probability(long) probability(N)} = min(1, {@value #SAMPLE} / N), pixel i of
 * part j is kept iff all its values are finite and {@link #kept(long, long, long, double)
 * kept(seed, j, i, p)}: with SplitMix64's finaliser {@code mix} ({@code z ^= z >>> 30; z *=
 * 0xbf58476d1ce4e5b9L; z ^= z >>> 27; z *= 0x94d049bb133111ebL; z ^= z >>> 31}) and all arithmetic
 * modulo 2<sup>64</sup>, {@code h = mix(mix(mix(seed + 0x9E3779B97F4A7C15L) + j) + i)}, kept iff
 * p ≥ 1 or {@code (h >>> 11) * 2^-53 < p}. A part's {@link PartSample} holds its kept pixels'
 * values in pixel order and, over its finite pixels, per-channel sums and sums of squares
 * (double, in pixel order), the smallest and largest value, and the count of non-finite pixels.
 * </p>
 *
 * <h2>2. Start ({@link #start}, on one machine)</h2>
 * <p>
 * The part samples, sorted by part index, are combined in that order: the per-channel sums give
 * the scaling ({@link SharedModel}); the samples' values, scaled and concatenated in part order,
 * are the training sample. {@link KMeansQuantizer#train} on that sample (as a 32-bit image, with
 * the given settings, scaling none, and k = min(colors, 255) if any pixel is non-finite) gives the
 * initial centres: its seeding, mini-batch k-means and refinement on the sample.
 * </p>
 *
 * <h2>3. Exact Lloyd passes ({@link #stats} per part, {@link LloydStats#merge}, {@link SharedModel#next})</h2>
 * <p>
 * Per part, every finite pixel, scaled, goes to its nearest centre (squared Euclidean distance in
 * scaled space, float arithmetic; the lower index on ties); the part's counts, per-centre sums and
 * distortion are accumulated in double (pixel by pixel in pixel order, or, for parts whose values
 * pack into a 62-bit key and that have at most a quarter as many distinct values as pixels, per
 * distinct value times its count, in ascending key order: a fixed function of the part either
 * way) and kept exactly. Merging is exact, so the merged statistics do not depend on how parts are
 * grouped, ordered or spread over threads and machines. Centres move to the means of their pixels,
 * empty centres stay; from the second pass on, while no centre is empty, twice as far (the
 * over-relaxed steps of {@link Convergence}), a step undone when the next pass loses. The loop,
 * as {@link #refine} runs it for every driver:
 * </p>
 *
 * <pre>
 * model = start(settings, samples, progress); prev = +infinity; last = null; relaxed = false
 * repeat max(1, settings.refine()) times:
 *     st = LloydStats.empty(model.centres(), model.channels()) merged with stats(model, image, plane) of every part
 *     undo = relaxed and st.distortion() &gt; last.distortion()
 *     if undo: model = previous; st = last
 *     plain = model.next(st); last = st
 *     if not undo and the distortion fell by at most tolerance times prev (or to 0): model = plain; stop
 *     prev = st.distortion()
 *     relaxed = not undo, at least 2 passes made, not the last pass, and no centre of st empty
 *     previous = model
 *     model = relaxed ? plain with every centre c at previous's c + 2 (plain's c - previous's c) : plain
 * codebook = model.codebook(last)
 * </pre>
 *
 * <h2>4. Codebook and assignment</h2>
 * <p>
 * {@link SharedModel#codebook(LloydStats)} with the last pass's statistics: empty centres
 * dropped, entries by brightness, the non-finite entry last if any pixel was non-finite. Every
 * image is then labelled with {@link KMeansQuantizer#assign}; its {@link Assignment}s' sums of
 * squared errors and value counts, added over the images, give the error of the whole set.
 * </p>
 * <p>
 * All images must have the same pixel type and channel count: a shared codebook needs the same
 * channels. Methods are stateless and thread-safe. Results are bit for bit the same on every
 * machine that runs the same version of this code on Java 17 or later (whose floating-point
 * arithmetic is strict everywhere).
 * </p>
 */
public final class SharedTraining {

	/** Expected size of the seeding sample, in pixels. */
	public static final int SAMPLE = 1 << 18;

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private static final int BUFFER = 1 << 14;

	private SharedTraining() {}

	/** An image of the ordered list, for the single-machine driver. */
	public interface Image {

		/**
		 * @return the pixel dimensions of {@link #open()}'s source (known before its pixels are
		 *         read, e.g. from a file's header)
		 */
		long[] pixelDimensions();

		/**
		 * @return the image's pixels; called once per pass over the images, possibly from several
		 *         threads for different images
		 */
		PixelSource open();
	}

	/**
	 * @param pixelDimensions an image's pixel dimensions
	 * @return pixels per part: D[0]·D[1], or D[0] for a 1-D image
	 */
	public static long planeSize(final long[] pixelDimensions) {
		return PixelSource.planeSize(pixelDimensions);
	}

	/**
	 * @param pixelDimensions an image's pixel dimensions
	 * @return the number of parts (planes) of the image
	 */
	public static long planes(final long[] pixelDimensions) {
		long n = 1;
		for (int d = pixelDimensions.length == 1 ? 1 : 2; d < pixelDimensions.length; d++)
			n *= pixelDimensions[d];
		return n;
	}

	/**
	 * @param totalPixels N, the pixels of all images, finite or not
	 * @return the sampling probability min(1, {@value #SAMPLE} / N)
	 */
	public static double probability(final long totalPixels) {
		return totalPixels <= SAMPLE ? 1 : SAMPLE / (double) totalPixels;
	}

	/**
	 * The sampling rule (for finite pixels).
	 *
	 * @param seed the settings' seed
	 * @param part the part's index j
	 * @param pixel the pixel's index i within the part
	 * @param probability p
	 * @return whether the pixel is in the sample: p ≥ 1, or {@code (h >>> 11) * 2^-53 < p} with
	 *         {@code h = mix(mix(mix(seed + 0x9E3779B97F4A7C15L) + part) + pixel)}
	 */
	public static boolean kept(final long seed, final long part, final long pixel, final double probability) {
		if (probability >= 1) return true;
		return (hash(TrainingSet.mix(TrainingSet.mix(seed + GOLDEN) + part), pixel) >>> 11) * 0x1.0p-53 < probability;
	}

	private static long hash(final long partKey, final long pixel) {
		return TrainingSet.mix(partKey + pixel);
	}

	/**
	 * The sampling pass over one part.
	 *
	 * @param image the image; only read
	 * @param plane the part's plane within the image
	 * @param part the part's index j in the whole list
	 * @param seed the settings' seed
	 * @param probability p, from {@link #probability(long)}
	 * @return the part's sample and statistics
	 * @throws IllegalArgumentException if the plane does not exist
	 */
	public static PartSample sample(final PixelSource image, final long plane, final long part, final long seed,
		final double probability)
	{
		final int nc = image.channels();
		final long size = planeSize(image.pixelDimensions());
		final long first = firstPixel(image, plane);
		final boolean checkFinite = !image.range().isInteger();
		final long partKey = TrainingSet.mix(TrainingSet.mix(seed + GOLDEN) + part);
		final PixelSource.Reader reader = image.reader();
		final float[] buf = new float[BUFFER * nc];
		float[] out = new float[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, (long) (size * Math.min(1,
			probability) * 1.1) + 64) * nc)];
		int m = 0;
		long nonFinite = 0;
		final double[] sum = new double[nc], sq = new double[nc];
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (long b = 0; b < size; b += BUFFER) {
			final int n = (int) Math.min(BUFFER, size - b);
			reader.read(first + b, n, buf);
			for (int i = 0; i < n; i++) {
				final int o = i * nc;
				if (checkFinite && !TrainingSet.finite(buf, o, nc)) {
					nonFinite++;
					continue;
				}
				for (int c = 0; c < nc; c++) {
					final double v = buf[o + c];
					sum[c] += v;
					sq[c] += v * v;
					if (v < min) min = v;
					if (v > max) max = v;
				}
				if (probability < 1 && (hash(partKey, b + i) >>> 11) * 0x1.0p-53 >= probability) continue;
				if ((m + 1) * nc > out.length) out = Arrays.copyOf(out, out.length * 2);
				System.arraycopy(buf, o, out, m * nc, nc);
				m++;
			}
		}
		final boolean any = min <= max;
		return new PartSample(part, nc, image.range(), Arrays.copyOf(out, m * nc), size, nonFinite, sum, sq, any
			? min : Double.NaN, any ? max : Double.NaN);
	}

	/**
	 * The start on one machine: scaling from all parts' statistics, initial centres from
	 * {@link KMeansQuantizer#train} on the concatenated, scaled sample.
	 *
	 * @param settings the settings (colors, seed, batch, iterations, refine, tolerance, scaling)
	 * @param samples every part's sample, in any order (sorted by part index here)
	 * @param progress progress and cancellation
	 * @return the model before the first exact pass
	 * @throws IllegalArgumentException if there are no samples, two share a part index, parts differ
	 *           in pixel type or channel count, or no pixel is finite, or no finite pixel was sampled,
	 *           or the settings ask for a colour space other than RGB (a shared codebook is learned
	 *           in the input's units only)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static SharedModel start(final QuantizeSettings settings, final List<PartSample> samples,
		final Progress progress)
	{
		if (settings.space() != ColourSpace.RGB) throw new IllegalArgumentException(QuantizeSettings.KEY_SPACE +
			"=" + settings.space().key() + " is not supported for a shared codebook; use " +
			QuantizeSettings.KEY_SPACE + "=" + ColourSpace.RGB.key());
		if (samples.isEmpty()) throw new IllegalArgumentException("no image to train on");
		final List<PartSample> sorted = new ArrayList<>(samples);
		sorted.sort((a, b) -> Long.compare(a.part(), b.part()));
		final PartSample head = sorted.get(0);
		final int nc = head.channels();
		final SampleRange range = head.range();
		long finite = 0, nonFinite = 0, sampled = 0;
		final ChannelMoments moments = new ChannelMoments(nc);
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int s = 0; s < sorted.size(); s++) {
			final PartSample p = sorted.get(s);
			if (s > 0 && p.part() == sorted.get(s - 1).part()) throw new IllegalArgumentException("part " + p
				.part() + " was sampled twice");
			if (p.channels() != nc || !p.range().equals(range)) throw new IllegalArgumentException(
				"a shared codebook needs images of one pixel type and channel count, but part " + p.part() + " has " + p
					.channels() + " channels of " + p.range() + " and part " + head.part() + " " + nc + " channels of " +
					range);
			finite += p.pixels() - p.nonFinite();
			nonFinite += p.nonFinite();
			sampled += p.size();
			for (int c = 0; c < nc; c++) {
				moments.sum[c] += p.sum(c);
				moments.sumOfSquares[c] += p.sumOfSquares(c);
			}
			if (p.min() < min) min = p.min();
			if (p.max() > max) max = p.max();
		}
		if (finite == 0) throw new IllegalArgumentException("the images have no pixel with a finite value to train on");
		if (sampled == 0) throw new IllegalArgumentException("the sample of the images holds no finite pixel");
		if (sampled > Integer.MAX_VALUE / nc) throw new IllegalArgumentException("the sample is too large");
		moments.count = finite;
		final double[] offset = moments.offset(settings.scaling()), scale = moments.scale(settings.scaling());
		// channel-planar (x, c), so that the engine reads the sample straight from the array
		final int n = (int) sampled;
		final float[] points = new float[n * nc];
		int at = 0;
		for (final PartSample p : sorted) {
			final float[] v = p.rawValues();
			for (int i = 0; i < v.length / nc; i++, at++)
				for (int c = 0; c < nc; c++)
					points[c * n + at] = (float) ((v[i * nc + c] - offset[c]) * scale[c]);
		}
		final int k = CodebookBuilder.learnedEntries(settings.colors(), nonFinite > 0);
		final QuantizeSettings onSample = settings.toBuilder().colors(k).scaling(ChannelScaling.NONE).build();
		final Codebook initial = KMeansQuantizer.train(onSample, PixelSource.of(ArrayImgs.floats(points, n, nc),
			1), null, progress);
		final int m = initial.centres();
		final double[] centres = new double[m * nc];
		for (int j = 0; j < m; j++)
			for (int c = 0; c < nc; c++)
				centres[j * nc + c] = initial.value(j, c);
		return new SharedModel(range, nc, offset, scale, centres, nonFinite, min, max);
	}

	/**
	 * One part's share of an exact Lloyd pass.
	 *
	 * @param model the current centres and scaling
	 * @param image the image; only read
	 * @param plane the part's plane within the image
	 * @return the part's statistics, to be merged with the other parts'
	 * @throws IllegalArgumentException if the image's channels do not match the model or the plane
	 *           does not exist
	 */
	public static LloydStats stats(final SharedModel model, final PixelSource image, final long plane) {
		final int nc = image.channels();
		if (nc != model.channels()) throw new IllegalArgumentException("the image has " + nc +
			" channels but the shared codebook " + model.channels());
		final int k = model.centres();
		final long size = planeSize(image.pixelDimensions());
		final long first = firstPixel(image, plane);
		final boolean checkFinite = !image.range().isInteger();
		final NearestCentroid nn = new NearestCentroid(model.floatCentres(), k, nc);
		final double[] offset = new double[nc], scale = new double[nc];
		for (int c = 0; c < nc; c++) {
			offset[c] = model.offset(c);
			scale[c] = model.scale(c);
		}
		final PixelSource.Reader reader = image.reader();
		final float[] buf = new float[BUFFER * nc];
		final float[] pt = new float[nc];
		final float[] dist = new float[1];
		final long[] counts = new long[k];
		final double[] sums = new double[k * nc];
		final DistinctTable distinct = distinct(image, reader, buf, first, size);
		if (distinct != null) return stats(model, image.range(), distinct, nn);
		double distortion = 0;
		for (long b = 0; b < size; b += BUFFER) {
			final int n = (int) Math.min(BUFFER, size - b);
			reader.read(first + b, n, buf);
			for (int i = 0; i < n; i++) {
				final int o = i * nc;
				if (checkFinite && !TrainingSet.finite(buf, o, nc)) continue;
				for (int c = 0; c < nc; c++)
					pt[c] = (float) ((buf[o + c] - offset[c]) * scale[c]);
				final int j = nn.nearest(pt, 0, dist);
				counts[j]++;
				for (int c = 0; c < nc; c++)
					sums[j * nc + c] += pt[c];
				distortion += dist[0];
			}
		}
		return LloydStats.of(k, nc, counts, sums, distortion);
	}

	/**
	 * A part's distinct values with their counts, for a caller that keeps them across passes (the
	 * executors of a Spark job): {@link #stats(SharedModel, PartValues)} on them is exactly
	 * {@link #stats(SharedModel, PixelSource, long)} on the part, without reading its pixels.
	 *
	 * @param image the image; only read
	 * @param plane the part's plane within the image
	 * @return the part's table, or null where {@link #stats(SharedModel, PixelSource, long)} goes
	 *         pixel by pixel (values that do not pack into a key, or more than a quarter as many
	 *         distinct values as pixels)
	 * @throws IllegalArgumentException if the plane does not exist
	 */
	public static PartValues values(final PixelSource image, final long plane) {
		final DistinctTable t = distinct(image, plane);
		return t == null ? null : new PartValues(image.range(), image.channels(), t);
	}

	/**
	 * One part's share of an exact Lloyd pass, from its table.
	 *
	 * @param model the current centres and scaling
	 * @param values the part's table, from {@link #values(PixelSource, long)}
	 * @return the part's statistics, equal to {@link #stats(SharedModel, PixelSource, long)}'s
	 * @throws IllegalArgumentException if the table's channels or range do not match the model
	 */
	public static LloydStats stats(final SharedModel model, final PartValues values) {
		if (values.channels != model.channels() || !values.range.equals(model.range()))
			throw new IllegalArgumentException("a part of " + values.channels + " channels of " + values.range +
				" does not fit the shared codebook's " + model.channels() + " channels of " + model.range());
		return stats(model, values.range, new DistinctTable(values.keys, values.counts), new NearestCentroid(model
			.floatCentres(), model.centres(), model.channels()));
	}

	/**
	 * A part's finite values as distinct packed values ({@link Packing} keys, ascending) with their
	 * counts: 16 bytes per distinct value. Immutable; {@link java.io.Serializable}.
	 */
	public static final class PartValues implements java.io.Serializable {

		private static final long serialVersionUID = 1L;

		private final SampleRange range;
		private final int channels;
		private final long[] keys;
		private final long[] counts;

		PartValues(final SampleRange range, final int channels, final DistinctTable table) {
			this.range = range;
			this.channels = channels;
			this.keys = table.keys;
			this.counts = table.counts;
		}

		/** @return number of distinct values */
		public int size() {
			return keys.length;
		}
	}

	/**
	 * A part's statistics from its distinct values: each once, with its count, in ascending key
	 * order (a fixed order).
	 */
	static LloydStats stats(final SharedModel model, final SampleRange range, final DistinctTable distinct,
		final NearestCentroid nn)
	{
		final int nc = model.channels(), k = model.centres();
		final Packing packing = Packing.of(range, nc);
		final float[] v = new float[nc], pt = new float[nc], dist = new float[1];
		final long[] counts = new long[k];
		final double[] sums = new double[k * nc];
		final long[] keys = distinct.keys, n = distinct.counts;
		double distortion = 0;
		for (int d = 0; d < keys.length; d++) {
			packing.unpack(keys[d], v, 0);
			for (int c = 0; c < nc; c++)
				pt[c] = (float) ((v[c] - model.offset(c)) * model.scale(c));
			final int j = nn.nearest(pt, 0, dist);
			counts[j] += n[d];
			for (int c = 0; c < nc; c++)
				sums[j * nc + c] += n[d] * (double) pt[c];
			distortion += n[d] * (double) dist[0];
		}
		return LloydStats.of(k, nc, counts, sums, distortion);
	}

	/**
	 * The part's finite values as distinct values with counts, where that is the cheaper pass: the
	 * values pack into a key ({@link Packing}) and there are at most a quarter as many distinct
	 * values as pixels (and at most 2<sup>20</sup>).
	 *
	 * @return the table, or null to go pixel by pixel
	 */
	static DistinctTable distinct(final PixelSource image, final long plane) {
		return distinct(image, image.reader(), new float[BUFFER * image.channels()], firstPixel(image, plane),
			planeSize(image.pixelDimensions()));
	}

	private static DistinctTable distinct(final PixelSource image, final PixelSource.Reader reader, final float[] buf,
		final long first, final long size)
	{
		return DistinctValues.ofPixels(image, reader, buf, BUFFER, first, size, (int) Math.min(
			TrainingSet.DISTINCT_LIMIT, size / 4));
	}

	/**
	 * Steps 3 and 4 for any driver: the exact Lloyd passes (over-relaxed, see the class description)
	 * from {@code start} until the stopping rule holds or {@code max(1, settings.refine())} passes
	 * are made, and the codebook from the last pass's statistics. The driver says how a pass is
	 * made: it must return the merge of {@link #stats} over every part for the model it is given.
	 *
	 * @param start the model from {@link #start}
	 * @param settings refine and tolerance are used
	 * @param pass the statistics of one exact pass over all parts, for the given model
	 * @return the shared codebook and the number of passes made
	 */
	public static SharedCodebook refine(final SharedModel start, final QuantizeSettings settings,
		final Function<SharedModel, LloydStats> pass)
	{
		return SharedTrainingDriver.refine(start, settings, pass);
	}

	/**
	 * Steps 1 to 4 on one machine: the sampling pass, the start, the exact passes and the codebook,
	 * over the images' parts on ImgLib2's current {@code Parallelization} task executor. The result
	 * does not depend on the number of threads.
	 *
	 * @param settings the settings
	 * @param images the images in order; each opened once per pass
	 * @param progress progress and cancellation, checked once per part
	 * @return the shared codebook (label every image with {@link KMeansQuantizer#assign})
	 * @throws IllegalArgumentException as {@link #start} and {@link #stats}
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Codebook train(final QuantizeSettings settings, final List<? extends Image> images,
		final Progress progress)
	{
		return SharedTrainingDriver.train(settings, images, progress);
	}

	static long firstPixel(final PixelSource image, final long plane) {
		final long[] dims = image.pixelDimensions();
		if (plane < 0 || plane >= planes(dims)) throw new IllegalArgumentException("plane " + plane +
			" does not exist in an image of " + planes(dims) + " planes");
		return plane * planeSize(dims);
	}
}
