package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;

/** The front ends' engine threads: as many as asked for, exceptions unchanged, inherited on request. */
class ThreadsTest {

	/**
	 * Two tasks that wait for each other finish only if they run at once: on two threads, whatever
	 * the JVM's common pool has (one thread on a two-core machine).
	 */
	@Test
	void theEngineGetsTheThreadsAskedFor() {
		final Set<Thread> seen = ConcurrentHashMap.newKeySet();
		final int parallelism = Threads.call(2, () -> {
			final CountDownLatch both = new CountDownLatch(2);
			Parallelization.getTaskExecutor().forEach(Arrays.asList(0, 1), i -> {
				seen.add(Thread.currentThread());
				both.countDown();
				try {
					assertTrue(both.await(20, TimeUnit.SECONDS), "the two tasks did not run at once");
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
			return Parallelization.getTaskExecutor().getParallelism();
		});
		assertEquals(2, parallelism);
		assertEquals(2, seen.size());
		assertEquals(1, (int) Threads.call(1, () -> Parallelization.getTaskExecutor().getParallelism()));
	}

	/**
	 * A cancellation, an error or an exception of a task on another thread leaves the work as it
	 * was thrown, not wrapped or copied.
	 */
	@Test
	void exceptionsPassThroughUnchanged() {
		final CancellationException cancel = new CancellationException("cancelled");
		assertSame(cancel, assertThrows(CancellationException.class, () -> Threads.call(2, () -> {
			throw cancel;
		})));
		final IllegalArgumentException inTask = new IllegalArgumentException("label 9 has no entry");
		assertSame(inTask, assertThrows(IllegalArgumentException.class, () -> Threads.call(2, () -> Parallelization
			.getTaskExecutor().forEachApply(Arrays.asList(0, 1, 2, 3), i -> {
				if (i == 2) throw inTask;
				return i;
			}))));
		final OutOfMemoryError oom = new OutOfMemoryError("test");
		assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Threads.call(1, () -> {
			throw oom;
		})));
	}

	/** Work handed to another thread keeps the engine threads of the thread that handed it over. */
	@Test
	void inheritedWorkUsesTheSameThreads() throws Exception {
		final ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			final int there = Threads.call(3, () -> {
				try {
					return other.submit(Threads.inheriting(() -> Parallelization.getTaskExecutor().getParallelism())::get)
						.get();
				}
				catch (final Exception e) {
					throw new IllegalStateException(e);
				}
			});
			assertEquals(3, there);
		}
		finally {
			other.shutdown();
		}
	}
}
