package org.kmeansquantize.core;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

/**
 * Runs work, and every engine call in it, on a given number of threads. The engine takes its
 * threads from ImgLib2's {@link Parallelization}, whose default is the JVM's common fork-join pool:
 * one thread short of the processors, so a single thread on a two-core machine. The front ends run
 * their work through this instead: the command line with all processors, ImageJ with its own thread
 * setting. Results do not depend on the number of threads.
 */
public final class Threads {

	private Threads() {}

	/**
	 * Runs {@code work} on the calling thread with a pool of {@code threads} threads for the engine's
	 * parallel parts (none besides the caller's if {@code threads} is at most 1), closed when the
	 * work ends. Exceptions and errors of the work pass through unchanged, also those thrown in the
	 * pool's threads.
	 *
	 * @param threads threads for the engine
	 * @param work the work
	 * @param <R> what the work makes
	 * @return what it made
	 */
	public static <R> R call(final int threads, final Supplier<R> work) {
		final AtomicReference<R> result = new AtomicReference<>();
		// the Runnable forms: the Callable forms would wrap every exception in a RuntimeException
		final Runnable run = () -> result.set(work.get());
		try {
			if (threads <= 1) Parallelization.runSingleThreaded(run);
			else Parallelization.runWithNumThreads(threads, run);
		}
		catch (final RuntimeException e) {
			throw original(e);
		}
		catch (final Error e) {
			throw original(e);
		}
		return result.get();
	}

	/**
	 * @param work work to run on another thread
	 * @param <R> what the work makes
	 * @return the work, run with the engine threads of the thread that calls this method (a new
	 *         thread would otherwise get ImgLib2's default)
	 */
	public static <R> Supplier<R> inheriting(final Supplier<R> work) {
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		return () -> {
			final AtomicReference<R> result = new AtomicReference<>();
			Parallelization.runWithExecutor(executor, () -> result.set(work.get()));
			return result.get();
		};
	}

	/**
	 * {@link TaskExecutor#forEachApply} on the caller's executor, with the exception of a task that
	 * fails rethrown as it was thrown (see {@link #original}).
	 *
	 * @param items the tasks' inputs
	 * @param task the task
	 * @param <T> input
	 * @param <R> output
	 * @return the outputs, in the inputs' order
	 */
	public static <T, R> List<R> forEachApply(final List<? extends T> items, final Function<? super T, ? extends R> task) {
		try {
			return Parallelization.getTaskExecutor().forEachApply(items, task);
		}
		catch (final RuntimeException e) {
			throw original(e);
		}
		catch (final Error e) {
			throw original(e);
		}
	}

	/** What {@link #both} made. */
	static final class Both<A, B> {

		final A first;
		final B second;

		private Both(final A first, final B second) {
			this.first = first;
			this.second = second;
		}
	}

	/**
	 * Two pieces of work side by side on the caller's executor (one after the other without one):
	 * for two mostly serial steps that two cores overlap.
	 *
	 * @param first the first
	 * @param second the second
	 * @param <A> what the first makes
	 * @param <B> what the second makes
	 * @return what each made
	 */
	static <A, B> Both<A, B> both(final Supplier<A> first, final Supplier<B> second) {
		final List<Object> made = forEachApply(Arrays.asList(first, second), Supplier::get);
		@SuppressWarnings("unchecked")
		final A a = (A) made.get(0);
		@SuppressWarnings("unchecked")
		final B b = (B) made.get(1);
		return new Both<>(a, b);
	}

	/**
	 * A fork-join pool rethrows a task's exception on the joining thread as a new exception of the
	 * same class whose cause is the task's: the message would name the class, and the task's own
	 * one-line message (a bad label, a cancellation) would be lost.
	 *
	 * @return the task's exception that {@code e} copies, or {@code e}
	 */
	static <T extends Throwable> T original(final T e) {
		T t = e;
		while (t.getCause() != null && t.getCause().getClass() == t.getClass() && (t.getMessage() == null || t
			.getMessage().equals(t.getCause().toString())))
		{
			@SuppressWarnings("unchecked")
			final T cause = (T) t.getCause();
			t = cause;
		}
		return t;
	}

	/** @return the processors the JVM may use */
	public static int processors() {
		return Runtime.getRuntime().availableProcessors();
	}
}
