package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.BooleanType;

/**
 * Counts the distinct values of an image's finite pixels, as {@link Packing} keys: by hashing runs
 * of equal values ({@link DistinctCounter}); for RGB and RGBA images held in arrays by sorting their
 * colours, or for big RGB images in one table of all 2<sup>24</sup> colours. Each gives up past a
 * limit, so that memory stays bounded.
 */
final class DistinctValues {

	/** RGB images of at least this many pixels count their colours in a table of all colours. */
	private static final long DENSE_COUNT_PIXELS = 1 << 22;

	/**
	 * RGB and RGBA images held in arrays up to this many pixels (and below
	 * {@link #DENSE_COUNT_PIXELS}) count their colours by sorting them: two ints per pixel while it
	 * runs, 32 MiB at most.
	 */
	private static final long SORT_PIXELS = (1 << 22) - 1;

	/** Bits of a key sorted in one pass of the radix sort. */
	private static final int DIGIT = 12;

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
		if (mask == null && (nc == 3 || nc == 4) && source.isDirectArgb() && source.size() <= SORT_PIXELS) {
			final DistinctTable t = countArgbSorted(source, nc == 4, progress);
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
				// runs of one pixel value (flat areas) are added at once: one random access per run
				int last = 0, lastKey = 0, run = 0;
				for (int i = off; i < off + n; i++) {
					final int v = argb[i];
					if (v == last && run > 0) {
						run++;
						continue;
					}
					if (run > 0 && ((lastKey >>> 4) & ownerMask) == t) counts[lastKey] += run;
					last = v;
					lastKey = (int) Packing.argbKey(v, false);
					run = 1;
				}
				if (run > 0 && ((lastKey >>> 4) & ownerMask) == t) counts[lastKey] += run;
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

	/**
	 * Counts the colours of an RGB or RGBA image held in arrays by sorting: each task sorts the keys
	 * of its share of the pixels (least significant digit first, {@value #DIGIT} bits a pass: two
	 * passes for RGB, three for RGBA, each a sequential read and a scatter into few places) and
	 * counts its runs; the tasks' tables are then merged. Far fewer cache misses than hashing
	 * colours that are spread over many pages, and the result is the same sorted table.
	 *
	 * @return the colours, keyed as {@link Packing#argbKey} does, or null if there are more than
	 *         {@link TrainingSet#DISTINCT_LIMIT}
	 */
	private static DistinctTable countArgbSorted(final PixelSource source, final boolean alpha,
		final Progress progress)
	{
		final int size = (int) source.size();
		final int tasks = Math.max(1, Math.min(Parallelization.getTaskExecutor().getParallelism(), size >> 16));
		final List<int[]> ranges = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			ranges.add(new int[] { (int) ((long) size * t / tasks), (int) ((long) size * (t + 1) / tasks) });
		final List<DistinctTable> parts = Threads.forEachApply(ranges, r -> sortedColours(source, alpha, r[0], r[1],
			progress));
		progress.report("counting distinct values", 1);
		DistinctTable all = parts.get(0);
		for (int t = 1; t < parts.size(); t++)
			all = merge(all, parts.get(t));
		return all.size() > TrainingSet.DISTINCT_LIMIT ? null : all;
	}

	/** The distinct colours of pixels {@code [from, to)}, by radix sort. */
	private static DistinctTable sortedColours(final PixelSource source, final boolean alpha, final int from,
		final int to, final Progress progress)
	{
		progress.checkCanceled();
		final Object[] planes = source.planes();
		final int planeSize = (int) source.planeSize();
		final int n = to - from;
		int[] a = new int[n], b = new int[n];
		for (int p = from; p < to;) {
			final int[] argb = (int[]) planes[p / planeSize];
			final int off = p % planeSize;
			final int len = Math.min(to - p, planeSize - off);
			for (int i = 0; i < len; i++)
				a[p - from + i] = (int) Packing.argbKey(argb[off + i], alpha);
			p += len;
		}
		final int bits = alpha ? 32 : 24;
		final int buckets = 1 << DIGIT, mask = buckets - 1;
		final int[] start = new int[buckets];
		for (int shift = 0; shift < bits; shift += DIGIT) {
			progress.checkCanceled();
			Arrays.fill(start, 0);
			for (int i = 0; i < n; i++)
				start[(a[i] >>> shift) & mask]++;
			for (int d = 0, sum = 0; d < buckets; d++) {
				final int c = start[d];
				start[d] = sum;
				sum += c;
			}
			for (int i = 0; i < n; i++) {
				final int v = a[i];
				b[start[(v >>> shift) & mask]++] = v;
			}
			final int[] t = a;
			a = b;
			b = t;
		}
		int distinct = 0;
		for (int i = 0; i < n; i++)
			if (i == 0 || a[i] != a[i - 1]) distinct++;
		final long[] keys = new long[distinct], counts = new long[distinct];
		for (int i = 0, j = -1; i < n; i++) {
			if (i == 0 || a[i] != a[i - 1]) keys[++j] = a[i] & 0xffffffffL;
			counts[j]++;
		}
		return new DistinctTable(keys, counts);
	}

	/** Two tables of ascending keys as one, the counts of keys in both added. */
	static DistinctTable merge(final DistinctTable x, final DistinctTable y) {
		final long[] keys = new long[x.size() + y.size()], counts = new long[keys.length];
		int i = 0, j = 0, n = 0;
		while (i < x.size() || j < y.size()) {
			final long kx = i < x.size() ? x.keys[i] : Long.MAX_VALUE, ky = j < y.size() ? y.keys[j] : Long.MAX_VALUE;
			keys[n] = Math.min(kx, ky);
			if (kx == keys[n]) counts[n] += x.counts[i++];
			if (ky == keys[n]) counts[n] += y.counts[j++];
			n++;
		}
		return new DistinctTable(Arrays.copyOf(keys, n), Arrays.copyOf(counts, n));
	}
}
