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
import org.kmeansquantize.render.CurveAxes;
import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means quality curve on an {@link ImagePlus}, shared by the SciJava
 * command and the ImageJ 1 bridge: the {@link QualityCurve} of the image (or of its ROI), an ImageJ
 * {@link Plot} of the MSE against k on a log2 axis with the knee and the target marked, a
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

	/** Every macro key of {@value #LABEL}. */
	public static final java.util.List<String> KEYS = java.util.List.of(QuantizeSettings.KEY_SEED, KEY_TARGET,
		ImagePlusQuantizer.KEY_ROI, KEY_CSV);

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
	 * @param csv a CSV file to write (atomically), or null for none; never the file the image came from
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
				AtomicOutput.writeText(CurveTable.csv(curve, target), csv, sourceFile(imp));
			}
			catch (final IOException e) {
				throw new IllegalArgumentException(e.getMessage());
			}
		}
		return new Result(curve, plot(curve, imp.getTitle() + PLOT_SUFFIX, target), table(curve, target));
	}

	/** @return the file the image was opened from, which the CSV must not replace; none if unknown */
	private static AtomicOutput.Inputs sourceFile(final ImagePlus imp) {
		final ij.io.FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty())
			return AtomicOutput.Inputs.NONE;
		try {
			return AtomicOutput.Inputs.of(java.nio.file.Paths.get(fi.directory, fi.fileName));
		}
		catch (final java.nio.file.InvalidPathException e) {
			return AtomicOutput.Inputs.NONE;
		}
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

	/**
	 * The plot: MSE (linear, the curve the knee is computed on) against k on a log2 axis labelled
	 * 2, 4, 8 ... 256, the knee circled on it; a target PSNR drawn as the MSE it stands for, and the
	 * smallest k reaching it boxed. The PSNR of every k is in the table.
	 */
	private static ImagePlus plot(final QualityCurve curve, final String title, final double target) {
		final int n = curve.size();
		final double[] x = new double[n], mse = new double[n];
		double hi = 0;
		for (int i = 0; i < n; i++) {
			x[i] = log2(curve.k(i));
			mse[i] = curve.mse(i);
			if (Double.isFinite(mse[i])) hi = Math.max(hi, mse[i]);
		}
		final double targetMse = Psnr.mse(target, curve.peak());
		if (Double.isFinite(targetMse)) hi = Math.max(hi, targetMse);
		if (!(hi > 0)) hi = 1;
		final double xLo = Math.min(1, x[0]) - 0.3, xHi = Math.max(2, x[n - 1]) + 0.3;
		final double yLo = -0.08 * hi, yHi = 1.05 * hi;
		final Plot plot = new Plot(title, CurveAxes.K_TITLE, CurveAxes.MSE_TITLE);
		plot.setFormatFlags(Plot.Y_NUMBERS | Plot.Y_TICKS | Plot.Y_GRID | Plot.X_TICKS);
		plot.setLimits(xLo, xHi, yLo, yHi);
		// k labels inside the frame, at powers of two: ImageJ's log axis would write 2·10^0
		plot.setColor(Color.DARK_GRAY);
		plot.setJustification(Plot.CENTER);
		for (final int k : CurveAxes.kTicks(Math.pow(2, xLo), Math.pow(2, xHi)))
			plot.addText(Integer.toString(k), log2(k), yLo + 0.02 * hi);
		plot.setColor(new Color(0x1f5fa8));
		plot.setLineWidth(2);
		plot.addPoints(x, mse, Plot.LINE);
		plot.addPoints(x, mse, Plot.CIRCLE);
		plot.setLineWidth(1);
		final int knee = curve.knee();
		plot.setJustification(Plot.LEFT);
		plot.setColor(new Color(0xd9480f));
		plot.setLineWidth(2);
		plot.addPoints(new double[] { x[knee] }, new double[] { mse[knee] }, Plot.CIRCLE);
		plot.addLabel(0.55, 0.12, CurveAxes.kneeLabel(curve));
		if (!Double.isNaN(target)) {
			plot.setColor(new Color(0x2b8a3e));
			plot.setLineWidth(1);
			plot.drawDottedLine(xLo, targetMse, xHi, targetMse, 3);
			final int reach = curve.smallestReaching(target);
			if (reach >= 0) {
				plot.setLineWidth(2);
				plot.addPoints(new double[] { x[reach] }, new double[] { mse[reach] }, Plot.BOX);
			}
			plot.addLabel(0.55, 0.18, CurveAxes.targetLabel(curve, target));
		}
		return plot.getImagePlus();
	}

	private static double log2(final double v) {
		return Math.log(v) / Math.log(2);
	}
}
