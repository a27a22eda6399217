package org.kmeansquantize.render;

import java.util.Locale;

import org.kmeansquantize.core.QualityCurve;

/**
 * The quality curve as text: its CSV table and a one-line summary, the same for the command line
 * and the ImageJ front ends. Stateless.
 * <p>
 * CSV: a header line {@value #CSV_HEADER}, then one line per k, ascending: k, the MSE per value in
 * input units squared, the PSNR in dB ({@code inf} for an MSE of 0), {@code knee} 1 on the knee's
 * line and 0 elsewhere, {@code target} 1 on the line of the smallest k reaching the target PSNR and
 * 0 elsewhere (all 0 without a target or when no k reaches it). Numbers in full precision,
 * {@code .} as decimal separator, lines ending in {@code \n}.
 * </p>
 */
public final class CurveTable {

	/** The CSV's header line. */
	public static final String CSV_HEADER = "k,mse,psnr,knee,target";

	private CurveTable() {}

	/**
	 * @param curve the curve
	 * @param targetPsnr the target PSNR in dB, or NaN for none
	 * @return the CSV text described in the class description
	 */
	public static String csv(final QualityCurve curve, final double targetPsnr) {
		final int reach = Double.isNaN(targetPsnr) ? -1 : curve.smallestReaching(targetPsnr);
		final StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = 0; i < curve.size(); i++) {
			final double p = curve.psnr(i);
			sb.append(curve.k(i)).append(',').append(curve.mse(i)).append(',').append(Double.isInfinite(p) ? "inf"
				: Double.isNaN(p) ? "" : Double.toString(p)).append(',').append(i == curve.knee() ? 1 : 0).append(',')
				.append(i == reach ? 1 : 0).append('\n');
		}
		return sb.toString();
	}

	/**
	 * @param v a PSNR or MSE
	 * @return it as a JSON-friendly value: null for NaN and infinities
	 */
	public static Double finite(final double v) {
		return Double.isFinite(v) ? v : null;
	}

	/**
	 * @param curve the curve
	 * @return one line for people: the knee and the PSNR range
	 */
	public static String summary(final QualityCurve curve) {
		final int n = curve.size(), knee = curve.knee();
		return String.format(Locale.ROOT, "k = %d..%d: PSNR %.2f..%s dB, knee at k = %d (%.2f dB)", curve.k(0), curve
			.k(n - 1), curve.psnr(0), Double.isInfinite(curve.psnr(n - 1)) ? "inf" : String.format(Locale.ROOT, "%.2f",
				curve.psnr(n - 1)), curve.k(knee), curve.psnr(knee));
	}
}
