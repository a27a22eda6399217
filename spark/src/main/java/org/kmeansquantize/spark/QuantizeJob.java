package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import org.apache.spark.network.util.JavaUtils;
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
import org.kmeansquantize.batch.ReportField;
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
		description = "A folder of images, or a glob over the file names in one folder (quote it): a path, a file: URI " +
			"or any Hadoop file system URI (hdfs://, s3a://, ...).")
	String input;

	@Option(names = "--output", required = true, paramLabel = "OUT",
		description = "The folder to write into (created if missing): a path, a file: URI or a Hadoop URI.")
	String output;

	@Option(names = "--split-size", paramLabel = "BYTES",
		description = "Files whose decoded pixels exceed this (e.g. 256m) are read by ranges of planes of at most this " +
			"size, on several executors (default: a quarter of an executor's memory per core).")
	String splitSize;

	/** The engine's settings: the options the command line's compress has, from the same spec. */
	final SettingsOptions settingsOptions = new SettingsOptions();

	@Mixin
	CommandSpec settings = settingsOptions.mixin();

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
		long split = 0;
		if (splitSize != null) try {
			split = JavaUtils.byteStringAsBytes(splitSize);
		}
		catch (final NumberFormatException e) {
			throw new ParameterException(spec.commandLine(), "--split-size must be a size such as 256m, not '" +
				splitSize + "'");
		}
		// local inputs are listed before Spark starts, so that a wrong folder fails at once
		List<Storage.Entry> files = Storage.isLocal(input) ? Storage.list(input, null) : null;
		final SparkConf conf = new SparkConf().setAppName("kmeans-quantize");
		// the launcher on one machine: no web UI unless asked for; under spark-submit the cluster decides
		if (master != null) conf.setMaster(master).setIfMissing("spark.ui.enabled", "false");
		final Summary summary;
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			if (files == null) files = Storage.list(input, sc.hadoopConfiguration());
			summary = run(sc, files, output, settings, outputFormat, partitions, split > 0 ? split : defaultSplit(
				sc));
		}
		final PrintWriter err = spec.commandLine().getErr();
		final int learned = summary.codebook().centres();
		if (learned < settings.colors()) err.println("kmeans-quantize-spark: note: the shared codebook has " + learned +
			" of " + settings.colors() + " entries: the images have fewer distinct values, or k-means left entries empty");
		for (final String e : summary.errors())
			err.println("kmeans-quantize-spark: " + e);
		err.flush();
		final PrintWriter out = spec.commandLine().getOut();
		out.println(json ? summary.json() : Summary.line(summary.values(), output));
		out.flush();
		return summary.errors().isEmpty() ? 0 : 1;
	}

	/**
	 * @param sc the Spark context
	 * @return a quarter of an executor's memory per core: of {@code spark.executor.memory} (1g by
	 *         default) over {@code spark.executor.cores} (1 by default) on a cluster; in local mode,
	 *         where the driver's JVM runs the tasks, of its heap over the parallelism
	 */
	static long defaultSplit(final JavaSparkContext sc) {
		final SparkConf c = sc.getConf();
		if (sc.master().startsWith("local")) return Runtime.getRuntime().maxMemory() / Math.max(1, sc
			.defaultParallelism()) / 4;
		final long memory = c.getSizeAsBytes("spark.executor.memory", "1g");
		return memory / Math.max(1, c.getInt("spark.executor.cores", 1)) / 4;
	}

	/**
	 * Quantizes the files with one codebook and writes the results into {@code output}.
	 *
	 * @param sc the Spark context
	 * @param files the images, in name order
	 * @param output the folder to write into: a local path, a {@code file:} URI or a Hadoop URI
	 * @param settings the engine's settings
	 * @param format which label file each image gets
	 * @param partitions partitions of the files, 0 for twice Spark's default parallelism
	 * @param splitBytes files whose decoded pixels exceed this are read by plane ranges of at most
	 *          this size (at least one plane each)
	 * @return the summary, as written to {@code summary.json}, and the files that failed
	 * @throws IOException if no file can be read, the files differ in type or channels, two would
	 *           have label files of the same name, or the output folder cannot be written
	 */
	static Summary run(final JavaSparkContext sc, final List<Storage.Entry> files, final String output,
		final QuantizeSettings settings, final FolderCodec.OutputFormat format, final int partitions,
		final long splitBytes) throws IOException
	{
		final long start = System.nanoTime();
		final Storage.Conf hadoop = new Storage.Conf(sc.hadoopConfiguration());
		checkNames(files);
		final String out = Storage.createFolder(output, hadoop.get());
		checkOverwrite(files, out);
		final List<Tuple2<Integer, String>> indexed = new ArrayList<>();
		for (int i = 0; i < files.size(); i++)
			indexed.add(new Tuple2<>(i, files.get(i).location));
		final int parallelism = partitions > 0 ? partitions : 2 * sc.defaultParallelism();
		final JavaRDD<Tuple2<Integer, String>> fileRdd = sc.parallelize(indexed, Math.max(1, Math.min(files.size(),
			parallelism)));
		final Broadcast<Storage.Conf> conf = sc.broadcast(hadoop);
		final PartReader reader = new TiffParts(hadoop);

		// 1. files larger than a share are read by plane ranges; every piece read once and cached
		final List<ImageSource.Piece> pieces = pieces(sc, files, reader, splitBytes, parallelism);
		final List<List<ImageSource.Piece>> groups = groups(pieces, files, splitBytes, parallelism);
		final int slices = groups.size();
		JavaRDD<ImageSource> images = sc.parallelize(groups, slices).flatMap(List::iterator).map(p -> ImageSource.read(
			p, reader, conf.value())).persist(StorageLevel.MEMORY_ONLY());
		final List<ImageSource.Info> infos = images.map(ImageSource.Info::new).collect();
		final Set<Integer> failed = new HashSet<>();
		for (final ImageSource.Info f : infos)
			if (f.error != null) failed.add(f.file);
		final long[] firstPart = new long[files.size()];
		long parts = 0, pixels = 0;
		ImageSource.Info head = null;
		int lastFile = -1;
		for (final ImageSource.Info f : infos) {
			if (f.file != lastFile) firstPart[f.file] = parts;
			lastFile = f.file;
			if (failed.contains(f.file)) continue;
			if (head == null) head = f;
			else if (!f.type.equals(head.type) || f.valuesPerPixel != head.valuesPerPixel) throw new IOException(
				"a shared codebook needs images of one type and channel count, but " + files.get(f.file).location +
					" is " + f.description + " and " + files.get(head.file).location + " " + head.description);
			parts += SharedTraining.planes(f.pixelDimensions);
			long n = 1;
			for (final long d : f.pixelDimensions)
				n *= d;
			pixels += n;
		}
		if (head == null) throw new IOException("none of the " + files.size() + " input files can be read");
		if (!failed.isEmpty()) {
			// a split file with one unreadable range takes no part at all, as a whole file would not
			final Set<Integer> left = failed;
			final JavaRDD<ImageSource> all = images;
			images = all.filter(img -> !left.contains(img.file)).persist(StorageLevel.MEMORY_ONLY());
			images.count();
			all.unpersist(false);
		}
		final long read = System.nanoTime();

		// 2. training: the loop on the driver, per-part samples and statistics on the executors
		final Broadcast<long[]> first = sc.broadcast(firstPart);
		final SparkTraining.Result trained = SparkTraining.train(sc, images, first, pixels, settings);
		images.unpersist(false);
		final long train = System.nanoTime();

		// 3. every file labelled and written on an executor, as the command line writes it
		final Broadcast<Codebook> book = sc.broadcast(trained.codebook);
		final Set<String> inputs = new HashSet<>();
		for (final Storage.Entry f : files)
			if (Storage.isLocal(f.location)) inputs.add(Paths.get(f.location).toAbsolutePath().normalize().toString());
		final Broadcast<Set<String>> all = sc.broadcast(inputs);
		final int colors = settings.colors();
		final List<Written> written;
		try {
			written = fileRdd.mapPartitions(it -> {
				final Set<Path> in = Written.paths(all.value());
				final List<Written> w = new ArrayList<>();
				while (it.hasNext()) {
					final Tuple2<Integer, String> f = it.next();
					w.add(Written.write(f._1, f._2, book.value(), out, format, colors, in, conf.value()));
				}
				return w.iterator();
			}).collect();
		}
		finally {
			Storage.clean(out, hadoop.get());
		}
		final long end = System.nanoTime();

		final Summary summary = new Summary(settings, head.type, trained.codebook, files.size(), parts, pixels,
			trained.passes, written);
		summary.times(read - start, train - read, end - train, end - start);
		summary.put(ReportField.PARTITIONS, slices);
		summary.put(ReportField.PIECES, pieces.size());
		summary.put(ReportField.OUTPUT, output);
		summary.write(out, hadoop.get());
		return summary;
	}

	/**
	 * @return what the first job reads: every file whole, but a file whose decoded pixels exceed
	 *         {@code splitBytes} and that the reader can split as ranges of planes of at most that
	 *         size, in file and part order (the order of the parts' samples)
	 */
	private static List<ImageSource.Piece> pieces(final JavaSparkContext sc, final List<Storage.Entry> files,
		final PartReader reader, final long splitBytes, final int parallelism)
	{
		// only files whose stored size hints at more than a share are asked for their header
		final List<Tuple2<Integer, String>> big = new ArrayList<>();
		for (int i = 0; i < files.size(); i++)
			if (files.get(i).length > splitBytes / 8) big.add(new Tuple2<>(i, files.get(i).location));
		final Map<Integer, PartReader.Header> headers = new HashMap<>();
		if (!big.isEmpty()) for (final Tuple2<Integer, PartReader.Header> h : sc.parallelize(big, Math.max(1, Math.min(
			big.size(), parallelism))).map(f -> {
				try {
					return new Tuple2<>(f._1, reader.header(f._2));
				}
				catch (final IOException e) {
					// read whole, which reports the error as it does for any file
					return new Tuple2<>(f._1, new PartReader.Header(false, 0, 0));
				}
			}).collect())
			headers.put(h._1, h._2);
		final List<ImageSource.Piece> pieces = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			final PartReader.Header h = headers.get(i);
			final String location = files.get(i).location;
			if (h == null || !h.splittable || h.parts < 2 || h.parts * h.partBytes <= splitBytes) {
				pieces.add(new ImageSource.Piece(i, location, 0, -1));
				continue;
			}
			final long step = Math.max(1, splitBytes / Math.max(1, h.partBytes));
			for (long q = 0; q < h.parts; q += step)
				pieces.add(new ImageSource.Piece(i, location, q, Math.min(step, h.parts - q)));
		}
		return pieces;
	}

	/**
	 * @return the pieces in order, as the first job's partitions: a range of a split file alone
	 *         (so that a task holds one share, whatever else is cached), whole files together up to
	 *         a share or an even part of the dataset for the parallelism, by their stored size
	 */
	private static List<List<ImageSource.Piece>> groups(final List<ImageSource.Piece> pieces,
		final List<Storage.Entry> files, final long splitBytes, final int parallelism)
	{
		long total = 0;
		for (final Storage.Entry f : files)
			total += f.length;
		final long target = Math.max(1, Math.min(splitBytes, total / Math.max(1, parallelism)));
		final List<List<ImageSource.Piece>> groups = new ArrayList<>();
		List<ImageSource.Piece> group = new ArrayList<>();
		long bytes = 0;
		for (final ImageSource.Piece p : pieces) {
			final long size = p.count >= 0 ? splitBytes : files.get(p.file).length;
			if (!group.isEmpty() && (p.count >= 0 || bytes + size > target)) {
				groups.add(group);
				group = new ArrayList<>();
				bytes = 0;
			}
			group.add(p);
			bytes += size;
			if (p.count >= 0) {
				groups.add(group);
				group = new ArrayList<>();
				bytes = 0;
			}
		}
		if (!group.isEmpty()) groups.add(group);
		return groups;
	}

	/**
	 * Refuses an output folder where a label file would replace an input (executors on a Hadoop file
	 * system cannot check that themselves); local inputs are also checked per file, as on the
	 * command line.
	 */
	private static void checkOverwrite(final List<Storage.Entry> files, final String out) throws IOException {
		if (Storage.isLocal(out)) return;
		final Set<String> in = new HashSet<>();
		for (final Storage.Entry f : files)
			in.add(f.location);
		for (final Storage.Entry f : files) {
			final String n = Storage.name(f.location);
			final int dot = n.lastIndexOf('.');
			final String base = out + "/" + (dot > 0 ? n.substring(0, dot) : n);
			for (final String ext : new String[] { ".tif", ".png" })
				if (in.contains(base + ext)) throw new IOException("the output of " + f.location + " would overwrite " +
					base + ext + ", an input; choose another output folder");
		}
	}

	/**
	 * Refuses inputs whose label files would have the same name ({@code a.tif} and {@code a.png}):
	 * executors write in parallel and cannot see each other's outputs.
	 */
	private static void checkNames(final List<Storage.Entry> files) throws IOException {
		final Map<String, String> seen = new HashMap<>();
		for (final Storage.Entry e : files) {
			final String f = e.location;
			final String n = Storage.name(f);
			final int dot = n.lastIndexOf('.');
			final String other = seen.put(dot > 0 ? n.substring(0, dot) : n, f);
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
