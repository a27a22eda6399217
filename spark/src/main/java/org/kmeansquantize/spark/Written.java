package org.kmeansquantize.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.batch.FolderCodec;
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

	private Written(final int file, final FolderCodec.FileResult r) {
		this.file = file;
		this.input = r.input().toString();
		this.output = r.output() == null ? null : r.output().toString();
		this.error = r.error();
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
	 * @param file the file's index
	 * @param path the image
	 * @param codebook the shared codebook
	 * @param folder the output folder (exists)
	 * @param format which label file to write
	 * @param colors the requested entries, for the report
	 * @param inputs every input of the job, absolute and normalised: never overwritten
	 * @return what was written and measured, or why the file failed
	 */
	static Written write(final int file, final String path, final Codebook codebook, final String folder,
		final FolderCodec.OutputFormat format, final int colors, final Set<Path> inputs)
	{
		// outputs of other executors are not seen here: the driver refuses clashing names up front
		final QuantizeSettings settings = QuantizeSettings.builder().colors(colors).build();
		return new Written(file, FolderCodec.compress(Paths.get(path), Paths.get(folder), format, settings,
			FolderCodec.Shared.of(codebook), inputs, new HashSet<>(), Progress.NONE));
	}
}
