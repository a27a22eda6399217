package org.kmeansquantize.ij1;

import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;

import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;

import org.kmeansquantize.imagej.ImagePlusCurve;
import org.kmeansquantize.imagej.MacroKeys;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means quality curve for ImageJ 1: measures the current image as
 * {@link org.kmeansquantize.command.QualityCurveCommand} does, with the same macro keys
 * ({@code seed}, {@code target_psnr}, {@code roi}, {@code csv}), and shows the plot and the table.
 */
public class QualityCurvePlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		PlugInSupport.guard(ImagePlusCurve.LABEL, QualityCurvePlugIn::measure);
	}

	private static void measure(final ImagePlus imp) {
		final String macro = Macro.getOptions();
		final String unknown = MacroKeys.warning(ImagePlusCurve.LABEL, macro, ImagePlusCurve.KEYS);
		if (unknown != null) IJ.log(unknown);
		final long seed;
		final double target;
		final boolean roi;
		final String csv;
		if (macro != null) {
			final MacroOptions o = new MacroOptions(macro);
			seed = o.longInteger(KEY_SEED, QuantizeSettings.DEFAULT_SEED);
			target = o.number(ImagePlusCurve.KEY_TARGET, 0);
			roi = o.flag(ImagePlusQuantizer.KEY_ROI);
			csv = o.string(ImagePlusCurve.KEY_CSV, "");
		}
		else {
			final GenericDialog gd = new GenericDialog(ImagePlusCurve.LABEL);
			gd.addNumericField(KEY_SEED, QuantizeSettings.DEFAULT_SEED, 0);
			gd.addNumericField(ImagePlusCurve.KEY_TARGET, 0, 2);
			final Roi r = imp.getRoi();
			gd.addCheckbox(ImagePlusQuantizer.KEY_ROI, r != null && r.isArea());
			gd.addStringField(ImagePlusCurve.KEY_CSV, "", 30);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			final double s = gd.getNextNumber();
			if (s != Math.rint(s) || Math.abs(s) > 0x1p53) throw new IllegalArgumentException(KEY_SEED +
				" must be a whole number, not " + s);
			seed = (long) s;
			target = gd.getNextNumber();
			roi = gd.getNextBoolean();
			csv = gd.getNextString();
		}
		final ImagePlusCurve.Result result = PlugInSupport.run(ImagePlusCurve.LABEL, progress -> ImagePlusCurve
			.compute(seed, imp, roi, target, csv.trim().isEmpty() ? null : Paths.get(csv.trim()), progress));
		if (result != null) result.show();
	}
}
