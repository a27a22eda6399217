package org.kmeansquantize.render;

import java.util.Locale;

import org.kmeansquantize.core.QualityCurve;

/**
 * What the two drawings of the quality curve share, so that the command line's picture
 * ({@link CurvePlot}) and the ImageJ plot ({@code imagej.ImagePlusCurve}) read alike: the MSE
 * (the curve the knee is computed on) against k on a log2 axis labelled 2, 4, 8 &hellip; 256, the
 * axis titles, and the words next to the knee and the target. Stateless.
 */
public final class CurveAxes {

	/** Title of the k axis. */
	public static final String K_TITLE = "k (codebook entries, log scale)";

	/** Title of the MSE axis. */
	public static final String MSE_TITLE = "MSE (input units squared)";

	/** Title of the PSNR axis. */
	public static final String PSNR_TITLE = "PSNR (dB)";

	/** The smallest and the largest k that gets a label. */
	private static final int FIRST_TICK = 2, LAST_TICK = 256;

	private CurveAxes() {}

	/**
	 * @param lo the smallest k on the axis
	 * @param hi the largest k on the axis
	 * @return the powers of two from 2 to 256 that lie in {@code [lo, hi]}, ascending: where the
	 *         k axis gets a label
	 */
	public static int[] kTicks(final double lo, final double hi) {
		int n = 0;
		for (int k = FIRST_TICK; k <= LAST_TICK; k *= 2)
			if (k >= lo && k <= hi) n++;
		final int[] ticks = new int[n];
		int i = 0;
		for (int k = FIRST_TICK; k <= LAST_TICK; k *= 2)
			if (k >= lo && k <= hi) ticks[i++] = k;
		return ticks;
	}

	/**
	 * @param curve the curve
	 * @return e.g. {@code knee: k = 8}
	 */
	public static String kneeLabel(final QualityCurve curve) {
		return "knee: k = " + curve.k(curve.knee());
	}

	/**
	 * @param curve the curve
	 * @param targetPsnr the target PSNR in dB
	 * @return e.g. {@code target 35 dB: k = 64}, or {@code target 35 dB: not reached}
	 */
	public static String targetLabel(final QualityCurve curve, final double targetPsnr) {
		final int reach = curve.smallestReaching(targetPsnr);
		return "target " + number(targetPsnr) + " dB: " + (reach >= 0 ? "k = " + curve.k(reach) : "not reached");
	}

	/**
	 * @param v a value
	 * @return {@code v} without a fraction where it is whole, else with one decimal
	 */
	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f",
			v);
	}
}
