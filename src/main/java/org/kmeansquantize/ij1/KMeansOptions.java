package org.kmeansquantize.ij1;

import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_TOLERANCE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_DITHER;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SPACE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_TOLERANCE;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.imagej.LabelOutputs;

/**
 * Everything "K-means" is asked for: the engine settings, the outputs and the label image's LUT
 * ({@link LabelOutputs}) and whether to show the palette. Immutable.
 */
public final class KMeansOptions {

	private final QuantizeSettings settings;
	private final LabelOutputs outputs;
	private final boolean palette;

	/**
	 * @param settings the engine settings
	 * @param outputs what to make beside the label image, and its LUT
	 * @param palette also show the palette
	 */
	public KMeansOptions(final QuantizeSettings settings, final LabelOutputs outputs, final boolean palette) {
		this.settings = settings;
		this.outputs = outputs;
		this.palette = palette;
	}

	/**
	 * Reads a macro's option string. Absent keys take the defaults (never remembered values), so
	 * that a macro's result depends only on what it says; keys that "K-means" does not know are
	 * not read (see {@link org.kmeansquantize.imagej.MacroKeys} for naming them).
	 *
	 * @param options e.g. {@code colors=8 seed=1 reconstruct} or {@code colors=8 reconstruct=true}
	 * @return the options
	 * @throws IllegalArgumentException with a one-line message naming the bad key
	 */
	public static KMeansOptions parse(final String options) {
		final MacroOptions o = new MacroOptions(options);
		final QuantizeSettings s = QuantizeSettings.builder().colors(o.integer(KEY_COLORS, DEFAULT_COLORS)).seed(o
			.longInteger(KEY_SEED, DEFAULT_SEED)).batch(o.integer(KEY_BATCH, DEFAULT_BATCH)).iterations(o.integer(
				KEY_ITERATIONS, DEFAULT_ITERATIONS)).refine(o.integer(KEY_REFINE, DEFAULT_REFINE)).tolerance(o.number(
					KEY_TOLERANCE, DEFAULT_TOLERANCE)).scaling(ChannelScaling.parse(o.string(KEY_SCALING,
						ChannelScaling.NONE.key()))).dither(o.flag(KEY_DITHER)).space(ColourSpace.parse(o.string(
							KEY_SPACE, ColourSpace.RGB.key()))).build();
		final LabelOutputs out = LabelOutputs.NONE.withRoiOnly(o.flag(ImagePlusQuantizer.KEY_ROI)).withLut(o.string(
			ImagePlusQuantizer.KEY_LUT, ImagePlusQuantizer.LUT_CHOICES.get(0))).withReconstruct(o.flag(
				ImagePlusQuantizer.KEY_RECONSTRUCT)).withMasks(o.flag(ImagePlusQuantizer.KEY_MASKS)).withRois(o.flag(
					ImagePlusQuantizer.KEY_ROIS)).withMeasure(o.flag(ImagePlusQuantizer.KEY_MEASURE));
		return new KMeansOptions(s, out, o.flag(ImagePlusPalette.KEY_PALETTE));
	}

	/** @return the engine settings */
	public QuantizeSettings settings() {
		return settings;
	}

	/** @return what to make beside the label image, and its LUT */
	public LabelOutputs outputs() {
		return outputs;
	}

	/** @return whether to train on the area ROI only */
	public boolean roi() {
		return outputs.roiOnly();
	}

	/** @return whether to make the reconstruction */
	public boolean reconstruct() {
		return outputs.reconstruct();
	}

	/** @return whether to show the palette */
	public boolean palette() {
		return palette;
	}
}
