package org.kmeansquantize.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.batch.SummaryCsv;

/**
 * What the job did, as named values in a fixed order, and the files it writes besides the label
 * TIFFs: {@code codebook.csv}, {@code codebook.txt} and {@code summary.json}.
 */
final class Summary {

	/** Name of the codebook table in the output folder. */
	static final String CODEBOOK = "codebook.csv";
	/**
	 * Name of the codebook in the label files' text form ({@link CodebookFormat}), which Fiji's
	 * Apply codebook reads.
	 */
	static final String CODEBOOK_TEXT = "codebook.txt";
	/** Name of the summary in the output folder. */
	static final String SUMMARY = "summary.json";
	/** Name of the per-image table in the output folder, as the command line's. */
	static final String TABLE = "summary.csv";

	private final Map<String, Object> values = new LinkedHashMap<>();
	private final Codebook codebook;
	private final List<String> errors = new ArrayList<>();
	private final List<Written> written;
	private final int colors;

	/**
	 * @param settings the settings
	 * @param type the images' type key ({@code gray16}, {@code rgb}, ...)
	 * @param codebook the shared codebook
	 * @param images files quantized
	 * @param parts their planes
	 * @param pixels their pixels (of the files that could be read)
	 * @param passes exact Lloyd passes over all pixels
	 * @param written what labelling each file measured, in file order
	 */
	Summary(final QuantizeSettings settings, final String type, final Codebook codebook, final int images, final long parts,
		final long pixels, final int passes, final List<Written> written)
	{
		this.codebook = codebook;
		this.written = written;
		this.colors = settings.colors();
		double sse = 0, peak = Double.NaN;
		long samples = 0, inBytes = 0, outBytes = 0, done = 0;
		int failed = 0, used = 0;
		boolean samePeak = true;
		for (final Written w : written) {
			final Object ib = w.values.get("input_bytes");
			if (ib != null) inBytes += ((Number) ib).longValue();
			if (w.error != null) {
				failed++;
				errors.add(w.error);
				continue;
			}
			sse += w.sumSquaredError;
			samples += w.finiteSamples;
			done += ((Number) w.values.get("pixels")).longValue();
			outBytes += ((Number) w.values.get("output_bytes")).longValue();
			used = Math.max(used, ((Number) w.values.get("colors")).intValue());
			if (Double.isNaN(peak)) peak = w.peak;
			else if (Double.compare(peak, w.peak) != 0) samePeak = false;
		}
		final double mse = samples == 0 ? Double.NaN : sse / samples;
		values.put("command", "spark");
		values.put("mode", "shared");
		values.put("type", type);
		values.put("k", settings.colors());
		values.put("entries", codebook.size());
		values.put("colors", failed == written.size() ? null : used);
		values.put("channels", codebook.channels());
		values.put("images", images);
		values.put("failed", failed);
		values.put("planes", parts);
		values.put("pixels", done);
		values.put("passes", passes);
		values.put("mse", Double.isFinite(mse) ? mse : null);
		final double psnr = samePeak ? Assignment.psnr(mse, peak) : Double.NaN;
		values.put("psnr", Double.isFinite(psnr) ? psnr : null);
		values.put("seconds", null);
		values.put("input_bytes", inBytes);
		values.put("output_bytes", outBytes);
	}

	/** @return the shared codebook */
	Codebook codebook() {
		return codebook;
	}

	/** @return why files failed, one line each, in file order */
	List<String> errors() {
		return errors;
	}

	/** Sets the times, in seconds. */
	void times(final long readNanos, final long trainNanos, final long writeNanos, final long totalNanos) {
		values.put("seconds", totalNanos / 1e9);
		values.put("read_seconds", readNanos / 1e9);
		values.put("train_seconds", trainNanos / 1e9);
		values.put("write_seconds", writeNanos / 1e9);
	}

	void put(final String key, final Object value) {
		values.put(key, value);
	}

	/** @return the values by name, in order */
	Map<String, Object> values() {
		return values;
	}

	/**
	 * Writes {@code codebook.csv}, {@code codebook.txt} and {@code summary.json} into the folder, each complete or not
	 * at all.
	 */
	void write(final String folder, final org.apache.hadoop.conf.Configuration conf) throws IOException {
		Storage.writeText(folder + "/" + CODEBOOK, csv(codebook), conf);
		Storage.writeText(folder + "/" + CODEBOOK_TEXT, CodebookFormat.format(codebook), conf);
		Storage.writeText(folder + "/" + TABLE, table(), conf);
		Storage.writeText(folder + "/" + SUMMARY, json(values) + "\n", conf);
	}

	/**
	 * @return one line per image in file order, the command line's {@code summary.csv} columns:
	 *         file, output, status, type, k, entries, colors, pixels, mse, psnr, input_bytes,
	 *         output_bytes, seconds (labelling and writing), error
	 */
	private String table() {
		final StringBuilder sb = new StringBuilder(SummaryCsv.HEADER);
		for (final Written w : written) {
			final Map<String, Object> v = w.values;
			final boolean ok = w.error == null;
			final double mse = w.finiteSamples == 0 ? Double.NaN : w.sumSquaredError / w.finiteSamples;
			SummaryCsv.row(sb, w.input, w.output, ok ? "ok" : "failed", v.get("type"), colors, v.get("entries"), v.get(
				"colors"), v.get("pixels"), ok ? mse : null, ok ? Assignment.psnr(mse, w.peak) : null, v.get("input_bytes"),
				v.get("output_bytes"), v.get("seconds"), w.error);
		}
		return sb.toString();
	}

	/**
	 * @param codebook a codebook
	 * @return one header line ({@code label,count,} then {@code value} for one channel, {@code red,
	 *         green,blue[,alpha]} for colour, {@code C1,C2,...} otherwise) and one line per entry,
	 *         values at full precision
	 */
	static String csv(final Codebook codebook) {
		final int nc = codebook.channels();
		final StringBuilder sb = new StringBuilder("label,count");
		final String[] rgba = { "red", "green", "blue", "alpha" };
		for (int c = 0; c < nc; c++)
			sb.append(',').append(nc == 1 ? "value" : nc <= 4 && codebook.range().bits() == 8 && nc >= 3 ? rgba[c]
				: "C" + (c + 1));
		sb.append('\n');
		for (int i = 0; i < codebook.size(); i++) {
			sb.append(i).append(',').append(codebook.count(i));
			for (int c = 0; c < nc; c++)
				sb.append(',').append(codebook.value(i, c));
			sb.append('\n');
		}
		return sb.toString();
	}

	/**
	 * @param values named values: strings, numbers or null
	 * @return one JSON object on one line, formatted as the command line's
	 */
	static String json(final Map<String, Object> values) {
		final StringBuilder sb = new StringBuilder("{");
		for (final Map.Entry<String, Object> e : values.entrySet()) {
			if (sb.length() > 1) sb.append(", ");
			string(sb, e.getKey());
			sb.append(": ");
			final Object v = e.getValue();
			if (v == null || v instanceof Double && !Double.isFinite((Double) v)) sb.append("null");
			else if (v instanceof Number || v instanceof Boolean) sb.append(v);
			else string(sb, v.toString());
		}
		return sb.append('}').toString();
	}

	private static void string(final StringBuilder sb, final String s) {
		sb.append('"');
		for (final char ch : s.toCharArray()) {
			if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
			else if (ch < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
			else sb.append(ch);
		}
		sb.append('"');
	}

	/**
	 * @param values the summary
	 * @param output the output folder
	 * @return one line for people
	 */
	static String line(final Map<String, Object> values, final String output) {
		final Object mse = values.get("mse"), psnr = values.get("psnr");
		final int images = (Integer) values.get("images"), failed = (Integer) values.get("failed");
		return String.format(Locale.ROOT, "%d of %d images (%s planes, %s pixels) -> %s (one shared codebook of %s entries)" +
			", MSE %s, PSNR %s, %.2f s", images - failed, images, values.get("planes"), values.get("pixels"), output,
			values.get("entries"), mse == null ? "-" : String.format(Locale.ROOT, "%.4g", (Double) mse), psnr == null ? "-"
				: String.format(Locale.ROOT, "%.2f dB", (Double) psnr), (Double) values.get("seconds"));
	}
}
