package org.kmeansquantize.ij1;

import ij.Prefs;

import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.imagej.LabelOutputs;

/**
 * What the K-means dialog remembers between interactive runs: its last values in ImageJ's
 * preferences ({@code IJ_Prefs.txt}, keys {@value #PREFIX}{@code <macro key>}). Read only to fill
 * the dialog, never for a macro's option string, so a macro's result depends only on what it says.
 */
final class DialogMemory {

	/** Prefix of the preference keys. */
	static final String PREFIX = "kmeansquantize.";

	/**
	 * @param key a macro key
	 * @param defaultValue the documented default
	 * @return the remembered number, or the default
	 */
	double number(final String key, final double defaultValue) {
		return Prefs.get(PREFIX + key, defaultValue);
	}

	/**
	 * @param key a macro key
	 * @param defaultValue the documented default
	 * @return the remembered text, or the default
	 */
	String text(final String key, final String defaultValue) {
		return Prefs.get(PREFIX + key, defaultValue);
	}

	/**
	 * @param key a macro key
	 * @return the remembered flag, or false
	 */
	boolean flag(final String key) {
		return Prefs.get(PREFIX + key, false);
	}

	/**
	 * Remembers the values of an accepted dialog (the training-area flag is not remembered: it
	 * follows the image's selection).
	 *
	 * @param s the settings
	 * @param out the outputs
	 * @param palette whether the palette was asked for
	 */
	void remember(final QuantizeSettings s, final LabelOutputs out, final boolean palette) {
		Prefs.set(PREFIX + QuantizeSettings.KEY_COLORS, s.colors());
		Prefs.set(PREFIX + QuantizeSettings.KEY_SEED, (double) s.seed());
		Prefs.set(PREFIX + QuantizeSettings.KEY_SPACE, s.space().key());
		Prefs.set(PREFIX + QuantizeSettings.KEY_SCALING, s.scaling().key());
		Prefs.set(PREFIX + QuantizeSettings.KEY_DITHER, s.dither());
		Prefs.set(PREFIX + QuantizeSettings.KEY_BATCH, s.batch());
		Prefs.set(PREFIX + QuantizeSettings.KEY_ITERATIONS, s.iterations());
		Prefs.set(PREFIX + QuantizeSettings.KEY_REFINE, s.refine());
		Prefs.set(PREFIX + QuantizeSettings.KEY_TOLERANCE, s.tolerance());
		Prefs.set(PREFIX + ImagePlusQuantizer.KEY_LUT, out.lutKey());
		Prefs.set(PREFIX + ImagePlusQuantizer.KEY_MASKS, out.masks());
		Prefs.set(PREFIX + ImagePlusQuantizer.KEY_ROIS, out.rois());
		Prefs.set(PREFIX + ImagePlusQuantizer.KEY_MEASURE, out.measure());
		Prefs.set(PREFIX + ImagePlusQuantizer.KEY_RECONSTRUCT, out.reconstruct());
		Prefs.set(PREFIX + ImagePlusPalette.KEY_PALETTE, palette);
	}
}
