package org.kmeansquantize.batch;

import static org.kmeansquantize.batch.ReportField.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every report the project writes, as its fields in order: the one place where the names and the
 * order of the command line's {@code --json} lines, of {@code summary.csv} and of the Spark job's
 * {@code summary.json} are decided (docs/command-line.md and spark/README.md describe them).
 */
public enum ReportSchema {

	/** {@code compress} and {@code decompress} of one file; {@code --target-psnr} adds two fields. */
	FILE(new ReportField[] { COMMAND, TYPE, K, ENTRIES, COLORS, CHANNELS, WIDTH, HEIGHT, SLICES, FRAMES, PIXELS, MSE,
		PSNR, SECONDS, READ_SECONDS, WRITE_SECONDS, TOTAL_SECONDS, INPUT_BYTES, OUTPUT_BYTES }, TARGET_PSNR,
		REACHED_PSNR),
	/** {@code curve}: {@code k}, {@code mse} and {@code psnr} are arrays. */
	CURVE(new ReportField[] { COMMAND, INPUT, K, MSE, PSNR, PEAK, KNEE_K, TARGET_PSNR, TARGET_K, SECONDS,
		TOTAL_SECONDS, OUTPUT_BYTES }),
	/** {@code palette}. */
	PALETTE(new ReportField[] { COMMAND, ENTRIES, CHANNELS, OUTPUT_BYTES }),
	/** A folder run on the command line: over all its images. */
	FOLDER(new ReportField[] { COMMAND, MODE, K, ENTRIES, COLORS, IMAGES, FAILED, PIXELS, MSE, PSNR, SECONDS,
		INPUT_BYTES, OUTPUT_BYTES, OUTPUT, SUMMARY }),
	/** One row of {@code summary.csv}, the same from the command line and the Spark job. */
	SUMMARY_ROW(new ReportField[] { ReportField.FILE, OUTPUT, STATUS, TYPE, K, ENTRIES, COLORS, PIXELS, MSE, PSNR, INPUT_BYTES,
		OUTPUT_BYTES, SECONDS, ERROR }),
	/** The Spark job's {@code summary.json}: over all its images. */
	SPARK(new ReportField[] { COMMAND, MODE, TYPE, K, ENTRIES, COLORS, CHANNELS, IMAGES, FAILED, PLANES, PIXELS,
		PASSES, MSE, PSNR, SECONDS, INPUT_BYTES, OUTPUT_BYTES, READ_SECONDS, TRAIN_SECONDS, WRITE_SECONDS, PARTITIONS,
		PIECES, OUTPUT });

	private final List<ReportField> fields;
	private final Set<ReportField> optional;

	ReportSchema(final ReportField[] always, final ReportField... optional) {
		final ReportField[] all = Arrays.copyOf(always, always.length + optional.length);
		System.arraycopy(optional, 0, all, always.length, optional.length);
		this.fields = Collections.unmodifiableList(Arrays.asList(all));
		this.optional = optional.length == 0 ? EnumSet.noneOf(ReportField.class) : EnumSet.copyOf(Arrays.asList(
			optional));
	}

	/** @return the fields in order, the optional ones last */
	public List<ReportField> fields() {
		return fields;
	}

	/**
	 * @param field a field
	 * @return whether a report of this schema has it only when it was set (else it is always
	 *         there, null when unknown)
	 */
	public boolean isOptional(final ReportField field) {
		return optional.contains(field);
	}

	/** @return the field names in order, comma-separated, with a line break: a CSV header line */
	public String csvHeader() {
		final StringBuilder sb = new StringBuilder();
		for (final ReportField f : fields)
			sb.append(sb.length() == 0 ? "" : ",").append(f.key());
		return sb.append('\n').toString();
	}
}
