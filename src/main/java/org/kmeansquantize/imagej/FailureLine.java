package org.kmeansquantize.imagej;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

import ij.Macro;

/**
 * The one line that every Fiji and ImageJ command of KMeans Quantize shows for a failure of any
 * kind, the same for the SciJava commands and the ImageJ 1 plugins: what went wrong, naming the
 * image the command worked on. A refusal of bad input says what is wrong; running out of memory
 * says what to do; anything else (a bug) gets a sentence without the exception's name or text,
 * which are for developers (ImageJ's debug mode and SciJava's debug log still show them). Never a
 * stack trace, never a Java exception name.
 */
public final class FailureLine {

	/** What a bug is called; the exception's own text would only puzzle a user. */
	static final String INTERNAL = "an internal error of KMeans Quantize (please report it with this image)";

	private FailureLine() {}

	/**
	 * @param image the title of the image the command worked on, or null if there is none
	 * @param failure what was thrown
	 * @return one line, starting with {@code image: } unless the message already names it (in
	 *         quotes, as the messages of {@link ImagePlusQuantizer} do)
	 */
	public static String of(final String image, final Throwable failure) {
		final String message = oneLine(message(failure));
		if (image == null || image.isEmpty() || message.contains("'" + image + "'")) return message;
		return image + ": " + message;
	}

	/**
	 * @param failure what was thrown
	 * @return whether it is ImageJ's own abort of the running macro ({@link Macro#abort()}), which
	 *         must travel on to the macro interpreter unreported
	 */
	public static boolean isMacroAbort(final Throwable failure) {
		return failure instanceof RuntimeException && Macro.MACRO_CANCELED.equals(failure.getMessage());
	}

	/** @return the user's part of the message, before the image is named */
	static String message(final Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause())
			if (t instanceof OutOfMemoryError) return outOfMemory();
		if (failure instanceof CancellationException) return "cancelled";
		if (failure instanceof UncheckedIOException && failure.getCause() != null) return message(failure
			.getCause());
		final String m = failure.getMessage();
		final boolean refusal = failure instanceof IOException || failure instanceof IllegalArgumentException ||
			failure instanceof IllegalStateException;
		// a library's refusal can still carry a developer's text (an exception's or a class's name)
		if (!refusal || m == null || m.trim().isEmpty() || m.matches("(?s).*(\\w(Exception|Error)\\b|java\\.).*"))
			return INTERNAL;
		return m;
	}

	/** @return what to do when the image does not fit into ImageJ's memory */
	static String outOfMemory() {
		return "not enough memory for this image (ImageJ may use " + Runtime.getRuntime().maxMemory() / (1 << 20) +
			" MiB); give ImageJ more (Edit > Options > Memory & Threads) or work on a smaller image";
	}

	private static String oneLine(final String s) {
		return s.trim().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
	}
}
