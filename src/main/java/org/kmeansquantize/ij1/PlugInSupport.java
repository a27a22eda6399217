package org.kmeansquantize.ij1;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;

import org.kmeansquantize.imagej.FailureLine;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.imagej.MacroKeys;
import org.kmeansquantize.imagej.PercentProgress;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Threads;

/** What the three ImageJ 1 plugins do alike: progress on ImageJ's status bar, Esc, errors. */
final class PlugInSupport {

	private PlugInSupport() {}

	/**
	 * Runs a plugin on the current image, so that nothing it does can end in ImageJ's "Exception"
	 * window or its multi-line "Out of memory" note: every failure, bad input, a corrupt file,
	 * running out of memory or a bug, becomes one line naming the image ({@link FailureLine}),
	 * shown with {@link IJ#error(String, String)}: a dialog interactively; in a macro it aborts the
	 * macro with that line (printed on standard output in batch mode without a display). With
	 * ImageJ's debug mode on, the Log window also gets the stack trace. Without an image, ImageJ's
	 * "no image" message.
	 *
	 * @param title the menu label, the error dialog's title
	 * @param body the plugin's work on the current image, its outputs shown included
	 */
	static void guard(final String title, final Consumer<ImagePlus> body) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		try {
			body.accept(imp);
		}
		catch (final Throwable t) {
			if (FailureLine.isMacroAbort(t)) throw (RuntimeException) t;
			fail(title, imp.getTitle(), t);
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/**
	 * Reports a failure in one line.
	 *
	 * @param title the menu label
	 * @param image the image's title
	 * @param failure what was thrown
	 */
	static void fail(final String title, final String image, final Throwable failure) {
		if (failure instanceof CancellationException) {
			IJ.showStatus(title + ": cancelled");
			return;
		}
		if (IJ.debugMode) {
			final StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			IJ.log(trace.toString());
		}
		IJ.showStatus("");
		IJ.error(title, FailureLine.of(image, failure));
	}

	/**
	 * Runs the work of a plugin with progress on ImageJ's status and progress bars; Esc cancels.
	 * Failures other than cancelling go on to {@link #guard}.
	 *
	 * @param title the menu label, to prefix the status
	 * @param work the work, given the progress to pass to the engine
	 * @param <R> what the work makes
	 * @return what the work made, or null if it was cancelled
	 */
	static <R> R run(final String title, final Function<Progress, R> work) {
		final Progress progress = new PercentProgress() {

			@Override
			protected void show(final String phase, final int percent) {
				IJ.showStatus(title + ": " + phase);
				IJ.showProgress(percent, 100);
			}

			@Override
			public boolean isCanceled() {
				return IJ.escapePressed();
			}
		};
		try {
			return Threads.call(Prefs.getThreads(), () -> work.apply(progress));
		}
		catch (final CancellationException e) {
			IJ.showStatus(title + ": cancelled");
			return null;
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/**
	 * The codebook source of Apply codebook and Reconstruct and whether to use it even if it does
	 * not fit: the macro's {@value ImagePlusQuantizer#KEY_CODEBOOK} and
	 * {@value ImagePlusQuantizer#KEY_FORCE} values (unknown keys named in the Log), or what the user
	 * types into a dialog.
	 *
	 * @param title the dialog's title
	 * @param suggestion the dialog's initial value
	 * @param help a line under the field
	 * @param known the command's macro keys
	 * @return the choice (its source possibly empty), or null if the dialog was cancelled
	 */
	static CodebookChoice codebookChoice(final String title, final String suggestion, final String help,
		final List<String> known)
	{
		final String macro = Macro.getOptions();
		if (macro != null) {
			final String unknown = MacroKeys.warning(title, macro, known);
			if (unknown != null) IJ.log(unknown);
			final MacroOptions o = new MacroOptions(macro);
			return new CodebookChoice(o.string(ImagePlusQuantizer.KEY_CODEBOOK, ""), o.flag(
				ImagePlusQuantizer.KEY_FORCE));
		}
		final GenericDialog gd = new GenericDialog(title);
		gd.addFileField(ImagePlusQuantizer.KEY_CODEBOOK, suggestion, 30);
		gd.addMessage(help);
		gd.addCheckbox(ImagePlusQuantizer.KEY_FORCE + ": use it even if it does not fit the image", false);
		gd.showDialog();
		return gd.wasCanceled() ? null : new CodebookChoice(gd.getNextString(), gd.getNextBoolean());
	}

	/** Where a codebook comes from, and whether to use it even if it does not fit. */
	static final class CodebookChoice {

		final String source;
		final boolean force;

		CodebookChoice(final String source, final boolean force) {
			this.source = source;
			this.force = force;
		}
	}

	/**
	 * Tells the user about a valid result that may surprise them (a codebook with fewer entries than
	 * asked for): in the Log window (printed on standard output in batch mode without a display)
	 * and on the status bar.
	 *
	 * @param title the menu label, to prefix the note
	 * @param note the note, or null for nothing to say
	 */
	static void note(final String title, final String note) {
		if (note == null) return;
		final String line = title + ": note: " + note;
		IJ.log(line);
		IJ.showStatus(line);
	}

	/**
	 * @param exclude an image not to offer, or null
	 * @return the title of the newest open image that holds a codebook, or "" if there is none
	 */
	static String newestLabelImage(final String exclude) {
		final int[] ids = WindowManager.getIDList();
		if (ids == null) return "";
		for (int i = ids.length - 1; i >= 0; i--) {
			final ImagePlus imp = WindowManager.getImage(ids[i]);
			if (imp != null && !imp.getTitle().equals(exclude) && ImagePlusQuantizer.hasCodebook(imp)) return imp
				.getTitle();
		}
		return "";
	}
}
