package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.BooleanType;

/**
 * Counts the distinct values of an image's finite pixels, as {@link Packing} keys: by hashing runs
 * of equal values ({@link DistinctCounter}), or for big RGB images held in arrays in one table of
 * all 2<sup>24</sup> colours. Either gives up past a limit, so that memory stays bounded.
 */
final class DistinctValues {

	/** RGB images of at least this many pixels count their colours in a table of all colours. */
	private static final long DENSE_COUNT_PIXELS = 1 << 22;

	private DistinctValues() {}

	/** The distinct values of the training pixels, and how many pixels were left out as non-finite. */
	static final class Counted {

		final DistinctTable table;
		/** Pixels with a NaN or infinite value, in the mask or not. */
		final long nonFinite;

		Counted(final DistinctTable table, final long nonFinite) {
			this.table = table;
			this.nonFinite = nonFinite;
		}
	}

	/** One task's reading state and counter. */
	private static final class CountTask {

		final PixelBlocks blocks;
		final DistinctCounter counter = new DistinctCounter(TrainingSet.DISTINCT_LIMIT);

		CountTask(final PixelSource source, final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
			blocks = new PixelBlocks(source, mask);
		}
	}

	/**
	 * @param source the image
	 * @param mask the training pixels, or null for all
	 * @param packing the keys of the image's values
	 * @return the distinct values of the finite training pixels, or null if there are more than
	 *         {@link TrainingSet#DISTINCT_LIMIT}
	 */
	static Counted count(final PixelSource source, final RandomAccessibleInterval<? extends BooleanType<?>> mask,
		final Packing packing, final Progress progress)
	{
		final int nc = source.channels();
		if (mask == null && nc == 3 && source.isDirectArgb() && source.size() >= DENSE_COUNT_PIXELS && source
			.size() <= Integer.MAX_VALUE)
		{
			final DistinctTable t = countRgbDense(source, progress);
			return t == null ? null : new Counted(t, 0);
		}
		final boolean checkFinite = !source.range().isInteger();
		final AtomicLong nonFiniteCount = new AtomicLong();
		final List<DistinctCounter> counters = Collections.synchronizedList(new ArrayList<>());
		final List<Boolean> ok = Chunks.map(source.size(), () -> {
			final CountTask task = new CountTask(source, mask);
			counters.add(task.counter);
			return task;
		}, (task, start, len) -> {
			final PixelBlocks blocks = task.blocks;
			final DistinctCounter counter = task.counter;
			if (!blocks.masked() && source.isDirectArgb()) return countArgb(source, counter, start, len);
			final float[] buf = blocks.values;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				blocks.read(b, n);
				for (int i = 0; i < n; i++) {
					if (checkFinite && !TrainingSet.finite(buf, i * nc, nc)) {
						nonFiniteCount.incrementAndGet();
						continue;
					}
					if (!blocks.inMask(i)) continue;
					if (!counter.count(packing.key(buf, i * nc))) return false;
				}
			}
			return counter.endRun();
		}, progress, "counting distinct values");
		if (ok.contains(Boolean.FALSE)) return null;
		// merged into the biggest: the keys of one counter need not be added again (the sorted
		// table does not depend on the order)
		DistinctCounter all = counters.get(0);
		for (final DistinctCounter c : counters)
			if (c.size() > all.size()) all = c;
		for (final DistinctCounter c : counters)
			if (c != all && !all.addAll(c)) return null;
		return new Counted(all.sorted(), nonFiniteCount.get());
	}

	/**
	 * The distinct finite values of pixels {@code [first, first + size)}, read on this thread.
	 *
	 * @param reader a reader of the image
	 * @param buf room for {@code block} pixels
	 * @param limit most distinct values
	 * @return the table, or null if the values do not pack into keys or there are more than
	 *         {@code limit}
	 */
	static DistinctTable ofPixels(final PixelSource image, final PixelSource.Reader reader, final float[] buf,
		final int block, final long first, final long size, final int limit)
	{
		final int nc = image.channels();
		final Packing packing = Packing.of(image.range(), nc);
		if (packing == null) return null;
		final boolean checkFinite = !image.range().isInteger();
		final DistinctCounter counter = new DistinctCounter(limit);
		for (long b = 0; b < size; b += block) {
			final int n = (int) Math.min(block, size - b);
			reader.read(first + b, n, buf);
			for (int i = 0; i < n; i++) {
				if (checkFinite && !TrainingSet.finite(buf, i * nc, nc)) continue;
				if (!counter.count(packing.key(buf, i * nc))) return null;
			}
		}
		return counter.endRun() ? counter.sorted() : null;
	}

	/**
	 * Counts the colours of a big RGB image held in arrays in one table of all 2<sup>24</sup> colours
	 * (64 MiB, far less than a hash table's misses cost on millions of pixels), on several threads:
	 * each counts the colours of its own 16-colour blocks of the table, so no two threads write one
	 * cache line.
	 *
	 * @return the colours, keyed as {@link Packing#key} does, or null if there are more than
	 *         {@link TrainingSet#DISTINCT_LIMIT} distinct colours
	 */
	private static DistinctTable countRgbDense(final PixelSource source, final Progress progress) {
		final int[] counts = new int[1 << 24];
		final Object[] planes = source.planes();
		final long planeSize = source.planeSize(), size = source.size();
		// one task per thread, each scanning every pixel (reading is cheap) and counting its own colours
		final int tasks = Integer.highestOneBit(Math.max(1, Math.min(8, Parallelization.getTaskExecutor()
			.getParallelism())));
		final List<Integer> owners = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			owners.add(t);
		final int ownerMask = tasks - 1;
		Threads.forEachApply(owners, t -> {
			for (long p = 0; p < size;) {
				progress.checkCanceled();
				final int[] argb = (int[]) planes[(int) (p / planeSize)];
				final int off = (int) (p % planeSize);
				final int n = (int) Math.min(size - p, planeSize - off);
				for (int i = off; i < off + n; i++) {
					final int key = (int) Packing.argbKey(argb[i], false);
					if (((key >>> 4) & ownerMask) == t) counts[key]++;
				}
				p += n;
			}
			return t;
		});
		progress.report("counting distinct values", 1);
		int d = 0;
		for (final int c : counts)
			if (c != 0) d++;
		if (d > TrainingSet.DISTINCT_LIMIT) return null;
		final long[] keys = new long[d], n = new long[d];
		for (int key = 0, j = 0; key < counts.length; key++)
			if (counts[key] != 0) {
				keys[j] = key;
				n[j++] = counts[key];
			}
		return new DistinctTable(keys, n);
	}

	/** Counts the colours of packed RGB pixels held in arrays, keyed as {@link Packing#key} does. */
	private static boolean countArgb(final PixelSource source, final DistinctCounter counter, final long start,
		final long len)
	{
		final boolean alpha = source.channels() == 4;
		final Object[] planes = source.planes();
		final long planeSize = source.planeSize();
		for (long p = start, end = start + len; p < end;) {
			final int[] argb = (int[]) planes[(int) (p / planeSize)];
			final int off = (int) (p % planeSize);
			final int n = (int) Math.min(end - p, planeSize - off);
			for (int i = off; i < off + n; i++)
				if (!counter.count(Packing.argbKey(argb[i], alpha))) return false;
			p += n;
		}
		return counter.endRun();
	}
}
