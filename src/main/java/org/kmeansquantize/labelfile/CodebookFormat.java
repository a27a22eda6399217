package org.kmeansquantize.labelfile;

import java.util.ArrayList;
import java.util.List;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SampleRange;

/**
 * The text form of a {@link Codebook}, version 1: what the label TIFF embeds and what codebook
 * files hold. Values are written with {@link Double#toString(double)}, so they read back exactly.
 *
 * <pre>
 * kmeans-quantize codebook 1
 * channels 3
 * range integer 8 0 255          (integer|real, bits, min, max)
 * weights 1.0 1.0 1.0            (per-channel distance weights)
 * nonfinite false                (whether the last entry stands for NaN/infinite pixels)
 * entries 2
 * 1200 12.5 30.0 7.25            (count, then one value per channel)
 * 800 200.0 180.75 90.0
 * end
 * </pre>
 *
 * Lines before the first line and after {@code end} are ignored, so the block can be embedded in
 * other text (the ImageJ "Info" property of a TIFF).
 * <p>
 * Limits, checked before anything is allocated: the text at most {@value #MAX_TEXT} characters,
 * 1 to {@value #MAX_CHANNELS} channels, 1 to 256 entries, counts of at least 0, finite positive
 * weights, and finite values (in a codebook of real values, the non-finite entry's NaNs
 * excepted; a codebook of integer values has no non-finite entry).
 * </p>
 */
public final class CodebookFormat {

	/** First line of a codebook block. */
	public static final String MAGIC = "kmeans-quantize codebook";
	/** The version this class writes. */
	public static final int VERSION = 1;
	/** Most characters of metadata text (layout and codebook) a label or codebook file may hold. */
	public static final int MAX_TEXT = 32 << 20;
	/** Most channels (values per entry) of a codebook. */
	public static final int MAX_CHANNELS = 4096;
	/** Most entries of a codebook: labels are 8-bit. */
	public static final int MAX_ENTRIES = QuantizeSettings.MAX_COLORS;

	private CodebookFormat() {}

	/**
	 * @param codebook the codebook
	 * @return its text, lines separated by {@code \n}, ending with {@code end\n}
	 */
	public static String format(final Codebook codebook) {
		final StringBuilder sb = new StringBuilder();
		final int nc = codebook.channels();
		final SampleRange r = codebook.range();
		sb.append(MAGIC).append(' ').append(VERSION).append('\n');
		sb.append("channels ").append(nc).append('\n');
		sb.append("range ").append(r.isInteger() ? "integer" : "real").append(' ').append(r.bits()).append(' ').append(
			r.min()).append(' ').append(r.max()).append('\n');
		sb.append("weights");
		for (int c = 0; c < nc; c++)
			sb.append(' ').append(codebook.channelWeight(c));
		sb.append('\n');
		sb.append("nonfinite ").append(codebook.hasNonFiniteEntry()).append('\n');
		sb.append("entries ").append(codebook.size()).append('\n');
		for (int i = 0; i < codebook.size(); i++) {
			sb.append(codebook.count(i));
			for (int c = 0; c < nc; c++)
				sb.append(' ').append(codebook.value(i, c));
			sb.append('\n');
		}
		return sb.append("end\n").toString();
	}

	/**
	 * @param text text holding a codebook block
	 * @return the codebook
	 * @throws IllegalArgumentException with a one-line message if there is no block, or it is of
	 *           another version or malformed
	 */
	public static Codebook parse(final String text) {
		if (text.length() > MAX_TEXT) throw new IllegalArgumentException("its k-means metadata has " + text.length() +
			" characters, more than the " + MAX_TEXT + " allowed");
		final String[] all = text.split("\r?\n|\r");
		int start = -1;
		for (int i = 0; i < all.length; i++)
			if (all[i].trim().startsWith(MAGIC)) {
				start = i;
				break;
			}
		if (start < 0) throw new IllegalArgumentException("no k-means codebook found");
		try {
			final String[] head = all[start].trim().substring(MAGIC.length()).trim().split("\\s+");
			final int version = Integer.parseInt(head[0]);
			if (version != VERSION) throw new IllegalArgumentException("codebook version " + version +
				" is not supported (this version reads " + VERSION + ")");
			int line = start + 1;
			final int nc = Integer.parseInt(value(all[line++], "channels")[0]);
			if (nc < 1 || nc > MAX_CHANNELS) throw new IllegalArgumentException("malformed k-means codebook: " + nc +
				" channels (1 to " + MAX_CHANNELS + ")");
			final String[] range = value(all[line++], "range");
			final double min = Double.parseDouble(range[2]), max = Double.parseDouble(range[3]);
			if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) throw new IllegalArgumentException(
				"malformed k-means codebook: range " + range[2] + " to " + range[3]);
			final SampleRange sr = new SampleRange(min, max, "integer".equals(range[0]), Integer.parseInt(range[1]));
			final String[] w = value(all[line++], "weights");
			if (w.length != nc) throw new IllegalArgumentException("malformed k-means codebook: " + w.length +
				" weights for " + nc + " channels");
			final double[] weights = new double[nc];
			for (int c = 0; c < nc; c++) {
				weights[c] = Double.parseDouble(w[c]);
				if (!(weights[c] > 0) || Double.isInfinite(weights[c])) throw new IllegalArgumentException(
					"malformed k-means codebook: channel weight " + w[c]);
			}
			final boolean nonFinite = Boolean.parseBoolean(value(all[line++], "nonfinite")[0]);
			if (nonFinite && sr.isInteger()) throw new IllegalArgumentException(
				"malformed k-means codebook: an integer codebook with a non-finite entry");
			final int n = Integer.parseInt(value(all[line++], "entries")[0]);
			if (n < 1 || n > MAX_ENTRIES) throw new IllegalArgumentException("malformed k-means codebook: " + n +
				" entries (1 to " + MAX_ENTRIES + ")");
			final List<double[]> values = new ArrayList<>();
			final long[] counts = new long[n];
			for (int i = 0; i < n; i++) {
				final String[] f = all[line++].trim().split("\\s+");
				if (f.length != nc + 1) throw new IllegalArgumentException("codebook entry " + i + " has " + (f.length -
					1) + " values, not " + nc);
				counts[i] = Long.parseLong(f[0]);
				if (counts[i] < 0) throw new IllegalArgumentException("malformed k-means codebook: entry " + i +
					" has a negative count");
				final boolean nonFiniteEntry = nonFinite && i == n - 1;
				final double[] v = new double[nc];
				for (int c = 0; c < nc; c++) {
					v[c] = Double.parseDouble(f[c + 1]);
					if (!nonFiniteEntry && !Double.isFinite(v[c])) throw new IllegalArgumentException(
						"malformed k-means codebook: entry " + i + " has the value " + f[c + 1] + (sr.isInteger()
							? " in a codebook of integer values" : ""));
				}
				values.add(v);
			}
			if (!"end".equals(all[line].trim())) throw new IllegalArgumentException("codebook does not end with 'end'");
			return new Codebook(values.toArray(new double[0][]), counts, sr, nonFinite, weights);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("malformed k-means codebook: " + e.getMessage());
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new IllegalArgumentException("malformed k-means codebook: it ends early");
		}
	}

	private static String[] value(final String line, final String key) {
		final String t = line.trim();
		if (!t.startsWith(key + " ")) throw new IllegalArgumentException("malformed k-means codebook: expected '" +
			key + "', found '" + t + "'");
		return t.substring(key.length()).trim().split("\\s+");
	}
}
