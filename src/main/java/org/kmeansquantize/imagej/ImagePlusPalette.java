package org.kmeansquantize.imagej;

import ij.ImagePlus;
import ij.process.LUT;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.render.PaletteImage;

/**
 * The palette of a K-means result as an RGB {@link ImagePlus}, for the {@code palette} option of
 * the Fiji command and the ImageJ 1 bridge: swatches in the label image's LUT colours (so a
 * multichannel codebook shows the composite colour the LUT shows), the share of every label in the
 * assignment's counts, and for images that are not RGB the entries' channel values. Stateless.
 */
public final class ImagePlusPalette {

	/** Macro key: also show the codebook's palette. */
	public static final String KEY_PALETTE = "palette";

	/** Description of {@link #KEY_PALETTE}. */
	public static final String DESCRIBE_PALETTE = "Also show the palette: one swatch per codebook entry with its label, share of the pixels and (unless RGB) values.";

	/** Suffix of the palette window's title after the input's title. */
	public static final String TITLE_SUFFIX = " palette";

	private ImagePlusPalette() {}

	/**
	 * @param input the quantized image (for its title and type); not modified
	 * @param result what {@link ImagePlusQuantizer#quantize} made of it
	 * @return an RGB image titled {@code <input title> palette}
	 */
	public static ImagePlus of(final ImagePlus input, final ImagePlusQuantizer.Result result) {
		final Codebook codebook = result.codebook();
		final LUT lut = result.labels().getProcessor().getLut();
		final int[] colours = new int[codebook.size()];
		for (int i = 0; i < colours.length; i++)
			colours[i] = lut.getRGB(i) & 0xffffff;
		final boolean values = input.getType() != ImagePlus.COLOR_RGB;
		return new ImagePlus(input.getTitle() + TITLE_SUFFIX, PaletteImage.render(codebook, result.assignment()
			.counts(), colours, values));
	}
}
