package org.kmeansquantize.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.LabPixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.testing.Pixels;

/**
 * space=lab on a real H&amp;E slide (the crop in {@code fixtures/slide}, see its README) at k = 4,
 * against space=rgb. Measured before this test was written (k = 4, seed 1): in RGB all four entries
 * are shades of one blue-purple (a* 13 to 24); in Lab one entry is the magenta of the
 * eosin-stained stroma (a* 32, 23 % of the pixels). Both spaces give the dark blue haematoxylin
 * nuclei an entry of their own, so that is asserted for both.
 */
class LabSlideTest {

	/** An entry redder than any RGB entry comes: the eosin stain (a* of RGB's entries is at most 24). */
	private static final double EOSIN_A = 28;

	@Test
	void labGivesTheEosinStainAnEntryWhereRgbGivesOnlyShadesOfPurple() throws Exception {
		final ImagePlus slide = IJ.openImage(slide().toString());
		assertEquals(ImagePlus.COLOR_RGB, slide.getType());
		final ImagePlusQuantizer.Result rgb = quantize(slide, ColourSpace.RGB);
		final ImagePlusQuantizer.Result lab = quantize(slide, ColourSpace.LAB);
		final long pixels = (long) slide.getWidth() * slide.getHeight();

		assertEquals(-1, entry(rgb.codebook(), EOSIN_A), "an RGB entry is eosin-like");
		final int eosin = entry(lab.codebook(), EOSIN_A);
		assertTrue(eosin >= 0, "no Lab entry has a* >= " + EOSIN_A);
		final double share = lab.assignment().counts()[eosin] / (double) pixels;
		assertTrue(share > 0.15, "the eosin entry holds " + share + " of the pixels");
		assertTrue(spreadOfA(lab.codebook()) > spreadOfA(rgb.codebook()) + 5, "Lab's entries span no more hues");

		for (final ImagePlusQuantizer.Result r : new ImagePlusQuantizer.Result[] { rgb, lab }) {
			final int nuclei = nuclei(r.codebook());
			assertTrue(nuclei >= 0, "no entry is haematoxylin-like: blue > red, L* < 40");
			final double n = r.assignment().counts()[nuclei] / (double) pixels;
			assertTrue(n > 0.08 && n < 0.35, "nuclei share " + n);
		}

		// reported, stored and reconstructed in RGB: the reconstruction holds the codebook's values
		final int[] labels = Pixels.labels(lab.labels());
		final double[][] recon = Pixels.values(lab.reconstruction());
		for (int i = 0; i < labels.length; i += 101)
			for (int c = 0; c < 3; c++)
				assertEquals(lab.codebook().value(labels[i], c), recon[c][i], "pixel " + i);
		// and the reported error is the reconstruction's, in RGB
		assertEquals(Pixels.mse(Pixels.values(slide), recon), lab.assignment().mse(), 1e-9);
	}

	private static ImagePlusQuantizer.Result quantize(final ImagePlus imp, final ColourSpace space) {
		return ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).space(space).build(), imp, false, true,
			Progress.NONE);
	}

	/** @return the entry with a* at least {@code a} (the one with the largest), or -1 */
	private static int entry(final Codebook cb, final double a) {
		int best = -1;
		double bestA = a;
		for (int i = 0; i < cb.size(); i++) {
			final double ai = lab(cb, i)[1];
			if (ai >= bestA) {
				best = i;
				bestA = ai;
			}
		}
		return best;
	}

	private static double spreadOfA(final Codebook cb) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < cb.size(); i++) {
			min = Math.min(min, lab(cb, i)[1]);
			max = Math.max(max, lab(cb, i)[1]);
		}
		return max - min;
	}

	/** @return the darkest entry if it is blue-purple (blue above red, L* below 40), else -1 */
	private static int nuclei(final Codebook cb) {
		int darkest = 0;
		for (int i = 1; i < cb.size(); i++)
			if (lab(cb, i)[0] < lab(cb, darkest)[0]) darkest = i;
		return cb.value(darkest, 2) > cb.value(darkest, 0) && lab(cb, darkest)[0] < 40 ? darkest : -1;
	}

	private static double[] lab(final Codebook cb, final int i) {
		final double[] lab = new double[3];
		LabPixels.toLab(cb.value(i, 0), cb.value(i, 1), cb.value(i, 2), lab);
		return lab;
	}

	/** @return the committed slide crop */
	static Path slide() throws URISyntaxException {
		return Paths.get(LabSlideTest.class.getResource("/fixtures/slide/os1-crop-256.png").toURI());
	}
}
