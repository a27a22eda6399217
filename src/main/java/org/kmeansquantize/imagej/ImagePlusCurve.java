package org.kmeansquantize.imagej;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.logic.BitType;

import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means quality curve on an {@link ImagePlus}, shared by the SciJava
 * command and the ImageJ 1 bridge: the {@link QualityCurve} of the image (or of its ROI), an ImageJ
 * {@link Plot} of PSNR against k on a logarithmic axis with the knee and the target marked, a
 * results table, and optionally the CSV that {@code kmeans-quantize curve} writes. Stateless.
 */
public final class ImagePlusCurve {

	/** Menu label (and macro command name). */
	public static final String LABEL = "K-means quality curve";
	/** Title of the results table. */
	public static final String TABLE_TITLE = "K-means quality curve";
	/** Macro key: the target PSNR in dB (0: none). */
	public static final String KEY_TARGET = "target_psnr";
	/** Macro key: a CSV file to save the curve to (empty: none). */
	public static final String KEY_CSV = "csv";
	/** Description of {@link #KEY_TARGET}. */
	public static final String DESCRIBE_TARGET = "Mark the smallest k whose PSNR reaches this many dB; 0 for none.";
	/** Description of {@link #KEY_CSV}. */
	public static final String DESCRIBE_CSV = "Also save the curve as CSV (k,mse,psnr,knee,target) to this file; empty for none.";
	/** Description of {@link ImagePlusQuantizer#KEY_ROI} here. */
	public static final String DESCRIBE_ROI = "Measure the pixels inside the image's area selection (ROI) only.";
	/** Suffix of the plot window's title after the input's title. */
	public static final String PLOT_SUFFIX = " quality curve";

	private ImagePlusCurve() {}

	/** What the command makes. */
	public static final class Result {

		private final QualityCurve curve;
		private final ImagePlus plot;
		private final ResultsTable table;

		Result(final QualityCurve curve, final ImagePlus plot, final ResultsTable table) {
			this.curve = curve;
			this.plot = plot;
			this.table = table;
		}

		/** @return the curve */
		public QualityCurve curve() {
			return curve;
		}

		/** @return the plot as an image, titled {@code <input title> quality curve} */
		public ImagePlus plot() {
			return plot;
		}

		/** @return one row per k: k, mse, psnr, knee (1 or 0), target (1 or 0) */
		public ResultsTable table() {
			return table;
		}

		/** Shows the plot, and the table where ImageJ can show tables (not in a headless JVM). */
		public void show() {
			plot.show();
			if (!java.awt.GraphicsEnvironment.isHeadless()) table.show(TABLE_TITLE);
		}
	}

	/**
	 * @param seed the random seed
	 * @param imp the image; not modified
	 * @param roiOnly measure the area ROI only
	 * @param targetPsnr the target PSNR in dB, or 0 or NaN for none
	 * @param csv a CSV file to write (atomically), or null for none
	 * @param progress progress and cancellation
	 * @return the curve, its plot and table
	 * @throws IllegalArgumentException with a one-line message for an image that cannot be measured,
	 *           a missing ROI, a negative target, or a CSV that cannot be written
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Result compute(final long seed, final ImagePlus imp, final boolean roiOnly, final double targetPsnr,
		final Path csv, final Progress progress)
	{
		if (targetPsnr < 0) throw new IllegalArgumentException(KEY_TARGET + " must be 0 (none) or positive, not " +
			targetPsnr);
		final double target = targetPsnr > 0 ? targetPsnr : Double.NaN;
		final PixelSource source = ImagePlusPixels.pixels(imp);
		RandomAccessibleInterval<BitType> mask = null;
		if (roiOnly) {
			mask = ImagePlusAdapter.roiMask(imp);
			if (mask == null) throw new IllegalArgumentException(ImagePlusQuantizer.KEY_ROI +
				" is set but the image has no area selection");
		}
		final QualityCurve curve = QualityCurve.compute(QuantizeSettings.builder().seed(seed).build(), source, mask,
			progress);
		if (csv != null) {
			try {
				AtomicOutput.writeText(CurveTable.csv(curve, target), csv);
			}
			catch (final IOException e) {
				throw new IllegalArgumentException(e.getMessage());
			}
		}
		return new Result(curve, plot(curve, imp.getTitle() + PLOT_SUFFIX, target), table(curve, target));
	}

	private static ResultsTable table(final QualityCurve curve, final double target) {
		final int reach = Double.isNaN(target) ? -1 : curve.smallestReaching(target);
		final ResultsTable t = new ResultsTable();
		t.showRowNumbers(false);
		for (int i = 0; i < curve.size(); i++) {
			t.incrementCounter();
			t.addValue("k", curve.k(i));
			t.addValue("mse", curve.mse(i));
			t.addValue("psnr", curve.psnr(i));
			t.addValue("knee", i == curve.knee() ? 1 : 0);
			t.addValue("target", i == reach ? 1 : 0);
		}
		t.setPrecision(-6);
		return t;
	}

	private static ImagePlus plot(final QualityCurve curve, final String title, final double target) {
		final int n = curve.size();
		int finite = 0;
		for (int i = 0; i < n; i++)
			if (Double.isFinite(curve.psnr(i))) finite++;
		final double[] k = new double[finite], p = new double[finite];
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int i = 0, j = 0; i < n; i++)
			if (Double.isFinite(curve.psnr(i))) {
				k[j] = curve.k(i);
				p[j] = curve.psnr(i);
				lo = Math.min(lo, p[j]);
				hi = Math.max(hi, p[j]);
				j++;
			}
		if (!Double.isNaN(target)) {
			lo = Math.min(lo, target);
			hi = Math.max(hi, target);
		}
		if (!(hi > lo)) {
			lo = Double.isFinite(lo) ? lo - 1 : 0;
			hi = lo + 2;
		}
		final Plot plot = new Plot(title, "k (codebook entries)", "PSNR (dB)");
		plot.setLogScaleX();
		plot.setLimits(Math.min(2, curve.k(0)) * 0.9, Math.max(4, curve.k(n - 1)) * 1.1, Math.floor(lo - 1), Math
			.ceil(hi + 1));
		plot.setColor(new Color(0x1f5fa8));
		plot.setLineWidth(2);
		plot.addPoints(k, p, Plot.LINE);
		plot.addPoints(k, p, Plot.CIRCLE);
		plot.setLineWidth(1);
		final int knee = curve.knee();
		if (Double.isFinite(curve.psnr(knee))) {
			plot.setColor(new Color(0xd9480f));
			plot.setLineWidth(2);
			plot.addPoints(new double[] { curve.k(knee) }, new double[] { curve.psnr(knee) }, Plot.CIRCLE);
			plot.addLabel(0.02, 0.08, "knee: k = " + curve.k(knee));
		}
		if (!Double.isNaN(target)) {
			plot.setColor(new Color(0x2b8a3e));
			plot.setLineWidth(1);
			plot.drawDottedLine(Math.min(2, curve.k(0)) * 0.9, target, Math.max(4, curve.k(n - 1)) * 1.1, target, 3);
			final int reach = curve.smallestReaching(target);
			if (reach >= 0 && Double.isFinite(curve.psnr(reach))) {
				plot.setLineWidth(2);
				plot.addPoints(new double[] { curve.k(reach) }, new double[] { curve.psnr(reach) }, Plot.BOX);
			}
			plot.addLabel(0.02, 0.14, reach >= 0 ? "target " + target + " dB: k = " + curve.k(reach) : "target " +
				target + " dB: not reached");
		}
		return plot.getImagePlus();
	}
}
