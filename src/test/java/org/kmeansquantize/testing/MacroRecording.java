package org.kmeansquantize.testing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * What Fiji's macro recorder writes for a SciJava command, and how Fiji replays it, rebuilt from
 * imagej-legacy's {@code MacroRecorderPostprocessor}, {@code IJ1Helper.recordOption} and
 * {@code MacroPreprocessor} (ImageJ 1's {@code Recorder.recordOption}) for a plain SciJava context,
 * where imagej-legacy is not available.
 */
public final class MacroRecording {

	private MacroRecording() {}

	/**
	 * Records a finished module run: {@code key=value} for every input that is not a service or
	 * context and not invisible, in declaration order; an ImagePlus as its title; a value with a
	 * space in [brackets]; keys lower-cased and cut at the first space or colon.
	 *
	 * @param module a module after its run
	 * @return the option string, as the recorder would put it into {@code run("label", "...")}
	 */
	public static String record(final Module module) {
		final StringBuilder sb = new StringBuilder();
		for (final ModuleItem<?> input : module.getInfo().inputs()) {
			if (preResolved(input)) continue;
			final Object value = module.getInput(input.getName());
			if (value == null) continue;
			final String text = value instanceof ImagePlus ? ((ImagePlus) value).getTitle() : value.toString();
			if (sb.length() > 0) sb.append(' ');
			sb.append(trimKey(escape(input.getName()))).append('=').append(addQuotes(escape(text)));
		}
		return sb.toString();
	}

	/**
	 * Replays an option string as imagej-legacy's {@code MacroPreprocessor} does: for each input,
	 * {@link Macro#getValue} of its name, converted to the input's type when the
	 * {@link ConvertService} can. An ImagePlus is looked up by title among the open images, as
	 * imagej-legacy's {@code StringToImagePlusConverter} does (a bare context would call the
	 * {@code ImagePlus(String path)} constructor instead); with none open the caller passes the
	 * image, as Fiji's active-image preprocessor does.
	 *
	 * @param context a context with a {@link ConvertService}
	 * @param info the command
	 * @param options the recorded option string
	 * @return input values by name
	 */
	public static Map<String, Object> replay(final Context context, final ModuleInfo info, final String options) {
		final ConvertService convert = context.getService(ConvertService.class);
		final Map<String, Object> inputs = new HashMap<>();
		for (final ModuleItem<?> input : info.inputs()) {
			if (preResolved(input)) continue;
			final String value = Macro.getValue(options, input.getName(), null);
			if (value == null) continue;
			if (ImagePlus.class.equals(input.getType())) {
				final ImagePlus imp = WindowManager.getImage(value);
				if (imp != null) inputs.put(input.getName(), imp);
				continue;
			}
			if (!convert.supports(value, input.getType())) continue;
			inputs.put(input.getName(), convert.convert(value, input.getType()));
		}
		return inputs;
	}

	private static boolean preResolved(final ModuleItem<?> input) {
		return Service.class.isAssignableFrom(input.getType()) || Context.class.isAssignableFrom(input.getType()) ||
			input.getVisibility() == ItemVisibility.INVISIBLE || input.getVisibility() == ItemVisibility.MESSAGE;
	}

	/** {@code IJ1Helper.escape}. */
	private static String escape(final String s) {
		return s.replaceAll("([\"\\\\])", "\\\\$1").replaceAll("\b", "\\\\b").replaceAll("\n", "\\\\n").replaceAll(
			"\t", "\\\\t").replaceAll("\f", "\\\\f").replaceAll("\r", "\\\\r");
	}

	/** {@code Recorder.trimKey}. */
	private static String trimKey(final String key) {
		String k = key;
		final int space = k.indexOf(' ');
		if (space > -1) k = k.substring(0, space);
		final int colon = k.indexOf(':');
		if (colon > -1) k = k.substring(0, colon);
		return k.toLowerCase(Locale.US);
	}

	/** {@code Recorder.addQuotes}. */
	private static String addQuotes(final String value) {
		return value.indexOf(' ') > -1 ? "[" + value + "]" : value;
	}
}
