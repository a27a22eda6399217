package org.kmeansquantize.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QualityCurve;

/**
 * The command line's curve picture: the knee is circled on the MSE curve it is computed from, at
 * the height of its MSE on a linear axis, the target at the height of its MSE, k labelled at powers
 * of two. Pixels are read back from the picture.
 */
class CurvePlotTest {

	/** The k of the default curve, and an MSE that falls steeply up to k = 8, then slowly. */
	private static final int[] KS = QualityCurve.DEFAULT_KS;

	private static final double[] MSE = { 650, 390, 260, 180, 150, 130, 112, 98, 86, 76, 68, 61, 55, 50, 46 };

	@Test
	void kneeIsCircledOnTheMseCurveAtItsMse() {
		final QualityCurve curve = new QualityCurve(KS, MSE, 255);
		final int knee = curve.knee();
		assertTrue(knee > 0 && knee < KS.length - 1, "a knee inside the curve: " + knee);
		final BufferedImage image = CurvePlot.render(curve, "test", Double.NaN);
		final CurvePlot.Frame f = CurvePlot.Frame.of(curve, Double.NaN);
		assertTrue(f.mseTop >= 650 && f.mseTop < 650 * 1.3, "MSE axis from 0 to " + f.mseTop);
		// where the knee's MSE lies on a linear axis from 0 (bottom) to mseTop (top), and its k on a log axis
		final double cx = f.left + (f.right - f.left) * Math.log(KS[knee] / f.kLo) / Math.log(f.kHi / f.kLo);
		final double cy = f.bottom - (f.bottom - f.top) * MSE[knee] / f.mseTop;
		assertEquals(36, ringHits(image, cx, cy, CurvePlot.KNEE), "the knee's ring around (" + cx + ", " + cy + ")");
		// where a PSNR axis would have put it, there is no ring: the two heights differ by far
		final double psnrY = f.bottom - (f.bottom - f.top) * (Psnr.of(MSE[knee], 255) - Psnr.of(650, 255)) /
			(Psnr.of(46, 255) - Psnr.of(650, 255));
		assertTrue(Math.abs(psnrY - cy) > 40, psnrY + " vs " + cy);
		assertTrue(ringHits(image, cx, psnrY, CurvePlot.KNEE) < 6);
		// and no other point of the curve is circled
		for (int i = 0; i < KS.length; i++)
			if (i != knee) assertTrue(ringHits(image, f.x(KS[i]), f.y(MSE[i]), CurvePlot.KNEE) < 6, "k = " + KS[i]);
	}

	@Test
	void targetIsDrawnAtTheMseItStandsForAndItsPointCircled() {
		final QualityCurve curve = new QualityCurve(KS, MSE, 255);
		final double target = 29;
		final int reach = curve.smallestReaching(target);
		assertEquals(9, reach, "MSE 76 is the first below " + Psnr.mse(target, 255));
		final BufferedImage image = CurvePlot.render(curve, null, target);
		final CurvePlot.Frame f = CurvePlot.Frame.of(curve, target);
		final int y = (int) Math.round(f.bottom - (f.bottom - f.top) * Psnr.mse(target, 255) / f.mseTop);
		int dashes = 0;
		for (int x = f.left + 2; x < f.left + 60; x++)
			if (greenish(image.getRGB(x, y - 1)) || greenish(image.getRGB(x, y)) || greenish(image.getRGB(x, y + 1)))
				dashes++;
		assertTrue(dashes > 25 && dashes < 50, "a dashed line at y = " + y + ": " + dashes + " of 58 pixels");
		int elsewhere = 0;
		for (int x = f.left + 2; x < f.left + 60; x++)
			if (greenish(image.getRGB(x, y - 6)) || greenish(image.getRGB(x, y + 6))) elsewhere++;
		assertEquals(0, elsewhere, "the line is one line");
		assertEquals(36, ringHits(image, f.x(KS[reach]), f.y(MSE[reach]), new Color(0x2b8a3e)));
	}

	@Test
	void kAxisIsLabelledAtPowersOfTwo() {
		assertArrayEquals(new int[] { 2, 4, 8, 16, 32, 64, 128, 256 }, CurveAxes.kTicks(2, 256));
		assertArrayEquals(new int[] { 2, 4, 8, 16 }, CurveAxes.kTicks(1.5, 23));
		final QualityCurve curve = new QualityCurve(KS, MSE, 255);
		assertEquals("knee: k = " + KS[curve.knee()], CurveAxes.kneeLabel(curve));
		assertEquals("target 29 dB: k = 45", CurveAxes.targetLabel(curve, 29));
		assertEquals("target 60.5 dB: not reached", CurveAxes.targetLabel(curve, 60.5));
	}

	@Test
	void anExactPointLiesOnTheKAxis() {
		final double[] mse = MSE.clone();
		mse[mse.length - 1] = 0;
		final QualityCurve curve = new QualityCurve(KS, mse, 255);
		final BufferedImage image = CurvePlot.render(curve, "exact", 40);
		final CurvePlot.Frame f = CurvePlot.Frame.of(curve, 40);
		assertEquals(f.bottom, f.y(0), 1e-9);
		assertTrue(near(image.getRGB((int) Math.round(f.x(256)) - 1, f.bottom - 2), new Color(0x1f5fa8), 60));
	}

	/** @return of 36 directions around (cx, cy), those in which a pixel at the ring's radius has colour c */
	private static int ringHits(final BufferedImage image, final double cx, final double cy, final Color c) {
		int hits = 0;
		for (int a = 0; a < 36; a++) {
			final double t = a * Math.PI / 18;
			boolean hit = false;
			for (double r = CurvePlot.RING - 1; r <= CurvePlot.RING + 1 && !hit; r += 0.5) {
				final int x = (int) Math.round(cx + r * Math.cos(t)), y = (int) Math.round(cy + r * Math.sin(t));
				hit = x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight() && near(image.getRGB(x, y), c,
					40);
			}
			if (hit) hits++;
		}
		return hits;
	}

	/** @return whether green outweighs red and blue clearly: the target's colour, blended with white */
	private static boolean greenish(final int rgb) {
		final Color p = new Color(rgb);
		return p.getGreen() - Math.max(p.getRed(), p.getBlue()) > 30;
	}

	private static boolean near(final int rgb, final Color c, final int tolerance) {
		final Color p = new Color(rgb);
		return Math.abs(p.getRed() - c.getRed()) <= tolerance && Math.abs(p.getGreen() - c.getGreen()) <= tolerance &&
			Math.abs(p.getBlue() - c.getBlue()) <= tolerance;
	}
}
