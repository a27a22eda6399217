package org.kmeansquantize.batch;

import java.util.Locale;

/**
 * The name of one value in a report: the JSON key and the CSV column, the constant's name in lower
 * case ({@code K} is {@code k}, {@code INPUT_BYTES} is {@code input_bytes}). Which fields a report has,
 * and in which order, is its {@link ReportSchema}. The meaning of each is in docs/command-line.md
 * and spark/README.md.
 */
public enum ReportField {
	/** The file a row is about (summary CSV). */
	FILE,
	/** The subcommand or job: {@code compress}, {@code decompress}, {@code curve}, {@code palette}, {@code spark}. */
	COMMAND,
	/** {@code shared} (one codebook for all inputs) or {@code per-image}. */
	MODE,
	/** The input file. */
	INPUT,
	/** The output file or folder. */
	OUTPUT,
	/** {@code ok} or {@code failed}. */
	STATUS,
	/** The image type key ({@code gray8}, {@code gray16}, {@code gray32}, {@code rgb}, ...). */
	TYPE,
	/** The requested codebook entries (for the curve: the array of k). */
	K,
	/** The entries in the codebook. */
	ENTRIES,
	/** The entries used by some pixel. */
	COLORS,
	/** Values per pixel. */
	CHANNELS,
	/** Width in pixels. */
	WIDTH,
	/** Height in pixels. */
	HEIGHT,
	/** Z slices. */
	SLICES,
	/** Time frames. */
	FRAMES,
	/** Input images. */
	IMAGES,
	/** Input images that failed. */
	FAILED,
	/** Planes read. */
	PLANES,
	/** Pixels (all planes). */
	PIXELS,
	/** Exact Lloyd passes over all pixels. */
	PASSES,
	/** Mean squared error per value, in the image's units squared. */
	MSE,
	/** PSNR in dB, {@link org.kmeansquantize.core.Psnr}. */
	PSNR,
	/** The PSNR's peak. */
	PEAK,
	/** The k at the curve's knee. */
	KNEE_K,
	/** The PSNR asked for, in dB. */
	TARGET_PSNR,
	/** The smallest k on the curve reaching the target. */
	TARGET_K,
	/** The PSNR the chosen k reached, in dB. */
	REACHED_PSNR,
	/** Seconds of the work itself (engine), or of the whole run for summaries. */
	SECONDS,
	/** Seconds reading. */
	READ_SECONDS,
	/** Seconds training. */
	TRAIN_SECONDS,
	/** Seconds writing. */
	WRITE_SECONDS,
	/** Seconds in all. */
	TOTAL_SECONDS,
	/** Bytes read. */
	INPUT_BYTES,
	/** Bytes written. */
	OUTPUT_BYTES,
	/** Spark partitions. */
	PARTITIONS,
	/** Pieces the Spark job read: whole files and plane ranges of split files. */
	PIECES,
	/** The summary file written. */
	SUMMARY,
	/** Why the input failed (one line). */
	ERROR;

	/** @return the JSON key and CSV column: the name in lower case */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}
