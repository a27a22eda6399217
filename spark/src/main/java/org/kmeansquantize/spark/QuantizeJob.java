package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scala.Tuple2;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.batch.FolderCodec;
import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.batch.SettingsOptions;
import org.kmeansquantize.core.SharedTraining;

/**
 * The quantizer as a Spark job: one codebook learned from every plane of a folder of images, then
 * every image labelled with it in parallel. The driver holds only small things: the file list,
 * the seeding sample (a fixed number of pixels, whatever the dataset's size), the centres, and
 * one set of Lloyd statistics per partition and pass; pixels stay on the executors.
 * <ol>
 * <li>Every file is read on an executor and cached there for the passes; its parts are its 2-D
 * planes (all channels of each), numbered through the files in name order.</li>
 * <li>Each part keeps a hashed sample of its pixels ({@code SharedTraining.sample}); the driver
 * seeds the centres on the concatenated samples, in part order ({@code SharedTraining.start}).</li>
 * <li>Exact Lloyd passes ({@link SparkTraining}): the centres are broadcast, each partition
 * returns the exact sum of its parts' statistics, the driver merges them in part order and moves
 * the centres, until the distortion drops by less than the tolerance or the pass cap is
 * reached.</li>
 * <li>The codebook is broadcast; every file is read again, labelled and written on an executor by
 * the command line's own {@code FolderCodec.compress}.</li>
 * </ol>
 * The result equals that of {@code kmeans-quantize compress DIR --shared-codebook} with the same
 * files, settings and seed, whatever the number of executors and partitions.
 */
@Command(name = "kmeans-quantize-spark", mixinStandardHelpOptions = true, sortOptions = false,
	showDefaultValues = true, versionProvider = QuantizeJob.Version.class, description = {
		"Quantizes every plane of a folder of images (TIFF, PNG, JPEG) with one k-means codebook learned from " +
			"all of them, on Spark; writes a label file per image, the codebook (CSV and text) and a summary." })
public final class QuantizeJob implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--master", paramLabel = "URL",
		description = "Spark master, e.g. local[2]; leave out under spark-submit, which sets it.")
	String master;

	@Option(names = "--input", required = true, paramLabel = "DIR|GLOB",
		description = "A folder of images, or a glob over the file names in one folder (quote it).")
	String input;

	@Option(names = "--output", required = true, paramLabel = "OUT",
		description = "The folder to write into (created if missing).")
	Path output;

	@Mixin
	SettingsOptions settingsOptions;

	@Option(names = "--format", paramLabel = "tif|png|auto", defaultValue = "tif",
		description = "Label files: 'tif' (label TIFFs, the codebook as LUT), 'png' (palette PNGs; one plane of 8-bit " +
			"grey, RGB or RGBA only) or 'auto' (PNG where one holds the image), as the command line's --format.")
	String format;

	@Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
		description = "Spark partitions of the files (0: twice Spark's default parallelism, at most one per file).")
	int partitions;

	@Option(names = "--json", description = "Print the summary as one JSON object on the last line of stdout.")
	boolean json;

	/**
	 * Runs the job and exits: 0 on success, 2 for bad arguments, 1 for a failure while working,
	 * with one line on stderr.
	 *
	 * @param args command-line arguments
	 */
	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.setProperty("io.netty.tryReflectionSetAccessible", "true");
		System.exit(commandLine().execute(args));
	}

	/** @return the command line, reporting every error in one line */
	static CommandLine commandLine() {
		final CommandLine cl = new CommandLine(new QuantizeJob());
		cl.setParameterExceptionHandler((ex, args) -> {
			ex.getCommandLine().getErr().println("kmeans-quantize-spark: " + ex.getMessage() + " (see --help)");
			return 2;
		});
		cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			cmd.getErr().println("kmeans-quantize-spark: " + message(ex));
			return 1;
		});
		return cl;
	}

	private static String message(final Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && (t.getMessage() == null || t instanceof org.apache.spark.SparkException))
			t = t.getCause();
		final String m = t.getMessage();
		return (m == null ? t.getClass().getName() : m).trim().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
	}

	@Override
	public Integer call() throws Exception {
		final QuantizeSettings settings = settingsOptions.settings(spec.commandLine());
		final FolderCodec.OutputFormat outputFormat;
		try {
			outputFormat = FolderCodec.OutputFormat.parse(format);
		}
		catch (final IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		final List<Path> files = ImageFolder.list(input);
		final SparkConf conf = new SparkConf().setAppName("kmeans-quantize");
		// the launcher on one machine: no web UI unless asked for; under spark-submit the cluster decides
		if (master != null) conf.setMaster(master).setIfMissing("spark.ui.enabled", "false");
		final Summary summary;
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			summary = run(sc, files, output, settings, outputFormat, partitions);
		}
		final PrintWriter err = spec.commandLine().getErr();
		final int learned = summary.codebook().centres();
		if (learned < settings.colors()) err.println("kmeans-quantize-spark: note: the shared codebook has " + learned +
			" of " + settings.colors() + " entries: the images have fewer distinct values, or k-means left entries empty");
		for (final String e : summary.errors())
			err.println("kmeans-quantize-spark: " + e);
		err.flush();
		final PrintWriter out = spec.commandLine().getOut();
		out.println(json ? Summary.json(summary.values()) : Summary.line(summary.values(), output));
		out.flush();
		return summary.errors().isEmpty() ? 0 : 1;
	}

	/**
	 * Quantizes the files with one codebook and writes the results into {@code output}.
	 *
	 * @param sc the Spark context
	 * @param files the images, in name order
	 * @param output the folder to write into
	 * @param settings the engine's settings
	 * @param format which label file each image gets
	 * @param partitions partitions of the files, 0 for twice Spark's default parallelism
	 * @return the summary, as written to {@code summary.json}, and the files that failed
	 * @throws IOException if no file can be read, the files differ in type or channels, two would
	 *           have label files of the same name, or the output folder cannot be written
	 */
	static Summary run(final JavaSparkContext sc, final List<Path> files, final Path output,
		final QuantizeSettings settings, final FolderCodec.OutputFormat format, final int partitions)
		throws IOException
	{
		final long start = System.nanoTime();
		checkNames(files);
		Files.createDirectories(output);
		final List<Tuple2<Integer, String>> indexed = new ArrayList<>();
		for (int i = 0; i < files.size(); i++)
			indexed.add(new Tuple2<>(i, files.get(i).toAbsolutePath().toString()));
		final int slices = Math.max(1, Math.min(files.size(), partitions > 0 ? partitions : 2 * sc
			.defaultParallelism()));
		final JavaRDD<Tuple2<Integer, String>> fileRdd = sc.parallelize(indexed, slices);

		// 1. every file read once on an executor and cached there; the driver learns the sizes
		final JavaRDD<ImageSource> images = fileRdd.map(f -> ImageSource.read(f._1, f._2)).persist(StorageLevel
			.MEMORY_ONLY());
		final List<ImageSource.Info> infos = images.map(ImageSource.Info::new).collect();
		final long[] firstPart = new long[files.size()];
		long parts = 0, pixels = 0;
		ImageSource.Info head = null;
		for (final ImageSource.Info f : infos) {
			firstPart[f.file] = parts;
			if (f.error != null) continue;
			if (head == null) head = f;
			else if (!f.type.equals(head.type) || f.valuesPerPixel != head.valuesPerPixel) throw new IOException(
				"a shared codebook needs images of one type and channel count, but " + files.get(f.file) + " is " +
					f.description + " and " + files.get(head.file) + " " + head.description);
			parts += SharedTraining.planes(f.pixelDimensions);
			long n = 1;
			for (final long d : f.pixelDimensions)
				n *= d;
			pixels += n;
		}
		if (head == null) throw new IOException("none of the " + files.size() + " input files can be read");
		final long read = System.nanoTime();

		// 2. training: the loop on the driver, per-part samples and statistics on the executors
		final Broadcast<long[]> first = sc.broadcast(firstPart);
		final SparkTraining.Result trained = SparkTraining.train(sc, images, first, pixels, settings);
		images.unpersist(false);
		final long train = System.nanoTime();

		// 3. every file labelled and written on an executor, as the command line writes it
		final Broadcast<Codebook> book = sc.broadcast(trained.codebook);
		final Set<String> inputs = new HashSet<>();
		for (final Path f : files)
			inputs.add(f.toAbsolutePath().normalize().toString());
		final Broadcast<Set<String>> all = sc.broadcast(inputs);
		final String out = output.toAbsolutePath().toString();
		final int colors = settings.colors();
		final List<Written> written = fileRdd.mapPartitions(it -> {
			final Set<Path> in = Written.paths(all.value());
			final List<Written> w = new ArrayList<>();
			while (it.hasNext()) {
				final Tuple2<Integer, String> f = it.next();
				w.add(Written.write(f._1, f._2, book.value(), out, format, colors, in));
			}
			return w.iterator();
		}).collect();
		final long end = System.nanoTime();

		final Summary summary = new Summary(settings, head.type, trained.codebook, files.size(), parts, pixels,
			trained.passes, written);
		summary.times(read - start, train - read, end - train, end - start);
		summary.put("partitions", slices);
		summary.put("output", output.toString());
		summary.write(output);
		return summary;
	}

	/**
	 * Refuses inputs whose label files would have the same name ({@code a.tif} and {@code a.png}):
	 * executors write in parallel and cannot see each other's outputs.
	 */
	private static void checkNames(final List<Path> files) throws IOException {
		final Map<String, Path> seen = new HashMap<>();
		for (final Path f : files) {
			final String n = f.getFileName().toString();
			final int dot = n.lastIndexOf('.');
			final Path other = seen.put(dot > 0 ? n.substring(0, dot) : n, f);
			if (other != null) throw new IOException(other + " and " + f +
				" would have label files of the same name; rename one of them");
		}
	}

	/** The version from the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			final String v = QuantizeJob.class.getPackage().getImplementationVersion();
			return new String[] { "kmeans-quantize-spark " + (v == null ? "(development build)" : v) };
		}
	}
}
