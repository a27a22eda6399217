package org.kmeansquantize.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import picocli.CommandLine;

import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.batch.FolderCodec;
import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.Threads;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;
import org.kmeansquantize.batch.SummaryCsv;

/**
 * {@code compress DIR_OR_GLOB -o OUTDIR}: every image of a folder or glob, in name order, into
 * OUTDIR, with a progress line on stderr, a summary table on stdout, {@code OUTDIR/summary.csv},
 * and with {@code --json} one JSON object over all images as the last line of stdout.
 */
final class FolderCompress {

	/** Name of the summary table written into the output folder. */
	static final String SUMMARY = "summary.csv";

	private FolderCompress() {}

	/**
	 * @param cl the compress command, for its writers
	 * @param in the folder or glob
	 * @param outDir the output folder, created if missing
	 * @param settings the settings
	 * @param format which label file each input gets
	 * @param shared whether to learn one codebook for all inputs
	 * @param json whether to end with a JSON line
	 * @return 0 if every input was compressed, {@link Main#EXIT_FAILURE} if any failed
	 * @throws IOException if nothing can be done: no input, no output folder, a shared codebook
	 *           cannot be learned, the summary cannot be written
	 */
	static int run(final CommandLine cl, final String in, final Path outDir, final QuantizeSettings settings,
		final FolderCodec.OutputFormat format, final boolean shared, final boolean json) throws IOException
	{
		final long start = System.nanoTime();
		final List<Path> files = ImageFolder.list(in);
		if (Files.exists(outDir) && !Files.isDirectory(outDir)) throw new IOException("output " + outDir +
			" is a file; with a folder or pattern as input, -o names the output folder");
		final AtomicOutput.Inputs inputs = AtomicOutput.Inputs.of(files);
		long totalBytes = 0;
		for (final Path f : files)
			totalBytes += Files.size(f);
		final String name = cl.getCommandSpec().qualifiedName();
		final PrintWriter err = cl.getErr();
		final ProgressLine bar = new ProgressLine(err, name, System.console() != null, files.size(), totalBytes);
		FolderCodec.Shared codebook = null;
		if (shared) {
			bar.phase("learning the shared codebook");
			try {
				codebook = FolderCodec.trainShared(files, settings, bar);
			}
			catch (final OutOfMemoryError e) {
				throw new IOException(Reports.outOfMemory());
			}
			finally {
				bar.phase(null);
			}
			final int learned = codebook.codebook().centres();
			if (learned < settings.colors()) bar.message(name + ": note: the shared codebook has " + learned + " of " +
				settings.colors() + " entries: the images have fewer distinct values, or k-means left entries empty");
		}
		// created only now, so that a run refused before its first file leaves nothing behind
		try {
			Files.createDirectories(outDir);
		}
		catch (final IOException e) {
			throw new IOException("cannot create output folder " + outDir + " (" + e.getMessage() + ")");
		}
		final List<FolderCodec.FileResult> results = new ArrayList<>();
		final Set<Path> written = new HashSet<>();
		final FolderCodec.Shared sharedCodebook = codebook;
		final ExecutorService second = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "kmeans-quantize second file");
			t.setDaemon(true);
			return t;
		});
		try {
			for (int i = 0; i < files.size(); i++) {
				final Path f = files.get(i);
				final Path next = i + 1 < files.size() ? files.get(i + 1) : null;
				// the next file, side by side with this one, when both are small and cannot have the same
				// output: the cores the engine leaves idle (decoding, deflating) work on it
				final Future<FolderCodec.FileResult> ahead = sharedCodebook == null && next != null && pairable(f, next)
					? second.submit(Threads.inheriting(() -> FolderCodec.compress(next, outDir, format, settings, null,
						inputs, written, Progress.NONE))::get) : null;
				bar.file(f);
				report(results, f, FolderCodec.compress(f, outDir, format, settings, sharedCodebook, inputs, written, bar),
					bar, name);
				if (ahead != null) {
					bar.file(next);
					report(results, next, await(ahead), bar, name);
					i++;
				}
			}
		}
		finally {
			second.shutdownNow();
		}
		bar.finish();
		final Path summary = outDir.resolve(SUMMARY);
		try (AtomicOutput out = AtomicOutput.create(summary, inputs)) {
			final byte[] csv = csv(results).getBytes(StandardCharsets.UTF_8);
			out.writeStream(s -> s.write(csv));
			out.commit();
		}
		final PrintWriter stdout = cl.getOut();
		stdout.print(table(results, settings.colors()));
		final Report total = totals(results, settings, shared, codebook, outDir, summary, start);
		if (json) stdout.println(total.json());
		else stdout.println(String.format(Locale.ROOT, "%d of %d images -> %s (%s%s), MSE %s, PSNR %s, %.2f s",
			(Integer) total.get(ReportField.IMAGES) - (Integer) total.get(ReportField.FAILED), (Integer) total.get(ReportField.IMAGES), outDir, shared
				? "one shared codebook" : "one codebook per image", ", summary in " + SUMMARY, number(total.get(ReportField.MSE)),
			total.get(ReportField.PSNR) == null ? "-" : String.format(Locale.ROOT, "%.2f dB", (Double) total.get(ReportField.PSNR)),
			(Double) total.get(ReportField.SECONDS)));
		stdout.flush();
		return (Integer) total.get(ReportField.FAILED) > 0 ? Main.EXIT_FAILURE : 0;
	}

	/** Adds a file's result and tells the progress line. */
	private static void report(final List<FolderCodec.FileResult> results, final Path f,
		final FolderCodec.FileResult r, final ProgressLine bar, final String name) throws IOException
	{
		results.add(r);
		final Object pixels = r.row().get(ReportField.PIXELS);
		bar.done(Files.size(f), pixels == null ? 0 : (Long) pixels);
		if (r.failed()) bar.message(name + ": " + named(f, r.error()));
		else if (r.note() != null) bar.message(name + ": note: " + named(f, r.note()));
	}

	/**
	 * @return whether two files may be compressed side by side: their names differ before the
	 *         extension (so their outputs differ, and which of two inputs of one name fails does not
	 *         depend on timing), and both together, at a generous 16 bytes of memory per byte on disk
	 *         (a JPEG decodes to about 10), fit in a quarter of the heap
	 */
	static boolean pairable(final Path a, final Path b) throws IOException {
		if (stem(a).equals(stem(b))) return false;
		final long bytes = Files.size(a) + Files.size(b);
		return bytes < Runtime.getRuntime().maxMemory() / 64;
	}

	private static String stem(final Path p) {
		final String n = p.getFileName().toString();
		final int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	/** @return the second file's result; its cancellation or error as if it had run here */
	private static FolderCodec.FileResult await(final Future<FolderCodec.FileResult> f) {
		try {
			return f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted");
		}
		catch (final ExecutionException e) {
			final Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new IllegalStateException(c);
		}
	}

	/** @return the message, prefixed with the file unless it already names it */
	private static String named(final Path f, final String message) {
		return message.contains(f.toString()) ? message : f + ": " + message;
	}

	/** The run's JSON object ({@link ReportSchema#FOLDER}). */
	static Report totals(final List<FolderCodec.FileResult> results, final QuantizeSettings settings,
		final boolean shared, final FolderCodec.Shared codebook, final Path outDir, final Path summary,
		final long start)
	{
		double sse = 0;
		long samples = 0, pixels = 0, inBytes = 0, outBytes = 0;
		int failed = 0, colors = 0;
		Psnr.Extent extent = Psnr.Extent.NONE;
		for (final FolderCodec.FileResult r : results) {
			final Object ib = r.row().get(ReportField.INPUT_BYTES);
			if (ib != null) inBytes += (Long) ib;
			if (r.failed()) {
				failed++;
				continue;
			}
			sse += r.sumSquaredError();
			samples += r.finiteSamples();
			pixels += (Long) r.row().get(ReportField.PIXELS);
			outBytes += (Long) r.row().get(ReportField.OUTPUT_BYTES);
			colors = Math.max(colors, (Integer) r.row().get(ReportField.COLORS));
			extent = extent.union(r.extent());
		}
		final double mse = samples == 0 ? Double.NaN : sse / samples;
		final double psnr = Psnr.of(mse, extent.peak());
		return new Report(ReportSchema.FOLDER).put(ReportField.COMMAND, "compress").put(ReportField.MODE, shared
			? "shared" : "per-image").put(ReportField.K, settings.colors()).put(ReportField.ENTRIES, codebook == null
				? null : codebook.codebook().size()).put(ReportField.COLORS, failed == results.size() ? null : colors)
			.put(ReportField.IMAGES, results.size()).put(ReportField.FAILED, failed).put(ReportField.PIXELS, pixels).put(
				ReportField.MSE, Double.isFinite(mse) ? mse : null).put(ReportField.PSNR, Double.isFinite(psnr) ? psnr
					: null).put(ReportField.SECONDS, (System.nanoTime() - start) / 1e9).put(ReportField.INPUT_BYTES,
						inBytes).put(ReportField.OUTPUT_BYTES, outBytes).put(ReportField.OUTPUT, outDir.toString()).put(
							ReportField.SUMMARY, summary.toString());
	}

	/** The summary as CSV (RFC 4180, a header line, one line per input in order). */
	static String csv(final List<FolderCodec.FileResult> results) {
		final StringBuilder sb = new StringBuilder(SummaryCsv.HEADER);
		for (final FolderCodec.FileResult r : results)
			SummaryCsv.row(sb, r.row());
		return sb.toString();
	}

	/** The summary as a table for people. */
	static String table(final List<FolderCodec.FileResult> results, final int k) {
		int w = 4;
		for (final FolderCodec.FileResult r : results)
			w = Math.max(w, r.input().getFileName().toString().length());
		final String row = "%-" + w + "s  %3s  %10s  %9s  %12s  %12s  %s%n";
		final StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT, row, "file", "k", "MSE", "PSNR dB", "bytes in", "bytes out", ""));
		for (final FolderCodec.FileResult r : results) {
			final Report v = r.row();
			final String file = r.input().getFileName().toString();
			final Object ib = v.get(ReportField.INPUT_BYTES);
			if (r.failed()) sb.append(String.format(Locale.ROOT, row, file, "", "", "", ib == null ? "" : ib, "",
				"FAILED"));
			else sb.append(String.format(Locale.ROOT, row, file, k, number(r.mse()), Double.isFinite(r.psnr()) ? String
				.format(Locale.ROOT, "%.2f", r.psnr()) : Double.isInfinite(r.psnr()) ? "inf" : "-", ib, v.get(
					ReportField.OUTPUT_BYTES), ""));
		}
		return sb.toString();
	}

	private static String number(final Object o) {
		if (!(o instanceof Double) || !Double.isFinite((Double) o)) return "-";
		return String.format(Locale.ROOT, "%.4g", (Double) o);
	}
}
