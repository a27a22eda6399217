package org.kmeansquantize.ij1;

import static org.kmeansquantize.core.QuantizeSettings.KEY_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_DITHER;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SPACE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_TOLERANCE;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_LUT;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_MASKS;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_MEASURE;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_RECONSTRUCT;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_ROI;
import static org.kmeansquantize.imagej.ImagePlusQuantizer.KEY_ROIS;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.imagej.LabelOutputs;
import org.kmeansquantize.imagej.MacroKeys;

/**
 * Plugins &gt; Quantize &gt; K-means for ImageJ 1: quantizes the current image as
 * {@link org.kmeansquantize.command.KMeansCommand} does, with the same macro keys, and shows the
 * label image, the outputs asked for and the table {@value ImagePlusQuantizer#TABLE_TITLE}; a
 * codebook with fewer entries than asked for, and a macro key it does not know, are said so in the
 * Log window. The dialog remembers its values between interactive runs (ImageJ's preferences); a
 * macro reads only its own option string, so a key it leaves out takes the documented default.
 */
public class KMeansPlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		PlugInSupport.guard(ImagePlusQuantizer.LABEL_QUANTIZE, this::quantize);
	}

	private void quantize(final ImagePlus imp) {
		final String macro = Macro.getOptions();
		final String unknown = MacroKeys.warning(ImagePlusQuantizer.LABEL_QUANTIZE, macro,
			ImagePlusQuantizer.QUANTIZE_KEYS);
		if (unknown != null) IJ.log(unknown);
		final KMeansOptions o = macro != null ? KMeansOptions.parse(macro) : ask(imp);
		if (o == null) return;
		final ImagePlusQuantizer.Result result = PlugInSupport.run(ImagePlusQuantizer.LABEL_QUANTIZE,
			progress -> ImagePlusQuantizer.quantize(o.settings(), imp, o.outputs(), progress));
		if (result == null) return;
		// the palette first, so that the label image stays the current image
		if (o.palette()) ImagePlusPalette.of(imp, result).show();
		result.show();
		PlugInSupport.note(ImagePlusQuantizer.LABEL_QUANTIZE, result.note());
	}

	/**
	 * The dialog: what users set first, then the outputs, then the engine's internals. Every label's
	 * first word is its macro key, so that the recorder writes the keys; values come from and go to
	 * ImageJ's preferences ({@link DialogMemory}).
	 */
	private static KMeansOptions ask(final ImagePlus imp) {
		final DialogMemory m = new DialogMemory();
		final GenericDialog gd = new GenericDialog(ImagePlusQuantizer.LABEL_QUANTIZE);
		gd.addNumericField(KEY_COLORS + " (codebook entries k, 1-256)", m.number(KEY_COLORS,
			QuantizeSettings.DEFAULT_COLORS), 0);
		gd.addNumericField(KEY_SEED + " (same seed, same result)", m.number(KEY_SEED, QuantizeSettings.DEFAULT_SEED),
			0);
		final String[] spaces = new String[ColourSpace.values().length];
		for (int i = 0; i < spaces.length; i++)
			spaces[i] = ColourSpace.values()[i].key();
		gd.addChoice(KEY_SPACE + " of k-means (RGB images)", spaces, m.text(KEY_SPACE, ColourSpace.RGB.key()));
		final String[] scalings = new String[ChannelScaling.values().length];
		for (int i = 0; i < scalings.length; i++)
			scalings[i] = ChannelScaling.values()[i].key();
		gd.addChoice(KEY_SCALING + " of channels", scalings, m.text(KEY_SCALING, ChannelScaling.NONE.key()));
		gd.addCheckbox(KEY_DITHER + ": error diffusion against the codebook", m.flag(KEY_DITHER));
		gd.addChoice(KEY_LUT + " of the label image", ImagePlusQuantizer.LUT_CHOICES.toArray(new String[0]), m.text(
			KEY_LUT, ImagePlusQuantizer.LUT_CHOICES.get(0)));
		final Roi roi = imp.getRoi();
		gd.addCheckbox(KEY_ROI + ": train on the selection only", roi != null && roi.isArea());
		gd.setInsets(10, 20, 0);
		gd.addMessage("Outputs");
		gd.addCheckbox(KEY_MASKS + ": one mask per cluster", m.flag(KEY_MASKS));
		gd.addCheckbox(KEY_ROIS + ": one selection per cluster in the ROI Manager", m.flag(KEY_ROIS));
		gd.addCheckbox(KEY_MEASURE + ": table of the clusters", m.flag(KEY_MEASURE));
		gd.addCheckbox(KEY_RECONSTRUCT + ": image of the codebook values", m.flag(KEY_RECONSTRUCT));
		gd.addCheckbox(ImagePlusPalette.KEY_PALETTE + ": swatches of the codebook", m.flag(
			ImagePlusPalette.KEY_PALETTE));
		gd.setInsets(10, 20, 0);
		gd.addMessage("Engine (the defaults suit most images)");
		gd.addNumericField(KEY_BATCH + " (pixels per mini-batch step)", m.number(KEY_BATCH,
			QuantizeSettings.DEFAULT_BATCH), 0);
		gd.addNumericField(KEY_ITERATIONS + " (most mini-batch steps)", m.number(KEY_ITERATIONS,
			QuantizeSettings.DEFAULT_ITERATIONS), 0);
		gd.addNumericField(KEY_REFINE + " (most exact passes)", m.number(KEY_REFINE, QuantizeSettings.DEFAULT_REFINE),
			0);
		gd.addNumericField(KEY_TOLERANCE + " (refinement stops below)", m.number(KEY_TOLERANCE,
			QuantizeSettings.DEFAULT_TOLERANCE), -2, 8, null);
		gd.addHelp(help());
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final int colors = integer(KEY_COLORS, gd.getNextNumber());
		final long seed = whole(KEY_SEED, gd.getNextNumber());
		final String space = gd.getNextChoice();
		final String scaling = gd.getNextChoice();
		final boolean dither = gd.getNextBoolean();
		final String lut = gd.getNextChoice();
		final LabelOutputs out = LabelOutputs.NONE.withLut(lut).withRoiOnly(gd.getNextBoolean())
			.withMasks(gd.getNextBoolean()).withRois(gd.getNextBoolean()).withMeasure(gd.getNextBoolean())
			.withReconstruct(gd.getNextBoolean());
		final boolean palette = gd.getNextBoolean();
		final QuantizeSettings s = QuantizeSettings.builder().colors(colors).seed(seed).scaling(ChannelScaling.parse(
			scaling)).dither(dither).space(ColourSpace.parse(space)).batch(integer(KEY_BATCH, gd.getNextNumber()))
			.iterations(integer(KEY_ITERATIONS, gd.getNextNumber())).refine(integer(KEY_REFINE, gd.getNextNumber())).tolerance(gd.getNextNumber()).build();
		m.remember(s, out, palette);
		return new KMeansOptions(s, out, palette);
	}

	private static long whole(final String key, final double v) {
		if (v != Math.rint(v) || Math.abs(v) > 0x1p53) throw new IllegalArgumentException(key +
			" must be a whole number, not " + v);
		return (long) v;
	}

	private static int integer(final String key, final double v) {
		final long n = whole(key, v);
		if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new IllegalArgumentException(key +
			" is out of range: " + v);
		return (int) n;
	}

	private static String help() {
		return "<html><dl>" + item(KEY_COLORS, QuantizeSettings.DESCRIBE_COLORS) + item(KEY_SEED,
			QuantizeSettings.DESCRIBE_SEED) + item(KEY_SPACE, QuantizeSettings.DESCRIBE_SPACE) + item(KEY_SCALING,
				QuantizeSettings.DESCRIBE_SCALING) + item(KEY_DITHER,
				QuantizeSettings.DESCRIBE_DITHER) + item(KEY_LUT,
				ImagePlusQuantizer.DESCRIBE_LUT) + item(KEY_ROI, ImagePlusQuantizer.DESCRIBE_ROI) + item(KEY_MASKS,
					ImagePlusQuantizer.DESCRIBE_MASKS) + item(KEY_ROIS, ImagePlusQuantizer.DESCRIBE_ROIS) + item(
						KEY_MEASURE, ImagePlusQuantizer.DESCRIBE_MEASURE) + item(KEY_RECONSTRUCT,
							ImagePlusQuantizer.DESCRIBE_RECONSTRUCT) + item(ImagePlusPalette.KEY_PALETTE,
								ImagePlusPalette.DESCRIBE_PALETTE) + item(KEY_BATCH, QuantizeSettings.DESCRIBE_BATCH) + item(
									KEY_ITERATIONS, QuantizeSettings.DESCRIBE_ITERATIONS) + item(KEY_REFINE,
										QuantizeSettings.DESCRIBE_REFINE) + item(KEY_TOLERANCE,
											QuantizeSettings.DESCRIBE_TOLERANCE) + "</dl></html>";
	}

	private static String item(final String key, final String description) {
		return "<dt><b>" + key + "</b></dt><dd>" + description + "</dd>";
	}
}
