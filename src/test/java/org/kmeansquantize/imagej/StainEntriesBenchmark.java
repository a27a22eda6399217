package org.kmeansquantize.imagej;

import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.LabPixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Which codebook entries of a stained slide fall on which stain, at k = 4, 5, 6 in {@code rgb} and
 * {@code lab}, seeds 1 to 3 (the table in docs/fiji.md, Colour spaces). An entry is
 * <b>background</b> where it is near white (L* at least 85, chroma C*ab below 10); otherwise it
 * falls on the stain of the larger amount in a colour deconvolution of its RGB value (Ruifrok and
 * Johnston 2001: optical densities {@code -log10((v + 1) / 256)} projected by least squares on two
 * stain vectors, those of ImageJ's Colour Deconvolution for "H&amp;E" or "H DAB"). Its Lab value
 * is printed too, since a pale entry can lean to haematoxylin while being nearly grey (b* near 0).
 * Measures, asserts nothing. Run:
 * {@code java -cp target/test-classes:target/classes:<deps> org.kmeansquantize.imagej.StainEntriesBenchmark IMAGE he|hdab}.
 */
public final class StainEntriesBenchmark {

	/** Optical density per unit of haematoxylin and of eosin, in R, G, B (ImageJ's "H&amp;E"). */
	private static final double[][] H_E = { { 0.644211, 0.716556, 0.266844 }, { 0.092789, 0.954111, 0.283111 } };

	/** Haematoxylin and DAB (ImageJ's "H DAB"). */
	private static final double[][] H_DAB = { { 0.650, 0.704, 0.286 }, { 0.268, 0.570, 0.776 } };

	private StainEntriesBenchmark() {}

	/**
	 * @param args an RGB image file, and {@code he} or {@code hdab} for its stains
	 * @throws Exception never expected
	 */
	public static void main(final String[] args) throws Exception {
		final ImagePlus imp = IJ.openImage(args[0]);
		final boolean dab = args[1].equals("hdab");
		final double[][] stains = dab ? H_DAB : H_E;
		final String[] names = { "haematoxylin", dab ? "DAB" : "eosin" };
		final long pixels = (long) imp.getWidth() * imp.getHeight();
		for (long seed = 1; seed <= 3; seed++)
			for (int k = 4; k <= 6; k++)
				for (final ColourSpace space : ColourSpace.values()) {
					final Codebook cb = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(k).seed(seed).space(
						space).build(), imp, false, false, Progress.NONE).codebook();
					final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d k %d %-3s |", seed, k,
						space.key()));
					for (int i = 0; i < cb.size(); i++) {
						final double[] rgb = { cb.value(i, 0), cb.value(i, 1), cb.value(i, 2) }, lab = new double[3];
						LabPixels.toLab(rgb[0], rgb[1], rgb[2], lab);
						final double[] amount = unmix(stains, rgb);
						final String stain = lab[0] >= 85 && Math.hypot(lab[1], lab[2]) < 10 ? "background" :
							amount[0] >= amount[1] ? names[0] : names[1];
						line.append(String.format(Locale.ROOT, " %s(%.0f,%.0f,%.0f L%.0f a%+.0f b%+.0f %.2f/%.2f %.1f%%)",
							stain, rgb[0], rgb[1], rgb[2], lab[0], lab[1], lab[2], amount[0], amount[1], 100.0 * cb.count(i) /
								pixels));
					}
					System.out.println(line);
				}
	}

	/** @return the amounts of the two stains whose optical densities best explain the colour */
	private static double[] unmix(final double[][] stains, final double[] rgb) {
		double a00 = 0, a01 = 0, a11 = 0, b0 = 0, b1 = 0;
		for (int c = 0; c < 3; c++) {
			final double od = -Math.log10((rgb[c] + 1) / 256);
			a00 += stains[0][c] * stains[0][c];
			a01 += stains[0][c] * stains[1][c];
			a11 += stains[1][c] * stains[1][c];
			b0 += stains[0][c] * od;
			b1 += stains[1][c] * od;
		}
		final double det = a00 * a11 - a01 * a01;
		return new double[] { (a11 * b0 - a01 * b1) / det, (a00 * b1 - a01 * b0) / det };
	}
}
