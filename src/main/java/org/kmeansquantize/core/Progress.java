package org.kmeansquantize.core;

import java.util.concurrent.CancellationException;

/**
 * Where the engine reports how far it is and asks whether to stop. The engine calls it once per
 * batch or chunk, from any of its threads; implementations must be thread-safe and cheap. Front
 * ends adapt it to ImageJ's status bar or SciJava's {@code StatusService}.
 */
public interface Progress {

	/** Reports nothing and never cancels. */
	Progress NONE = new Progress() {

		@Override
		public void report(final String phase, final double fraction) {}

		@Override
		public boolean isCanceled() {
			return false;
		}
	};

	/**
	 * @param phase what the engine is doing, e.g. {@code "mini-batch k-means"}
	 * @param fraction of that phase done, 0..1
	 */
	void report(String phase, double fraction);

	/** @return true once the user asked to stop; the engine then throws {@link CancellationException} */
	boolean isCanceled();

	/**
	 * Throws if cancelled.
	 *
	 * @throws CancellationException if {@link #isCanceled()}
	 */
	default void checkCanceled() {
		if (isCanceled()) throw new CancellationException("k-means quantization cancelled");
	}
}
