package org.kmeansquantize.imagej;

import org.kmeansquantize.core.Progress;

/**
 * A {@link Progress} that passes a report on only when the phase or the whole percent changes:
 * the engine reports once per chunk or mini-batch (up to many thousand times a phase), a status
 * bar needs at most a hundred updates. Thread-safe; subclasses say where the reports go and what
 * cancels.
 */
public abstract class PercentProgress implements Progress {

	private String lastPhase;
	private int lastPercent = -1;

	@Override
	public final void report(final String phase, final double fraction) {
		final int percent = (int) Math.max(0, Math.min(100, Math.floor(fraction * 100)));
		synchronized (this) {
			if (percent == lastPercent && phase.equals(lastPhase)) return;
			lastPhase = phase;
			lastPercent = percent;
		}
		show(phase, percent);
	}

	/**
	 * Shows one report; called from any of the engine's threads, possibly from several at once.
	 *
	 * @param phase what the engine is doing
	 * @param percent of that phase done, 0..100
	 */
	protected abstract void show(String phase, int percent);
}
