package org.kmeansquantize.ij1;

import static org.kmeansquantize.core.QuantizeSettings.KEY_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_TOLERANCE;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means for ImageJ 1: quantizes the current image as
 * {@link org.kmeansquantize.command.KMeansCommand} does, with the same macro keys, and shows the
 * label image, the reconstruction and the palette (if asked) and the table
 * {@value ImagePlusQuantizer#TABLE_TITLE}; a codebook with fewer entries than asked for is said so
 * in the Log window.
 */
public class KMeansPlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		final String macro = Macro.getOptions();
		final KMeansOptions[] options = new KMeansOptions[1];
		final ImagePlusQuantizer.Result result = PlugInSupport.run(ImagePlusQuantizer.LABEL_QUANTIZE, progress -> {
			final KMeansOptions o = macro != null ? KMeansOptions.parse(macro) : ask(imp);
			options[0] = o;
			return o == null ? null : ImagePlusQuantizer.quantize(o.settings(), imp, o.roi(), o.reconstruct(),
				progress);
		});
		if (result == null) return;
		// the palette first, so that the label image stays the current image
		if (options[0].palette()) ImagePlusPalette.of(imp, result).show();
		result.show();
		PlugInSupport.note(ImagePlusQuantizer.LABEL_QUANTIZE, result.note());
	}

	/** The dialog: its labels are the macro keys, so that the recorder writes them. */
	private static KMeansOptions ask(final ImagePlus imp) {
		final GenericDialog gd = new GenericDialog(ImagePlusQuantizer.LABEL_QUANTIZE);
		gd.addNumericField(KEY_COLORS, QuantizeSettings.DEFAULT_COLORS, 0);
		gd.addNumericField(KEY_SEED, QuantizeSettings.DEFAULT_SEED, 0);
		gd.addNumericField(KEY_BATCH, QuantizeSettings.DEFAULT_BATCH, 0);
		gd.addNumericField(KEY_ITERATIONS, QuantizeSettings.DEFAULT_ITERATIONS, 0);
		gd.addNumericField(KEY_REFINE, QuantizeSettings.DEFAULT_REFINE, 0);
		gd.addNumericField(KEY_TOLERANCE, QuantizeSettings.DEFAULT_TOLERANCE, -2, 8, null);
		final String[] scalings = new String[ChannelScaling.values().length];
		for (int i = 0; i < scalings.length; i++)
			scalings[i] = ChannelScaling.values()[i].key();
		gd.addChoice(KEY_SCALING, scalings, ChannelScaling.NONE.key());
		final Roi roi = imp.getRoi();
		gd.addCheckbox(ImagePlusQuantizer.KEY_ROI, roi != null && roi.isArea());
		gd.addCheckbox(ImagePlusQuantizer.KEY_RECONSTRUCT, false);
		gd.addCheckbox(ImagePlusPalette.KEY_PALETTE, false);
		gd.addHelp(help());
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final QuantizeSettings s = QuantizeSettings.builder().colors(integer(KEY_COLORS, gd.getNextNumber())).seed(
			whole(KEY_SEED, gd.getNextNumber())).batch(integer(KEY_BATCH, gd.getNextNumber())).iterations(integer(
				KEY_ITERATIONS, gd.getNextNumber())).refine(integer(KEY_REFINE, gd.getNextNumber())).tolerance(gd
					.getNextNumber()).scaling(ChannelScaling.parse(gd.getNextChoice())).build();
		return new KMeansOptions(s, gd.getNextBoolean(), gd.getNextBoolean(), gd.getNextBoolean());
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
			QuantizeSettings.DESCRIBE_SEED) + item(KEY_BATCH, QuantizeSettings.DESCRIBE_BATCH) + item(KEY_ITERATIONS,
				QuantizeSettings.DESCRIBE_ITERATIONS) + item(KEY_REFINE, QuantizeSettings.DESCRIBE_REFINE) + item(
					KEY_TOLERANCE, QuantizeSettings.DESCRIBE_TOLERANCE) + item(KEY_SCALING,
						QuantizeSettings.DESCRIBE_SCALING) + item(ImagePlusQuantizer.KEY_ROI, ImagePlusQuantizer.DESCRIBE_ROI) +
			item(ImagePlusQuantizer.KEY_RECONSTRUCT, ImagePlusQuantizer.DESCRIBE_RECONSTRUCT) + item(
				ImagePlusPalette.KEY_PALETTE, ImagePlusPalette.DESCRIBE_PALETTE) + "</dl></html>";
	}

	private static String item(final String key, final String description) {
		return "<dt><b>" + key + "</b></dt><dd>" + description + "</dd>";
	}
}
