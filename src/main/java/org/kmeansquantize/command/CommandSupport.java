package org.kmeansquantize.command;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.macro.Interpreter;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;

import org.kmeansquantize.imagej.FailureLine;
import org.kmeansquantize.imagej.MacroKeys;
import org.kmeansquantize.imagej.PercentProgress;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Threads;

/** What the four commands do alike: progress, cancellation, errors, and whether to show outputs. */
final class CommandSupport {

	private CommandSupport() {}

	/**
	 * Runs a command's work and then lets it use the result (set its outputs, show them). Every
	 * failure of either, a bad input, a corrupt file, running out of memory or a bug, cancels the
	 * command with one line that names the image ({@link FailureLine}), so that no stack trace
	 * reaches the SciJava log and the caller gets a reason; in a running ImageJ macro it also aborts
	 * the macro with that line, as the ImageJ 1 plugins do. The exception itself goes to the SciJava
	 * log at debug level only. A cancellation cancels the command with "cancelled".
	 *
	 * @param command the command, whose {@code isCanceled()} stops the engine
	 * @param status where progress goes
	 * @param log where the exception of a failure goes, at debug level
	 * @param title the command's menu label, to prefix messages
	 * @param imp the image the command works on, to name in messages
	 * @param work the work, given the progress to pass to the engine
	 * @param use what to do with the work's result
	 * @param <R> what the work makes
	 */
	static <R> void run(final ContextCommand command, final StatusService status, final LogService log,
		final String title, final ImagePlus imp, final Function<Progress, R> work, final Consumer<R> use)
	{
		final Progress progress = new PercentProgress() {

			@Override
			protected void show(final String phase, final int percent) {
				status.showStatus(percent, 100, title + ": " + phase);
			}

			@Override
			public boolean isCanceled() {
				return command.isCanceled();
			}
		};
		try {
			final R result = Threads.call(Prefs.getThreads(), () -> work.apply(progress));
			status.clearStatus();
			use.accept(result);
		}
		catch (final CancellationException e) {
			status.clearStatus();
			if (!command.isCanceled()) command.cancel(title + ": cancelled");
		}
		catch (final Throwable t) {
			if (FailureLine.isMacroAbort(t)) throw (RuntimeException) t;
			status.clearStatus();
			log.debug(title, t);
			final String line = FailureLine.of(imp == null ? null : imp.getTitle(), t);
			command.cancel(title + ": " + line);
			if (IJ.isMacro()) IJ.error(title, line);
		}
	}

	/**
	 * Tells the user about a valid result that may surprise them (a codebook with fewer entries than
	 * asked for): in the SciJava log, on the status bar (where SciJava's "Command finished" may
	 * replace it) and, where ImageJ shows its outputs ({@link #mayShow()}), in ImageJ's Log window,
	 * which keeps it.
	 *
	 * @param status the status bar
	 * @param log the SciJava log
	 * @param title the command's menu label, to prefix the note
	 * @param note the note, or null for nothing to say
	 */
	static void note(final StatusService status, final LogService log, final String title, final String note) {
		if (note == null) return;
		final String line = title + ": note: " + note;
		log.info(line);
		status.showStatus(line);
		if (mayShow()) IJ.log(line);
	}

	/**
	 * Names the keys of the running macro's option string that the command does not know (a
	 * misspelt {@code colours=8} would otherwise be ignored without a word): in the SciJava log and,
	 * where ImageJ shows its outputs, in ImageJ's Log window. Nothing outside a macro.
	 *
	 * @param log the SciJava log
	 * @param title the command's menu label
	 * @param known the command's macro keys
	 */
	static void unknownKeys(final LogService log, final String title, final List<String> known) {
		final String line = MacroKeys.warning(title, Macro.getOptions(), known);
		if (line == null) return;
		log.warn(line);
		if (mayShow()) IJ.log(line);
	}

	/**
	 * Whether a command should show its outputs itself: in ImageJ batch mode (where Fiji's own
	 * display of outputs can miss them, imagej-legacy issue 277, and showing makes the label image
	 * the macro's current image) and when an ImageJ user interface is up; not in a headless JVM or
	 * a bare SciJava context.
	 *
	 * @return true to call {@code show()}
	 */
	static boolean mayShow() {
		if (Interpreter.isBatchMode()) return true;
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}
}
