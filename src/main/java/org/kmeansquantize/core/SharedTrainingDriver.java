package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

/**
 * The single-machine driver of {@link SharedTraining}'s contract ({@link SharedTraining#train}):
 * the sampling pass, the start and the exact passes over the parts of all images on ImgLib2's
 * current task executor. Parts' distinct values are kept across passes while they fit in memory,
 * so that a pass over such parts reads no pixel.
 */
final class SharedTrainingDriver {

	private SharedTrainingDriver() {}

	/** See {@link SharedTraining#train}. */
	static Codebook train(final QuantizeSettings settings, final List<? extends SharedTraining.Image> images,
		final Progress progress)
	{
		if (images.isEmpty()) throw new IllegalArgumentException("no image to train on");
		final long[] firstPart = new long[images.size()];
		long total = 0, parts = 0;
		for (int f = 0; f < images.size(); f++) {
			final long[] dims = images.get(f).pixelDimensions();
			firstPart[f] = parts;
			parts += SharedTraining.planes(dims);
			long n = 1;
			for (final long d : dims)
				n *= d;
			total += n;
		}
		final double p = SharedTraining.probability(total);
		final long allParts = parts;
		final List<PartSample> samples = new ArrayList<>();
		for (final List<PartSample> s : overParts(images, firstPart, allParts, progress, "sampling", (img, plane,
			part) -> SharedTraining.sample(img.get(), plane, part, settings.seed(), p)))
			samples.addAll(s);
		final SharedModel model = SharedTraining.start(settings, samples, progress);
		samples.clear();
		// parts' distinct values, kept across passes while they fit (16 bytes each): a pass over such
		// parts needs no image reading
		final SampleRange range = model.range();
		final Map<Long, DistinctTable> tables = new ConcurrentHashMap<>();
		final AtomicLong budget = new AtomicLong(Runtime
			.getRuntime().maxMemory() / 8 / 16);
		final AtomicBoolean cache = new AtomicBoolean(Packing
			.of(range, model.channels()) != null && settings.refine() > 1);
		final int[] pass = { 0 };
		return SharedTraining.refine(model, settings, current -> {
			LloydStats stats = LloydStats.empty(current.centres(), current.channels());
			final NearestCentroid nn = new NearestCentroid(current.floatCentres(), current.centres(), current
				.channels());
			for (final List<LloydStats> s : overParts(images, firstPart, allParts, progress,
				"exact k-means pass " + (++pass[0]) + " over all images", (img, plane, part) -> {
					final DistinctTable table = tables.get(part);
					if (table != null) return SharedTraining.stats(current, range, table, nn);
					if (!cache.get()) return SharedTraining.stats(current, img.get(), plane);
					final PixelSource source = img.get();
					final DistinctTable t = SharedTraining.distinct(source, plane);
					if (t == null || !reserve(budget, t.size())) return SharedTraining.stats(current, source, plane);
					tables.put(part, t);
					return SharedTraining.stats(current, source.range(), t, nn);
				}))
				for (final LloydStats x : s)
					stats = stats.merge(x);
			return stats;
		}).codebook;
	}

	/** @return whether {@code n} more entries fit the budget (then taken from it) */
	private static boolean reserve(final AtomicLong budget, final long n) {
		return budget.addAndGet(-n) >= 0 || budget.addAndGet(n) < 0;
	}

	/** Work on one part; the image is opened on first use only. */
	private interface PartWork<R> {

		R apply(Supplier<PixelSource> image, long plane, long part);
	}

	/**
	 * Runs the work on every part; one list per image, in plane order. Images in parallel when
	 * there are enough of them, else the planes of each image in parallel.
	 */
	private static <R> List<List<R>> overParts(final List<? extends SharedTraining.Image> images, final long[] firstPart,
		final long allParts, final Progress progress, final String phase, final PartWork<R> work)
	{
		final TaskExecutor ex = Parallelization.getTaskExecutor();
		final AtomicLong done = new AtomicLong();
		final List<Integer> order = new ArrayList<>();
		for (int f = 0; f < images.size(); f++)
			order.add(f);
		final boolean byImage = images.size() >= ex.suggestNumberOfTasks();
		final List<List<R>> out = new ArrayList<>();
		if (byImage) return Threads.forEachApply(order, f -> {
			progress.checkCanceled();
			final Opened img = new Opened(images.get(f));
			final long planes = SharedTraining.planes(images.get(f).pixelDimensions());
			final List<R> r = new ArrayList<>();
			for (long q = 0; q < planes; q++) {
				progress.checkCanceled();
				r.add(work.apply(img, q, firstPart[f] + q));
				progress.report(phase, done.incrementAndGet() / (double) allParts);
			}
			return r;
		});
		for (final int f : order) {
			progress.checkCanceled();
			final Opened img = new Opened(images.get(f));
			final long planes = SharedTraining.planes(images.get(f).pixelDimensions());
			final List<Long> qs = new ArrayList<>();
			for (long q = 0; q < planes; q++)
				qs.add(q);
			out.add(Threads.forEachApply(qs, q -> {
				progress.checkCanceled();
				final R r = work.apply(img, q, firstPart[f] + q);
				progress.report(phase, done.incrementAndGet() / (double) allParts);
				return r;
			}));
		}
		return Collections.unmodifiableList(out);
	}

	/** An image opened on first use, at most once; its pixels must have the dimensions it announced. */
	private static final class Opened implements Supplier<PixelSource> {

		private final SharedTraining.Image image;
		private PixelSource source;

		Opened(final SharedTraining.Image image) {
			this.image = image;
		}

		@Override
		public synchronized PixelSource get() {
			if (source == null) {
				final PixelSource s = image.open();
				if (!Arrays.equals(s.pixelDimensions(), image.pixelDimensions())) throw new IllegalArgumentException(
					"an image's pixels are " + PixelSource.dims(s.pixelDimensions()) + " but it announced " +
						PixelSource.dims(image.pixelDimensions()));
				source = s;
			}
			return source;
		}
	}

	/**
	 * {@link SharedTraining#refine}: {@link Convergence}'s passes, each one made by {@code pass} for
	 * the model at the current centres; empty centres stay where they are, as {@link SharedModel#next}
	 * leaves them.
	 */
	static SharedCodebook refine(final SharedModel start, final QuantizeSettings settings,
		final Function<SharedModel, LloydStats> pass)
	{
		final int m = start.centres(), nc = start.channels();
		final double[] centres = start.centreValues();
		// the statistics of the last two passes, by their sums: the last pass or, if it undid a step,
		// the one before is the result
		final List<TrainingSet.Partial> sums = new ArrayList<>();
		final List<LloydStats> stats = new ArrayList<>();
		final int[] made = { 0 };
		final TrainingSet.Partial last = Convergence.run((c, k, progress) -> {
			final LloydStats st = pass.apply(start.with(c.clone()));
			made[0]++;
			final TrainingSet.Partial p = new TrainingSet.Partial(m, nc);
			for (int j = 0; j < m; j++) {
				p.weights[j] = st.count(j);
				for (int ch = 0; ch < nc; ch++)
					p.sums[j * nc + ch] = st.sum(j, ch);
			}
			p.distortion = st.distortion();
			if (sums.size() == 2) {
				sums.remove(0);
				stats.remove(0);
			}
			sums.add(p);
			stats.add(st);
			return p;
		}, centres, m, nc, Math.max(1, settings.refine()), settings.tolerance(), null, Progress.NONE);
		return new SharedCodebook(start.with(centres).codebook(stats.get(sums.indexOf(last))), made[0]);
	}
}
