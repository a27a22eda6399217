package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

/**
 * Splits {@code n} pixels into chunks whose size depends on {@code n} only, processes them on
 * ImgLib2's current {@link TaskExecutor}, and returns one result per chunk in chunk order. Callers
 * reduce the results in that order, so that sums do not depend on the number of threads.
 */
final class Chunks {

	/** Pixels read into a buffer at a time. */
	static final int BLOCK = 1 << 14;

	private Chunks() {}

	/** Work on one chunk, with a per-task context (reader, buffers). */
	interface Body<C, R> {

		R apply(C context, long start, long length);
	}

	/** Smallest chunk of pixels streamed from an image. */
	static final long PIXELS = 1 << 16;
	/** Smallest chunk of points held in memory. */
	static final long POINTS = 1 << 12;

	/**
	 * @param n number of items
	 * @param min smallest chunk
	 * @return chunk size: at least {@code min}, at most 1024 chunks
	 */
	static long chunkSize(final long n, final long min) {
		return Math.max(min, (n + 1023) / 1024);
	}

	static <C, R> List<R> map(final long n, final Supplier<C> context, final Body<C, R> body,
		final Progress progress, final String phase)
	{
		return map(n, PIXELS, context, body, progress, phase);
	}

	static <C, R> List<R> map(final long n, final long min, final Supplier<C> context, final Body<C, R> body,
		final Progress progress, final String phase)
	{
		final long size = chunkSize(n, min);
		final int chunks = (int) ((n + size - 1) / size);
		final TaskExecutor ex = Parallelization.getTaskExecutor();
		final int tasks = Math.max(1, Math.min(chunks, ex.suggestNumberOfTasks()));
		final List<int[]> ranges = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			ranges.add(new int[] { (int) ((long) chunks * t / tasks), (int) ((long) chunks * (t + 1) / tasks) });
		final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		final List<List<R>> parts = Threads.forEachApply(ranges, r -> {
			final C ctx = context.get();
			final List<R> out = new ArrayList<>();
			for (int c = r[0]; c < r[1]; c++) {
				progress.checkCanceled();
				final long start = c * size;
				out.add(body.apply(ctx, start, Math.min(size, n - start)));
				progress.report(phase, done.incrementAndGet() / (double) chunks);
			}
			return out;
		});
		final List<R> all = new ArrayList<>(chunks);
		for (final List<R> p : parts)
			all.addAll(p);
		return all;
	}
}
