package org.kmeansquantize.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.core.FewerEntries;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.imagej.ImagePlusAdapter;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.ErrorDiffusion;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.labelfile.LabelImage;
import org.kmeansquantize.labelfile.LabelPng;
import org.kmeansquantize.labelfile.LabelTiff;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.io.Planes;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.TrainedCodebook;
import org.kmeansquantize.io.RasterFiles;
import org.kmeansquantize.io.TiffFiles;

/**
 * Compression and decompression file to file, what the command line does: compress reads an
 * image, learns a codebook, assigns labels and writes a label PNG ({@link LabelPng}) or label TIFF
 * ({@link LabelTiff}); decompress reads a label file and writes the reconstruction in the original's
 * type, shape and channel layout, as PNG or TIFF. The output format follows the output's
 * extension.
 * <p>
 * Outputs are written through {@link AtomicOutput}: complete or not at all, nothing left behind on
 * failure; a failure while writing (a full disk) says {@code cannot write OUT (reason)}. The
 * input is only read. An output that is the input file, by any path, is refused
 * ({@link AtomicOutput.Inputs}). Every failure is
 * an {@link IOException} (or, for a bad output name, an {@link IllegalArgumentException}) with a
 * one-line message. Stateless and thread-safe (TIFF access is serialised).
 * </p>
 */
public final class FileCodec {

	private FileCodec() {}

	/**
	 * @param in the image: PNG, JPEG or TIFF
	 * @param out the label file: {@code .png} (one plane of 8-bit grey, RGB or RGBA) or
	 *          {@code .tif}/{@code .tiff} (anything)
	 * @param settings the engine's settings
	 * @param progress progress and cancellation
	 * @return what was done and measured
	 * @throws IOException with a one-line message if reading or writing fails, the input is not a
	 *           supported image, the output cannot hold it, or the engine refuses it
	 * @throws IllegalArgumentException if {@code out} has no supported extension
	 * @throws java.util.concurrent.CancellationException if cancelled (no output is left)
	 */
	public static Report compress(final Path in, final Path out, final QuantizeSettings settings,
		final Progress progress) throws IOException
	{
		final long start = System.nanoTime();
		final ImageFiles.Format format = ImageFiles.outputFormat(out);
		final ImageFiles.Format inFormat = ImageFiles.detect(in);
		AtomicOutput.Inputs.of(in).check(out);
		if (inFormat == ImageFiles.Format.TIFF && format == ImageFiles.Format.TIFF && large(in)) return compressLarge(
			in, out, settings, progress, start);
		try (AtomicOutput output = AtomicOutput.create(out, AtomicOutput.Inputs.of(in))) {
			final InputImage image = ImageFiles.read(in);
			final ImageLayout layout = image.layout();
			if (format == ImageFiles.Format.PNG && !layout.fitsIndexedPng()) throw new IOException(
				"a palette PNG holds one plane of 8-bit grey, RGB or RGBA, but " + in + " is " + layout.describe() +
					": use .tif");
			final long read = System.nanoTime();
			// a compressed TIFF whose pixels would not fit is read plane by plane: label it the same way
			final Labelled l = format == ImageFiles.Format.TIFF && image instanceof TiffFiles.TiffImage &&
				((TiffFiles.TiffImage) image).isVirtual() ? labelVirtual(in, ((TiffFiles.TiffImage) image).imagePlus(),
					layout, null, settings, output, progress) : label(in, image, null, settings,
						format == ImageFiles.Format.PNG, output, progress);
			final Report r = compressReport(in, layout, settings, l, output.size(), start, read);
			if (image.note() != null) r.note(r.note() == null ? image.note() : image.note() + "; " + r.note());
			return r;
		}
	}

	/**
	 * The report of a compress. Times: reading until {@code read}, the engine until
	 * {@link Labelled#engineEnd}, writing (for a virtual stack with the assignment) until the end.
	 */
	private static Report compressReport(final Path in, final ImageLayout layout, final QuantizeSettings settings,
		final Labelled l, final long outputBytes, final long start, final long read) throws IOException
	{
		final Report r = report("compress", layout, l.pixels);
		r.put(ReportField.K, settings.colors());
		r.put(ReportField.ENTRIES, l.codebook.size());
		r.put(ReportField.COLORS, l.used);
		final double mse = l.mse();
		r.put(ReportField.MSE, Double.isFinite(mse) ? mse : null);
		final double psnr = l.psnr();
		r.put(ReportField.PSNR, Double.isFinite(psnr) ? psnr : null);
		times(r, read - start, l.engineEnd - read, l.end - l.engineEnd, l.end - start);
		r.put(ReportField.INPUT_BYTES, Files.size(in));
		r.put(ReportField.OUTPUT_BYTES, outputBytes);
		r.note(l.note);
		return r;
	}

	/** What labelling one image into its label file gave. */
	static final class Labelled {

		final Codebook codebook;
		/** Entries used by some pixel. */
		final int used;
		final long pixels;
		/** Sum of squared errors over the finite values, and their number. */
		final double sse;
		final long samples;
		/** What the PSNR's peak depends on ({@link Psnr}). */
		final Psnr.Extent extent;
		/** Why the codebook has fewer entries than asked for, or null. */
		final String note;
		/** When the engine was done (for a virtual stack: training; labels are assigned as written). */
		final long engineEnd;
		/** When the label file was written and committed. */
		final long end;

		private Labelled(final Codebook codebook, final int used, final long pixels, final double sse,
			final long samples, final Psnr.Extent extent, final String note, final long engineEnd)
		{
			this.extent = extent;
			this.codebook = codebook;
			this.used = used;
			this.pixels = pixels;
			this.sse = sse;
			this.samples = samples;
			this.note = note;
			this.engineEnd = engineEnd;
			this.end = System.nanoTime();
		}

		double mse() {
			return samples == 0 ? Double.NaN : sse / samples;
		}

		double psnr() {
			return Psnr.of(mse(), extent.peak());
		}
	}

	/**
	 * Labels an image held in memory and writes its label file to {@code output}, committed.
	 *
	 * @param in the input, for messages
	 * @param codebook the codebook to label with, or null to learn one with {@code settings}
	 * @param png whether to write a label PNG (else a label TIFF)
	 */
	static Labelled label(final Path in, final InputImage image, final Codebook codebook,
		final QuantizeSettings settings, final boolean png, final AtomicOutput output, final Progress progress)
		throws IOException
	{
		final PixelSource pixels = image.pixels();
		final Codebook cb;
		final LabelImage labels;
		final Assignment assignment;
		try {
			final TrainedCodebook trained = codebook != null ? null : KMeansQuantizer.learn(settings, pixels, null,
				progress);
			cb = trained != null ? trained.codebook() : codebook;
			labels = LabelImage.allocate(image.layout(), cb);
			final boolean lab = settings != null && settings.space() == ColourSpace.LAB;
			final boolean dither = settings != null && settings.dither();
			if (lab) assignment = KMeansQuantizer.assign(cb, pixels, labels.labels(), ColourSpace.LAB, progress);
			else if (trained != null && !dither) assignment = trained.assign(labels.labels(), progress);
			else assignment = ErrorDiffusion.label(dither, cb, pixels, labels.labels(), progress);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(in + ": " + e.getMessage());
		}
		final String note = codebook != null ? null : FewerEntries.note(cb, settings.colors(), pixels, null);
		final Psnr.Extent extent = Psnr.extent(pixels, progress);
		final long engine = System.nanoTime();
		if (png) output.writeStream(s -> LabelPng.write(labels, s));
		else output.writeFile(file -> LabelTiff.write(labels, image, file));
		output.commit();
		return new Labelled(cb, assignment.usedLabels(), pixels.size(), assignment.sumSquaredError(), assignment
			.finiteSamples(), extent, note, engine);
	}

	/**
	 * Labels a TIFF read plane by plane and writes its label TIFF to {@code output}, committed:
	 * training streams over the planes, label planes are computed while they are written.
	 *
	 * @param in the input, for messages
	 * @param input the input as a virtual stack
	 * @param codebook the codebook to label with, or null to learn one with {@code settings}
	 */
	static Labelled labelVirtual(final Path in, final ImagePlus input, final ImageLayout layout,
		final Codebook codebook, final QuantizeSettings settings, final AtomicOutput output,
		final Progress progress) throws IOException
	{
		final PixelSource pixels = ImagePlusPixels.pixels(input);
		final Codebook cb;
		try {
			cb = codebook != null ? codebook : KMeansQuantizer.train(settings, pixels, null, progress);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(in + ": " + e.getMessage());
		}
		final String note = codebook != null ? null : FewerEntries.note(cb, settings.colors(), pixels, null);
		final long trained = System.nanoTime();
		final ImagePlus labels = ImagePlusAdapter.lazyLabelImage(input, cb, "labels", settings != null &&
			settings.dither(), settings == null ? ColourSpace.RGB : settings.space());
		if (labels.getNSlices() > 1 && labels.getNFrames() > 1) labels.setOpenAsHyperStack(true);
		labels.setProperty("Info", layout.format() + CodebookFormat.format(cb));
		output.writeFile(file -> LabelTiff.writeImage(labels, file));
		output.commit();
		final ImagePlusAdapter.LabelStack stack = (ImagePlusAdapter.LabelStack) labels.getStack();
		int used = 0;
		for (final long c : stack.counts())
			if (c > 0) used++;
		// the label stack keeps the mean error over all values but the non-finite pixels'
		final long nonFinite = cb.hasNonFiniteEntry() ? stack.counts()[cb.nonFiniteLabel()] : 0;
		final long samples = (pixels.size() - nonFinite) * pixels.channels();
		return new Labelled(cb, used, pixels.size(), stack.mse() * samples, samples, Psnr.extent(pixels, progress),
			note, trained);
	}

	/**
	 * @param in a label file written by {@link #compress}
	 * @param out the reconstruction: {@code .png} (for images a PNG holds: one plane of 8- or 16-bit
	 *          grey, RGB or RGBA) or {@code .tif}/{@code .tiff} (anything but RGBA, as ImageJ TIFFs
	 *          have no alpha)
	 * @param progress progress and cancellation
	 * @return what was done and measured; mse and psnr are unknown without the original
	 * @throws IOException with a one-line message if reading or writing fails, the input is not a
	 *           label file, or the output format cannot hold the image
	 * @throws IllegalArgumentException if {@code out} has no supported extension
	 * @throws java.util.concurrent.CancellationException if cancelled (no output is left)
	 */
	public static Report decompress(final Path in, final Path out, final Progress progress) throws IOException {
		final long start = System.nanoTime();
		final ImageFiles.Format format = ImageFiles.outputFormat(out);
		final ImageFiles.Format inFormat = ImageFiles.detect(in);
		if (inFormat == ImageFiles.Format.JPEG) throw new IOException(in +
			" is a JPEG file, not a k-means label file (.png or .tif written by compress)");
		AtomicOutput.Inputs.of(in).check(out);
		if (inFormat == ImageFiles.Format.TIFF && format == ImageFiles.Format.TIFF && (large(in) ||
			reconstructionBytes(in) > Runtime.getRuntime().maxMemory() / 3)) return decompressLarge(in, out, progress,
				start);
		try (AtomicOutput output = AtomicOutput.create(out, AtomicOutput.Inputs.of(in))) {
			final LabelImage labels;
			try {
				labels = inFormat == ImageFiles.Format.PNG ? LabelPng.read(Files.readAllBytes(in)) : LabelTiff.read(in,
					Files.size(in));
			}
			catch (final IOException e) {
				throw new IOException(in + ": " + e.getMessage());
			}
			final ImageLayout layout = labels.layout();
			if (format == ImageFiles.Format.PNG && layout.pngColorType() < 0) throw new IOException(
				"a PNG cannot hold the reconstruction of " + in + " (" + layout.describe() + "): use .tif");
			if (format == ImageFiles.Format.TIFF && layout.type() == ImageLayout.Type.RGBA) throw new IOException(
				"ImageJ TIFFs have no alpha channel: reconstruct " + in + " (RGBA) as .png");
			final long read = System.nanoTime();
			final Planes target = Planes.allocate(layout);
			try {
				KMeansQuantizer.reconstruct(labels.codebook(), labels.labels(), target.pixels(), progress);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(in + ": corrupt label file (" + e.getMessage() + ")");
			}
			final long engine = System.nanoTime();
			if (format == ImageFiles.Format.PNG) output.writeStream(s -> RasterFiles.writePng(target, s));
			else output.writeFile(file -> TiffFiles.write(TiffFiles.imagePlus(target, out.getFileName().toString()),
				file));
			output.commit();
			final long end = System.nanoTime();
			final Report r = report("decompress", layout, (long) layout.width() * layout.height() * layout
				.labelPlanes());
			r.put(ReportField.ENTRIES, labels.codebook().size());
			r.put(ReportField.COLORS, labels.usedLabels());
			times(r, read - start, engine - read, end - engine, end - start);
			r.put(ReportField.INPUT_BYTES, Files.size(in));
			r.put(ReportField.OUTPUT_BYTES, output.size());
			return r;
		}
	}

	/**
	 * @param file an input file
	 * @return whether it is too large to hold in memory beside its labels: more than a third of the
	 *         heap; such TIFFs are read, quantized and written plane by plane
	 * @throws IOException if its size cannot be read
	 */
	static boolean large(final Path file) throws IOException {
		return Files.size(file) > Runtime.getRuntime().maxMemory() / 3;
	}

	/**
	 * @param labelTiff a label TIFF
	 * @return the size in bytes of the image it stands for, from its layout block; 0 if it has none
	 *         (then the normal path reports what is wrong)
	 */
	private static long reconstructionBytes(final Path labelTiff) {
		try {
			final String info = TiffFiles.openVirtual(labelTiff, Files.size(labelTiff)).getInfoProperty();
			if (info == null || !info.contains(ImageLayout.MAGIC)) return 0;
			final ImageLayout l = ImageLayout.parse(info);
			final int bytes = l.type() == ImageLayout.Type.RGB || l.type() == ImageLayout.Type.RGBA ? 4 : l.type()
				.bits() / 8;
			return (long) l.width() * l.height() * l.planes() * bytes;
		}
		catch (final IOException | IllegalArgumentException e) {
			return 0;
		}
	}

	/**
	 * Compress for TIFFs larger than memory: the input is read plane by plane as a virtual stack,
	 * training streams over it, and label planes are computed while the label TIFF is written.
	 */
	private static Report compressLarge(final Path in, final Path out, final QuantizeSettings settings,
		final Progress progress, final long start) throws IOException
	{
		try (AtomicOutput output = AtomicOutput.create(out, AtomicOutput.Inputs.of(in))) {
			final ImagePlus input = TiffFiles.openVirtual(in, Files.size(in));
			final ImageLayout layout = TiffFiles.layout(input);
			final long read = System.nanoTime();
			final Labelled l = labelVirtual(in, input, layout, null, settings, output, progress);
			return compressReport(in, layout, settings, l, output.size(), start, read);
		}
	}

	/**
	 * Decompress for label TIFFs larger than memory: labels are read plane by plane and the
	 * reconstruction's planes computed while it is written.
	 */
	private static Report decompressLarge(final Path in, final Path out, final Progress progress, final long start)
		throws IOException
	{
		try (AtomicOutput output = AtomicOutput.create(out, AtomicOutput.Inputs.of(in))) {
			final ImagePlus labels = TiffFiles.openVirtual(in, Files.size(in));
			final String info = labels.getInfoProperty();
			if (labels.getBitDepth() != 8 || info == null || !info.contains(ImageLayout.MAGIC)) throw new IOException(
				in + ": not a k-means label TIFF (no k-means layout in its ImageJ Info: it was not written by compress)");
			final ImageLayout layout;
			final Codebook codebook;
			try {
				layout = ImageLayout.parse(info);
				codebook = CodebookFormat.parse(info);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(in + ": corrupt k-means label TIFF (" + e.getMessage() + ")");
			}
			if (layout.type() == ImageLayout.Type.RGBA) throw new IOException(
				"ImageJ TIFFs have no alpha channel: reconstruct " + in + " (RGBA) as .png");
			if (layout.width() != labels.getWidth() || layout.height() != labels.getHeight() || layout
				.labelPlanes() != labels.getStackSize()) throw new IOException(in +
					": corrupt k-means label TIFF (its layout does not match its planes)");
			final long read = System.nanoTime();
			final boolean rgb = layout.type() == ImageLayout.Type.RGB;
			final ij.ImageStack stack = ImagePlusAdapter.lazyReconstruction(labels, codebook, rgb, layout.type()
				.bits());
			final ImagePlus image = TiffFiles.hyperstack(out.getFileName().toString(), stack, rgb ? 1 : layout
				.channels(), layout.slices(), layout.frames(), layout.mode());
			try {
				output.writeFile(file -> TiffFiles.write(image, file));
			}
			catch (final IllegalArgumentException e) {
				// the planes are reconstructed while they are written: a bad label shows up only now
				throw new IOException(in + ": corrupt label file (" + e.getMessage() + ")");
			}
			output.commit();
			final long end = System.nanoTime();
			final Report r = report("decompress", layout, (long) layout.width() * layout.height() * layout
				.labelPlanes());
			r.put(ReportField.ENTRIES, codebook.size());
			times(r, read - start, 0, end - read, end - start);
			r.put(ReportField.INPUT_BYTES, Files.size(in));
			r.put(ReportField.OUTPUT_BYTES, output.size());
			return r;
		}
	}

	/** @return a {@link ReportSchema#FILE} report with the command and the image's shape */
	private static Report report(final String command, final ImageLayout layout, final long pixels) {
		return new Report(ReportSchema.FILE).put(ReportField.COMMAND, command).put(ReportField.TYPE, layout.type()
			.key()).put(ReportField.CHANNELS, layout.valuesPerPixel()).put(ReportField.WIDTH, layout.width()).put(
				ReportField.HEIGHT, layout.height()).put(ReportField.SLICES, layout.slices()).put(ReportField.FRAMES,
					layout.frames()).put(ReportField.PIXELS, pixels);
	}

	private static void times(final Report r, final long readNanos, final long engineNanos, final long writeNanos,
		final long totalNanos)
	{
		r.put(ReportField.SECONDS, engineNanos / 1e9);
		r.put(ReportField.READ_SECONDS, readNanos / 1e9);
		r.put(ReportField.WRITE_SECONDS, writeNanos / 1e9);
		r.put(ReportField.TOTAL_SECONDS, totalNanos / 1e9);
	}
}
