package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.batch.FolderCodec;
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
	/** Its measures: type, entries, colors, pixels, input_bytes, output_bytes, seconds. */
	final Map<String, Object> values;
	final double sumSquaredError;
	final long finiteSamples;
	final double peak;

	private Written(final int file, final FolderCodec.FileResult r, final String input, final String output,
		final String error)
	{
		this.file = file;
		this.input = input;
		this.output = r.output() == null ? null : output;
		this.error = error;
		this.values = new LinkedHashMap<>(r.values());
		this.sumSquaredError = r.sumSquaredError();
		this.finiteSamples = r.finiteSamples();
		this.peak = r.peak();
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
				.error());
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
			return new Written(file, r, location, error == null ? output : null, error);
		}
		catch (final IOException e) {
			return failed(file, location, e.getMessage());
		}
		finally {
			if (scratch != null) Staging.delete(scratch);
		}
	}

	private static Written failed(final int file, final String location, final String error) {
		return new Written(file, location, error);
	}

	private Written(final int file, final String input, final String error) {
		this.file = file;
		this.input = input;
		this.output = null;
		this.error = error;
		this.values = new LinkedHashMap<>();
		this.sumSquaredError = 0;
		this.finiteSamples = 0;
		this.peak = Double.NaN;
	}
}
