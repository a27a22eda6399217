package org.kmeansquantize.labelfile;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

import org.kmeansquantize.core.Codebook;

/**
 * The codebook as an ImageJ LUT: how a label image, in ImageJ and in a label TIFF, shows each
 * label. Stateless.
 */
public final class CodebookLut {

	private CodebookLut() {}

	/**
	 * Gives the label image its codebook LUT (entry i is centre i's colour) and a 0..255 display range.
	 *
	 * @param labels the label image; its LUT and display range are changed
	 * @param codebook the codebook
	 * @param input the quantized image, whose type, display ranges and LUTs decide the colours
	 */
	public static void applyLut(final ImagePlus labels, final Codebook codebook, final ImagePlus input) {
		applyLut(labels, codebook, input, LabelLut.CODEBOOK);
	}

	/**
	 * Gives the label image the chosen LUT and a 0..255 display range.
	 *
	 * @param labels the label image; its LUT and display range are changed
	 * @param codebook the codebook
	 * @param input the quantized image, whose type (for {@link LabelLut#AUTO}), display ranges and
	 *          LUTs decide the colours
	 * @param choice which LUT
	 */
	public static void applyLut(final ImagePlus labels, final Codebook codebook, final ImagePlus input,
		final LabelLut choice)
	{
		final boolean distinct = choice.resolve(input.getType() == ImagePlus.COLOR_RGB) == LabelLut.DISTINCT;
		labels.getProcessor().setLut(distinct ? distinct() : lut(codebook, input));
		labels.getStack().setColorModel(labels.getProcessor().getColorModel());
		labels.setDisplayRange(0, 255);
	}

	/**
	 * @param codebook the codebook
	 * @param input the quantized image
	 * @return a 256-entry LUT: RGB input, the centres' colours; grey input, each level through the
	 *         input's display range and LUT; several channels, the composite colour through each
	 *         channel's display range and LUT; unused and non-finite entries black
	 */
	public static LUT lut(final Codebook codebook, final ImagePlus input) {
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		final int nc = codebook.channels();
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final LUT[] luts = new LUT[nc];
		final double[] min = new double[nc], max = new double[nc];
		if (!rgb) {
			for (int c = 0; c < nc; c++) {
				final LUT l = channelLut(input, c);
				luts[c] = l;
				min[c] = l.min;
				max[c] = l.max;
				if (!(max[c] > min[c])) {
					min[c] = input.getDisplayRangeMin();
					max[c] = input.getDisplayRangeMax();
				}
			}
		}
		for (int i = 0; i < codebook.size() && i < 256; i++) {
			if (i == codebook.nonFiniteLabel()) continue;
			if (rgb) {
				r[i] = (byte) (int) codebook.fitted(i, 0);
				g[i] = (byte) (int) codebook.fitted(i, 1);
				b[i] = (byte) (int) codebook.fitted(i, 2);
				continue;
			}
			int sr = 0, sg = 0, sb = 0;
			for (int c = 0; c < nc; c++) {
				final double span = max[c] - min[c];
				final double v = span > 0 ? (codebook.fitted(i, c) - min[c]) / span : 0;
				final int idx = (int) Math.max(0, Math.min(255, Math.round(v * 255)));
				sr += luts[c].getRed(idx);
				sg += luts[c].getGreen(idx);
				sb += luts[c].getBlue(idx);
			}
			r[i] = (byte) Math.min(255, sr);
			g[i] = (byte) Math.min(255, sg);
			b[i] = (byte) Math.min(255, sb);
		}
		return new LUT(r, g, b);
	}

	/**
	 * Maximally distinct colours for labels: label 0 (the darkest entry, on fluorescence images the
	 * background) black; label i &ge; 1 a hue i golden angles (137.5&deg;) on from the previous,
	 * so that neighbouring labels lie far apart on the colour wheel, with brightness and saturation
	 * alternating in cycles of two and three, so that labels whose hues come close again differ in
	 * brightness or saturation. Computed, not read from a table.
	 *
	 * @return a 256-entry LUT
	 */
	public static LUT distinct() {
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 1; i < 256; i++) {
			final double hue = (0.6 + (i - 1) * GOLDEN_TURN) % 1.0;
			final double saturation = (i - 1) % 3 == 2 ? 0.55 : 0.95;
			final double value = (i - 1) % 2 == 1 ? 0.72 : 1.0;
			final int rgb = java.awt.Color.HSBtoRGB((float) hue, (float) saturation, (float) value);
			r[i] = (byte) (rgb >> 16);
			g[i] = (byte) (rgb >> 8);
			b[i] = (byte) rgb;
		}
		return new LUT(r, g, b);
	}

	/** The golden angle as a fraction of a turn: 1 - 1/phi. */
	private static final double GOLDEN_TURN = 0.3819660112501051;

	private static LUT channelLut(final ImagePlus imp, final int c) {
		if (imp instanceof CompositeImage && imp.getNChannels() > 1) {
			final LUT l = ((CompositeImage) imp).getChannelLut(c + 1);
			if (l != null) return l;
		}
		final ImageProcessor ip = imp.getProcessor();
		final LUT l = ip.getLut();
		if (imp.getNChannels() > 1) {
			// a plain (non-composite) multichannel stack: grey per channel, full display range
			final LUT grey = LUT.createLutFromColor(java.awt.Color.white);
			grey.min = imp.getDisplayRangeMin();
			grey.max = imp.getDisplayRangeMax();
			return grey;
		}
		l.min = ip.getMin();
		l.max = ip.getMax();
		return l;
	}
}
