package org.kmeansquantize.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.Progress;

/**
 * Measurements per codebook entry, the table {@value #TITLE}: one row per entry with its
 * {@code label}, pixel {@code count}, {@code area} (for z-stacks {@code volume}, summed over
 * frames) in calibrated units with its {@code unit}, {@code share} of all pixels, and for every
 * input channel the mean, standard deviation (n &minus; 1), minimum and maximum of its pixels in
 * input units (raw values; non-finite values are left out). Columns are {@code mean}, {@code sd},
 * {@code min}, {@code max} for one channel, else prefixed by the channel's name
 * ({@code C1_mean}, {@code red_mean}, ...). One pass over the label image and the input, one plane
 * at a time, in a fixed order (the same table on any machine). Stateless.
 */
public final class ClusterTable {

	/** Title of the table. */
	public static final String TITLE = "K-means clusters";

	private ClusterTable() {}

	/**
	 * @param labels the label image of {@code input}: one plane per slice and frame; not modified
	 * @param input the quantized image; not modified (virtual stacks are read plane by plane)
	 * @param codebook the codebook the labels index
	 * @param progress progress and cancellation, checked once per plane
	 * @return the table
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static ResultsTable measure(final ImagePlus labels, final ImagePlus input, final Codebook codebook,
		final Progress progress)
	{
		final int k = codebook.size(), nc = codebook.channels();
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final int perPlane = rgb ? 1 : input.getNChannels();
		final long[] count = new long[k];
		// per entry and channel, sums of (x - shift) and its square, shift = the entry's value:
		// sums of values close to zero keep the variance exact to many digits
		final double[] shift = new double[k * nc], sum = new double[k * nc], sq = new double[k * nc];
		final double[] min = new double[k * nc], max = new double[k * nc];
		final long[] finite = new long[k * nc];
		for (int e = 0; e < k; e++)
			for (int c = 0; c < nc; c++) {
				final double v = codebook.fitted(e, c);
				shift[e * nc + c] = Double.isFinite(v) ? v : 0;
				min[e * nc + c] = Double.POSITIVE_INFINITY;
				max[e * nc + c] = Double.NEGATIVE_INFINITY;
			}
		final ImageStack ls = labels.getStack(), is = input.getStack();
		final int planes = ls.getSize();
		for (int p = 0; p < planes; p++) {
			progress.checkCanceled();
			progress.report("measuring", p / (double) planes);
			final byte[] l = (byte[]) ls.getPixels(p + 1);
			for (final byte b : l)
				count[b & 0xff]++;
			for (int c = 0; c < nc; c++) {
				final Object px = is.getPixels(rgb ? p + 1 : p * perPlane + c + 1);
				for (int i = 0; i < l.length; i++) {
					final double v = value(px, i, rgb ? c : -1);
					if (!Double.isFinite(v)) continue;
					final int j = (l[i] & 0xff) * nc + c;
					final double d = v - shift[j];
					sum[j] += d;
					sq[j] += d * d;
					finite[j]++;
					if (v < min[j]) min[j] = v;
					if (v > max[j]) max[j] = v;
				}
			}
		}
		progress.report("measuring", 1);
		long total = 0;
		for (final long n : count)
			total += n;
		return table(labels, codebook, input, count, total, shift, sum, sq, min, max, finite);
	}

	private static ResultsTable table(final ImagePlus labels, final Codebook codebook, final ImagePlus input,
		final long[] count, final long total, final double[] shift, final double[] sum, final double[] sq,
		final double[] min, final double[] max, final long[] finite)
	{
		final int nc = codebook.channels();
		final Calibration cal = labels.getCalibration();
		final boolean volume = labels.getNSlices() > 1;
		final double unitSize = cal.pixelWidth * cal.pixelHeight * (volume ? cal.pixelDepth : 1);
		final String unit = cal.getUnit() + (volume ? "^3" : "^2");
		final String[] names = ImagePlusAdapter.channelNames(input, nc);
		final ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int e = 0; e < codebook.size(); e++) {
			rt.incrementCounter();
			rt.addValue("label", e);
			rt.addValue("count", count[e]);
			rt.addValue(volume ? "volume" : "area", count[e] * unitSize);
			rt.addValue("unit", unit);
			rt.addValue("share", total == 0 ? 0 : count[e] / (double) total);
			for (int c = 0; c < nc; c++) {
				final int j = e * nc + c;
				final long n = finite[j];
				final String prefix = nc == 1 ? "" : names[c] + "_";
				final double mean = n == 0 ? Double.NaN : shift[j] + sum[j] / n;
				final double var = n < 2 ? Double.NaN : Math.max(0, (sq[j] - sum[j] * sum[j] / n) / (n - 1));
				rt.addValue(prefix + "mean", mean);
				rt.addValue(prefix + "sd", Math.sqrt(var));
				rt.addValue(prefix + "min", n == 0 ? Double.NaN : min[j]);
				rt.addValue(prefix + "max", n == 0 ? Double.NaN : max[j]);
			}
		}
		rt.setPrecision(4);
		return rt;
	}

	/** @return pixel {@code i} of a plane; for packed RGB, channel {@code rgb} (0 red, 1 green, 2 blue) */
	private static double value(final Object pixels, final int i, final int rgb) {
		if (pixels instanceof byte[]) return ((byte[]) pixels)[i] & 0xff;
		if (pixels instanceof short[]) return ((short[]) pixels)[i] & 0xffff;
		if (pixels instanceof float[]) return ((float[]) pixels)[i];
		final int v = ((int[]) pixels)[i];
		return (v >> (16 - 8 * rgb)) & 0xff;
	}
}
