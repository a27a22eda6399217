package org.kmeansquantize.batch;

import java.io.IOException;
import java.nio.file.Path;

import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Compress with the smallest k that reaches a target PSNR: the image's {@link QualityCurve} gives
 * the smallest k on the curve that reaches it; the image is then compressed with that k as
 * {@link FileCodec#compress} does, and if the result's PSNR falls short,
 * with the next k on the curve, until it is reached or k = 256 has been tried. Stateless.
 */
public final class TargetPsnr {

	private TargetPsnr() {}

	/**
	 * @param in the image
	 * @param out the label file
	 * @param settings the engine's settings; their {@code colors} is replaced by the chosen k
	 * @param target the PSNR to reach, in dB
	 * @param progress progress and cancellation
	 * @return the report of the last compress, with {@code k} the chosen k and two more values at the
	 *         end: {@code target_psnr} (the target) and {@code reached_psnr} (the PSNR reached,
	 *         {@link Psnr}, as the report's {@code psnr}; null for an exact result)
	 *         (below the target only if even the largest k on the curve falls short)
	 * @throws IOException as {@link FileCodec#compress} does
	 */
	public static Report compress(final Path in, final Path out, final QuantizeSettings settings,
		final double target, final Progress progress) throws IOException
	{
		final QualityCurve curve = CurveFiles.compute(in, settings, progress);
		int i = curve.smallestReaching(target);
		if (i < 0) i = curve.size() - 1;
		while (true) {
			final Report r = FileCodec.compress(in, out, settings.toBuilder().colors(curve.k(i)).build(),
				progress);
			final Object mse = r.get(ReportField.MSE);
			final double psnr = mse == null ? Double.POSITIVE_INFINITY : Psnr.of((Double) mse, curve.peak());
			if (psnr >= target || i == curve.size() - 1) {
				r.put(ReportField.TARGET_PSNR, target);
				r.put(ReportField.REACHED_PSNR, CurveTable.finite(psnr));
				return r;
			}
			i++;
		}
	}
}
