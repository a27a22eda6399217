package org.kmeansquantize.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;
import org.kmeansquantize.batch.SummaryCsv;
import org.kmeansquantize.core.Psnr;

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

	private final Report values = new Report(ReportSchema.SPARK);
	private final Codebook codebook;
	private final List<String> errors = new ArrayList<>();
	private final List<Written> written;

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
		double sse = 0;
		Psnr.Extent extent = Psnr.Extent.NONE;
		long samples = 0, inBytes = 0, outBytes = 0, done = 0;
		int failed = 0, used = 0;
		for (final Written w : written) {
			final Object ib = w.row.get(ReportField.INPUT_BYTES);
			if (ib != null) inBytes += ((Number) ib).longValue();
			if (w.error != null) {
				failed++;
				errors.add(w.error);
				continue;
			}
			sse += w.sumSquaredError;
			samples += w.finiteSamples;
			done += ((Number) w.row.get(ReportField.PIXELS)).longValue();
			outBytes += ((Number) w.row.get(ReportField.OUTPUT_BYTES)).longValue();
			used = Math.max(used, ((Number) w.row.get(ReportField.COLORS)).intValue());
			extent = extent.union(w.extent);
		}
		final double mse = samples == 0 ? Double.NaN : sse / samples;
		values.put(ReportField.COMMAND, "spark");
		values.put(ReportField.MODE, "shared");
		values.put(ReportField.TYPE, type);
		values.put(ReportField.K, settings.colors());
		values.put(ReportField.ENTRIES, codebook.size());
		values.put(ReportField.COLORS, failed == written.size() ? null : used);
		values.put(ReportField.CHANNELS, codebook.channels());
		values.put(ReportField.IMAGES, images);
		values.put(ReportField.FAILED, failed);
		values.put(ReportField.PLANES, parts);
		values.put(ReportField.PIXELS, done);
		values.put(ReportField.PASSES, passes);
		values.put(ReportField.MSE, Double.isFinite(mse) ? mse : null);
		final double psnr = Psnr.of(mse, extent.peak());
		values.put(ReportField.PSNR, Double.isFinite(psnr) ? psnr : null);
		values.put(ReportField.SECONDS, null);
		values.put(ReportField.INPUT_BYTES, inBytes);
		values.put(ReportField.OUTPUT_BYTES, outBytes);
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
		values.put(ReportField.SECONDS, totalNanos / 1e9);
		values.put(ReportField.READ_SECONDS, readNanos / 1e9);
		values.put(ReportField.TRAIN_SECONDS, trainNanos / 1e9);
		values.put(ReportField.WRITE_SECONDS, writeNanos / 1e9);
	}

	void put(final ReportField field, final Object value) {
		values.put(field, value);
	}

	/** @return the summary as one JSON line (without its line break) */
	String json() {
		return values.json();
	}

	/** @return the values by name, in {@link ReportSchema#SPARK}'s order */
	Map<String, Object> values() {
		return values.values();
	}

	/**
	 * Writes {@code codebook.csv}, {@code codebook.txt} and {@code summary.json} into the folder, each complete or not
	 * at all.
	 */
	void write(final String folder, final org.apache.hadoop.conf.Configuration conf) throws IOException {
		Storage.writeText(folder + "/" + CODEBOOK, csv(codebook), conf);
		Storage.writeText(folder + "/" + CODEBOOK_TEXT, CodebookFormat.format(codebook), conf);
		Storage.writeText(folder + "/" + TABLE, table(), conf);
		Storage.writeText(folder + "/" + SUMMARY, values.json() + "\n", conf);
	}

	/** @return one line per image in file order, the command line's {@code summary.csv} */
	private String table() {
		final StringBuilder sb = new StringBuilder(SummaryCsv.HEADER);
		for (final Written w : written)
			SummaryCsv.row(sb, w.row);
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
