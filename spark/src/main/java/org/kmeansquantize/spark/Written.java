package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.batch.FolderCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * One image labelled with the shared codebook and written into the output folder on an executor,
 * by {@link FolderCodec#compress}, what the command line does for each file: what the driver gets
 * back (the file's measures and error sums, no pixels). {@link Serializable}.
 */
final class Written implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The file's index in name order. */
	final int file;
	/** The input file. */
	final String input;
	/** The label file written, or null if the file failed. */
	final String output;
	/** Why the file failed (one line), or null. */
	final String error;
	/** Its {@code summary.csv} row, with the job's input and output names. */
	final Report row;
	final double sumSquaredError;
	final long finiteSamples;
	/** What its PSNR's peak depends on. */
	final Psnr.Extent extent;

	private Written(final int file, final FolderCodec.FileResult r, final String input, final String output,
		final String error, final int colors)
	{
		this.file = file;
		this.input = input;
		this.output = r.output() == null ? null : output;
		this.error = error;
		this.row = row(r.row(), input, this.output, error, colors);
		this.sumSquaredError = r.sumSquaredError();
		this.finiteSamples = r.finiteSamples();
		this.extent = r.extent();
	}

	/**
	 * @param measured the row {@link FolderCodec#compress} made, or null if it did not run
	 * @return that row with the job's names for the input and the output (URIs for Hadoop files),
	 *         and without an error measure for a file that failed after it was labelled
	 */
	private static Report row(final Report measured, final String input, final String output, final String error,
		final int colors)
	{
		final Report row = new Report(ReportSchema.SUMMARY_ROW);
		if (measured != null) for (final ReportField f : ReportSchema.SUMMARY_ROW.fields())
			row.put(f, measured.get(f));
		row.put(ReportField.FILE, input).put(ReportField.OUTPUT, output).put(ReportField.STATUS, error == null ? "ok"
			: "failed").put(ReportField.K, colors).put(ReportField.ERROR, error);
		if (error != null) row.put(ReportField.MSE, null).put(ReportField.PSNR, null);
		return row;
	}

	/**
	 * @param paths paths as strings (Java's paths are not serializable)
	 * @return them as absolute, normalised paths
	 */
	static Set<Path> paths(final Set<String> paths) {
		return paths.stream().map(p -> Paths.get(p).toAbsolutePath().normalize()).collect(Collectors.toSet());
	}

	/**
	 * Labels one image with the shared codebook and writes its label file, by the command line's
	 * {@link FolderCodec#compress}. Local files are read and written in place. A file on a Hadoop
	 * file system is first copied into a scratch folder of the executor; a label file for a Hadoop
	 * folder is written in a scratch folder, then copied to a temporary name in the output folder
	 * and renamed ({@link Storage#write}); scratch copies are deleted when the file is done.
	 *
	 * @param file the file's index
	 * @param location the image: a local absolute path or a Hadoop URI
	 * @param codebook the shared codebook
	 * @param folder the output folder (exists): a local absolute path or a Hadoop URI
	 * @param format which label file to write
	 * @param colors the requested entries, for the report
	 * @param inputs every local input of the job, absolute and normalised: never overwritten
	 * @param conf the Hadoop configuration
	 * @return what was written and measured, or why the file failed
	 */
	static Written write(final int file, final String location, final Codebook codebook, final String folder,
		final FolderCodec.OutputFormat format, final int colors, final Set<Path> inputs, final Storage.Conf conf)
	{
		// outputs of other executors are not seen here: the driver refuses clashing names up front
		final QuantizeSettings settings = QuantizeSettings.builder().colors(colors).build();
		final boolean localIn = Storage.isLocal(location), localOut = Storage.isLocal(folder);
		if (localIn && localOut) {
			final FolderCodec.FileResult r = FolderCodec.compress(Paths.get(location), Paths.get(folder), format,
				settings, FolderCodec.Shared.of(codebook), AtomicOutput.Inputs.of(inputs), new HashSet<>(), Progress.NONE);
			return new Written(file, r, r.input().toString(), r.output() == null ? null : r.output().toString(), r
				.error(), colors);
		}
		Path scratch = null;
		try {
			scratch = Staging.folder();
			final Path in = localIn ? Paths.get(location) : Storage.copyToLocal(location, conf.get(), Files
				.createDirectories(scratch.resolve("in")));
			final Path outDir = localOut ? Paths.get(folder) : Files.createDirectories(scratch.resolve("out"));
			final Set<Path> never = new HashSet<>(inputs);
			never.add(in.toAbsolutePath().normalize());
			final FolderCodec.FileResult r = FolderCodec.compress(in, outDir, format, settings, FolderCodec.Shared.of(
				codebook), AtomicOutput.Inputs.of(never), new HashSet<>(), Progress.NONE);
			String output = r.output() == null ? null : r.output().toString();
			String error = r.error() == null ? null : r.error().replace(in.toString(), location);
			if (r.output() != null && !localOut) {
				final Path label = r.output();
				output = folder + "/" + label.getFileName();
				try {
					Storage.write(output, conf.get(), s -> Files.copy(label, s));
				}
				catch (final IOException e) {
					error = e.getMessage();
				}
			}
			return new Written(file, r, location, error == null ? output : null, error, colors);
		}
		catch (final IOException e) {
			return failed(file, location, e.getMessage(), colors);
		}
		finally {
			if (scratch != null) Staging.delete(scratch);
		}
	}

	private static Written failed(final int file, final String location, final String error, final int colors) {
		return new Written(file, location, error, colors);
	}

	private Written(final int file, final String input, final String error, final int colors) {
		this.file = file;
		this.input = input;
		this.output = null;
		this.error = error;
		this.row = row(null, input, null, error, colors);
		this.sumSquaredError = 0;
		this.finiteSamples = 0;
		this.extent = Psnr.Extent.NONE;
	}
}
