package org.kmeansquantize.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.ImagePlus;

import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SharedTraining;
import org.kmeansquantize.io.TiffFiles;

/**
 * Compression of many files into one output folder, one file at a time: each with its own
 * codebook, or all with one shared codebook ({@link #trainShared}, built on
 * {@link SharedTraining}). The label file of input {@code NAME.EXT} is {@code OUTDIR/NAME.png} or
 * {@code OUTDIR/NAME.tif} ({@link OutputFormat}); it is written through {@link AtomicOutput}
 * (complete or absent), never onto an input, never twice in one run. A file that cannot be read or
 * written gives a failed {@link FileResult}; the others go on. Stateless and thread-safe.
 */
public final class FolderCodec {

	private FolderCodec() {}

	/** Which label file each input gets. */
	public enum OutputFormat {
		/**
		 * {@code .png} for PNG and JPEG inputs that a palette PNG holds (one plane of 8-bit grey,
		 * grey+alpha, RGB or RGBA), {@code .tif} for everything else.
		 */
		AUTO,
		/** {@code .png} for every input; inputs a palette PNG cannot hold fail. */
		PNG,
		/** {@code .tif} for every input. */
		TIFF;

		/**
		 * @param s {@code auto}, {@code png}, {@code tif} or {@code tiff}
		 * @return the format
		 * @throws IllegalArgumentException for anything else
		 */
		public static OutputFormat parse(final String s) {
			switch (s.toLowerCase(Locale.ROOT)) {
				case "auto":
					return AUTO;
				case "png":
					return PNG;
				case "tif":
				case "tiff":
					return TIFF;
				default:
					throw new IllegalArgumentException("format must be auto, png or tif, not '" + s + "'");
			}
		}
	}

	/** What one input gave: its output and measures, or why it failed. Immutable once returned. */
	public static final class FileResult {

		private final Path input;
		private final Path output;
		private final String error;
		private final Report row = new Report(ReportSchema.SUMMARY_ROW);
		private final double sse;
		private final long samples;
		private final Psnr.Extent extent;
		private final String note;

		private FileResult(final Path input, final Path output, final String error, final int k, final double sse,
			final long samples, final Psnr.Extent extent, final String note)
		{
			this.input = input;
			this.output = output;
			this.error = error;
			this.sse = sse;
			this.samples = samples;
			this.extent = extent;
			this.note = note;
			row.put(ReportField.FILE, input.toString()).put(ReportField.OUTPUT, output == null ? null : output.toString())
				.put(ReportField.STATUS, error == null ? "ok" : "failed").put(ReportField.K, k).put(ReportField.ERROR,
					error);
			if (error == null) {
				row.put(ReportField.MSE, mse());
				row.put(ReportField.PSNR, psnr());
			}
		}

		static FileResult failed(final Path input, final int k, final String error, final long inputBytes) {
			final FileResult r = new FileResult(input, null, error, k, 0, 0, Psnr.Extent.NONE, null);
			r.row.put(ReportField.INPUT_BYTES, inputBytes < 0 ? null : inputBytes);
			return r;
		}

		/** @return the input file */
		public Path input() {
			return input;
		}

		/** @return the label file written, or null if this input failed */
		public Path output() {
			return output;
		}

		/** @return whether this input failed */
		public boolean failed() {
			return error != null;
		}

		/** @return why it failed (one line), or null */
		public String error() {
			return error;
		}

		/**
		 * @return a note such as {@code the image has only 3 distinct values; 3 of 16 entries used},
		 *         or null
		 */
		public String note() {
			return note;
		}

		/**
		 * @return its {@code summary.csv} row ({@link ReportSchema#SUMMARY_ROW}); a failed input has
		 *         file, status, k, input_bytes and error only. Not to be modified.
		 */
		public Report row() {
			return row;
		}

		/** @return sum of squared errors over finite values, in input units squared */
		public double sumSquaredError() {
			return sse;
		}

		/** @return number of values (finite pixels times channels) in {@link #sumSquaredError()} */
		public long finiteSamples() {
			return samples;
		}

		/** @return mean squared error per value, or NaN */
		public double mse() {
			return samples == 0 ? Double.NaN : sse / samples;
		}

		/** @return what the PSNR's peak of this image depends on; {@link Psnr.Extent#NONE} if it failed */
		public Psnr.Extent extent() {
			return extent;
		}

		/** @return {@link Psnr#of} of this file: infinite for an exact result, NaN where undefined */
		public double psnr() {
			return Psnr.of(mse(), extent.peak());
		}
	}

	/** The shared codebook and what it found out about the inputs while it was learned. */
	public static final class Shared {

		private final Codebook codebook;
		private final Map<Path, InputImage> held;
		private final Map<Path, String> failed;

		Shared(final Codebook codebook, final Map<Path, InputImage> held, final Map<Path, String> failed) {
			this.codebook = codebook;
			this.held = held;
			this.failed = failed;
		}

		/**
		 * A shared codebook learned elsewhere (by a Spark job's driver), for {@link #compress}: every
		 * input is read when it is compressed.
		 *
		 * @param codebook the codebook
		 * @return the codebook, with no input held in memory and none known to have failed
		 */
		public static Shared of(final Codebook codebook) {
			return new Shared(codebook, new HashMap<>(), new HashMap<>());
		}

		/** @return the codebook learned on all readable inputs */
		public Codebook codebook() {
			return codebook;
		}

		/**
		 * @param input an input
		 * @return why it could not be read (it took no part in training), or null
		 */
		public String failure(final Path input) {
			return failed.get(input);
		}

		synchronized InputImage take(final Path input) {
			return held.remove(input);
		}
	}

	/**
	 * Learns one codebook from all inputs that can be read ({@link SharedTraining#train}; parts are
	 * the planes of the readable inputs in the given order). Inputs that cannot be read are left out
	 * and named in the result. Decoded images are kept in memory between passes while they take
	 * less than a quarter of the heap; the others are read again on every pass.
	 *
	 * @param inputs the input files, in order (sorted by name)
	 * @param settings the settings
	 * @param progress progress and cancellation
	 * @return the codebook and the inputs left out
	 * @throws IOException with a one-line message if no input can be read, the readable inputs differ
	 *           in pixel type or channel count, or the engine refuses them (no finite pixel)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Shared trainShared(final List<Path> inputs, final QuantizeSettings settings,
		final Progress progress) throws IOException
	{
		final Map<Path, InputImage> held = new HashMap<>();
		final Map<Path, String> failed = new HashMap<>();
		final List<SharedTraining.Image> images = new ArrayList<>();
		long budget = Runtime.getRuntime().maxMemory() / 4;
		ImageLayout first = null;
		Path firstPath = null;
		for (final Path in : inputs) {
			progress.checkCanceled();
			final InputImage image;
			try {
				image = open(in);
			}
			catch (final IOException e) {
				failed.put(in, e.getMessage());
				continue;
			}
			final ImageLayout layout = image.layout();
			if (first == null) {
				first = layout;
				firstPath = in;
			}
			else if (layout.type() != first.type() || layout.valuesPerPixel() != first.valuesPerPixel())
				throw new IOException("a shared codebook needs images of one type and channel count, but " + in + " is " +
					layout.describe() + " and " + firstPath + " " + first.describe());
			final long bytes = bytes(layout);
			final boolean keep = !isVirtual(image) && bytes <= budget;
			if (keep) {
				budget -= bytes;
				held.put(in, image);
			}
			images.add(new SharedTraining.Image() {

				@Override
				public long[] pixelDimensions() {
					return layout.pixelDimensions();
				}

				@Override
				public PixelSource open() {
					if (keep) return image.pixels();
					try {
						return FolderCodec.open(in).pixels();
					}
					catch (final IOException e) {
						throw new UncheckedIOException(e);
					}
				}
			});
		}
		if (images.isEmpty()) throw new IOException("none of the " + inputs.size() + " input files can be read");
		final Codebook codebook;
		try {
			codebook = SharedTraining.train(settings, images, progress);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage());
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
		return new Shared(codebook, held, failed);
	}

	/**
	 * Compresses one input into the output folder.
	 *
	 * @param in the input file
	 * @param outDir the output folder (must exist)
	 * @param format which label file to write
	 * @param settings the settings (with a shared codebook: only colors, for the report)
	 * @param shared the shared codebook, or null to learn one for this input
	 * @param inputs every input of the run: never written
	 * @param written outputs already written in this run (absolute, normalised); the output is added
	 * @param progress progress and cancellation
	 * @return what was done, or why it failed
	 * @throws java.util.concurrent.CancellationException if cancelled (no output is left)
	 */
	public static FileResult compress(final Path in, final Path outDir, final OutputFormat format,
		final QuantizeSettings settings, final Shared shared, final AtomicOutput.Inputs inputs, final Set<Path> written,
		final Progress progress)
	{
		final long start = System.nanoTime();
		long inBytes = -1;
		try {
			inBytes = Files.size(in);
			if (shared != null && shared.failure(in) != null) return FileResult.failed(in, settings.colors(), shared.failure(in), inBytes);
			InputImage image = shared == null ? null : shared.take(in);
			if (image == null) image = open(in);
			final ImageLayout layout = image.layout();
			final boolean png = format == OutputFormat.PNG || format == OutputFormat.AUTO && !"tiff".equals(layout
				.source()) && layout.fitsIndexedPng();
			if (png && !layout.fitsIndexedPng()) throw new IOException("a palette PNG holds one plane of 8-bit grey, " +
				"RGB or RGBA, but " + in + " is " + layout.describe() + ": use --format tif");
			final String name = in.getFileName().toString();
			final int dot = name.lastIndexOf('.');
			final Path out = outDir.resolve((dot > 0 ? name.substring(0, dot) : name) + (png ? ".png" : ".tif"));
			final Path key = out.toAbsolutePath().normalize();
			inputs.check(out);
			synchronized (written) {
				if (!written.add(key)) throw new IOException("its output " + out +
					" is the output of another input of the same name; rename one of them");
			}
			if (isVirtual(image) && !png) return compressVirtual(in, out, (TiffFiles.TiffImage) image, settings, shared,
				inputs, progress, start, inBytes);
			return compressHeld(in, out, png, image, settings, shared, inputs, progress, start, inBytes);
		}
		catch (final IOException e) {
			return FileResult.failed(in, settings.colors(), e.getMessage(), inBytes);
		}
		catch (final OutOfMemoryError e) {
			return FileResult.failed(in, settings.colors(), in + ": not enough memory for this image", inBytes);
		}
		catch (final java.util.concurrent.CancellationException e) {
			throw e;
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			return FileResult.failed(in, settings.colors(), in + ": " + e.getMessage(), inBytes);
		}
		catch (final RuntimeException e) {
			return FileResult.failed(in, settings.colors(), in +
				": cannot be processed: an internal error (please report it with this file)",
				inBytes);
		}
	}

	private static FileResult compressHeld(final Path in, final Path out, final boolean png, final InputImage image,
		final QuantizeSettings settings, final Shared shared, final AtomicOutput.Inputs inputs,
		final Progress progress, final long start, final long inBytes) throws IOException
	{
		try (AtomicOutput output = AtomicOutput.create(out, inputs)) {
			final FileCodec.Labelled l = FileCodec.label(in, image, shared == null ? null : shared.codebook(), settings,
				png, output, progress);
			return result(in, out, image.layout(), l, settings.colors(), inBytes, output.size(), start);
		}
	}

	/** A TIFF larger than memory: read plane by plane, labels computed while they are written. */
	private static FileResult compressVirtual(final Path in, final Path out, final TiffFiles.TiffImage image,
		final QuantizeSettings settings, final Shared shared, final AtomicOutput.Inputs inputs,
		final Progress progress, final long start, final long inBytes) throws IOException
	{
		try (AtomicOutput output = AtomicOutput.create(out, inputs)) {
			final FileCodec.Labelled l = FileCodec.labelVirtual(in, image.imagePlus(), image.layout(), shared == null ? null
				: shared.codebook(), settings, output, progress);
			return result(in, out, image.layout(), l, settings.colors(), inBytes, output.size(), start);
		}
	}

	private static FileResult result(final Path in, final Path out, final ImageLayout layout,
		final FileCodec.Labelled l, final int k, final long inBytes, final long outBytes, final long start)
	{
		final FileResult r = new FileResult(in, out, null, k, l.sse, l.samples, l.extent, l.note);
		r.row.put(ReportField.TYPE, layout.type().key()).put(ReportField.ENTRIES, l.codebook.size()).put(
			ReportField.COLORS, l.used).put(ReportField.PIXELS, l.pixels).put(ReportField.INPUT_BYTES, inBytes).put(
				ReportField.OUTPUT_BYTES, outBytes).put(ReportField.SECONDS, (System.nanoTime() - start) / 1e9);
		return r;
	}

	/** Estimated bytes of an image's pixels in memory. */
	private static long bytes(final ImageLayout l) {
		final int b = l.type().isColor() ? 4 : l.type().bits() / 8;
		return (long) l.width() * l.height() * l.planes() * b;
	}

	private static boolean isVirtual(final InputImage image) {
		return image instanceof TiffFiles.TiffImage && ((TiffFiles.TiffImage) image).isVirtual();
	}

	/**
	 * @param in an input file
	 * @return the image: held in memory, or for a TIFF larger than a third of the heap, a virtual
	 *         stack read plane by plane
	 */
	static InputImage open(final Path in) throws IOException {
		if (ImageFiles.detect(in) == ImageFiles.Format.TIFF && FileCodec.large(in)) {
			try {
				final ImagePlus imp = TiffFiles.openVirtual(in, Files.size(in));
				return new TiffFiles.TiffImage(imp, TiffFiles.layout(imp));
			}
			catch (final IOException e) {
				throw new IOException(in + ": " + e.getMessage());
			}
		}
		return ImageFiles.read(in);
	}
}
