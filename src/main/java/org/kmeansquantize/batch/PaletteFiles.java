package org.kmeansquantize.batch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.TiffFiles;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.labelfile.LabelImage;
import org.kmeansquantize.labelfile.LabelPng;
import org.kmeansquantize.labelfile.LabelTiff;
import org.kmeansquantize.render.PaletteImage;

/**
 * The palette of a label file or codebook file, as a PNG: what {@code kmeans-quantize palette} does.
 * A label file (label PNG or label TIFF from compress) gives its codebook and the pixel shares
 * counted in its labels; a codebook text file (the {@link CodebookFormat} block, as the plugin
 * saves it) gives its codebook and the shares of its entries' counts. Stateless.
 */
public final class PaletteFiles {

	private PaletteFiles() {}

	/** A codebook with what a palette shows of it. */
	public static final class Palette {

		private final Codebook codebook;
		private final long[] counts;
		private final int[] colours;
		private final boolean values;

		/**
		 * @param codebook the codebook
		 * @param counts pixels per label (copied)
		 * @param colours {@code 0xRRGGBB} per entry (copied)
		 * @param values whether to write channel values (not packed colour)
		 */
		public Palette(final Codebook codebook, final long[] counts, final int[] colours, final boolean values) {
			this.codebook = codebook;
			this.counts = counts.clone();
			this.colours = colours.clone();
			this.values = values;
		}

		/** @return the palette drawn by {@link PaletteImage#render} */
		public BufferedImage render() {
			return PaletteImage.render(codebook, counts, colours, values);
		}

		/** @return the codebook */
		public Codebook codebook() {
			return codebook;
		}

		/** @return pixels per label, a copy */
		public long[] counts() {
			return counts.clone();
		}
	}

	/**
	 * @param in a label PNG, label TIFF or codebook text file
	 * @return its palette
	 * @throws IOException naming the file if it cannot be read or is none of these
	 */
	public static Palette read(final Path in) throws IOException {
		try {
			return readChecked(in);
		}
		catch (final OutOfMemoryError e) {
			// the failed allocation is this read's own: nothing else is left half done
			throw new IOException(in + ": not enough memory to read it (Java may use " + Runtime.getRuntime()
				.maxMemory() / (1 << 20) + " MiB); give it more, e.g. java -Xmx8g -jar ...");
		}
	}

	private static Palette readChecked(final Path in) throws IOException {
		if (isCodebookText(in)) {
			final Codebook cb;
			try {
				cb = CodebookFormat.parse(new String(Files.readAllBytes(in), StandardCharsets.US_ASCII));
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(in + ": corrupt codebook file (" + e.getMessage() + ")");
			}
			final long[] counts = new long[cb.size()];
			for (int i = 0; i < counts.length; i++)
				counts[i] = cb.count(i);
			return new Palette(cb, counts, PaletteImage.colours(cb, false), true);
		}
		final ImageFiles.Format format = ImageFiles.detect(in);
		if (format == ImageFiles.Format.TIFF && FileCodec.large(in)) return readLarge(in);
		final LabelImage labels;
		try {
			if (format == ImageFiles.Format.PNG) labels = LabelPng.read(Files.readAllBytes(in));
			else if (format == ImageFiles.Format.TIFF) labels = LabelTiff.read(in, Files.size(in));
			else throw new IOException("a JPEG file, not a k-means label file (.png or .tif written by compress)");
		}
		catch (final IOException e) {
			throw new IOException(in + ": " + e.getMessage());
		}
		final Codebook cb = labels.codebook();
		final long[] counts = new long[cb.size()];
		for (int p = 0; p < labels.planeCount(); p++)
			count(in, labels.plane(p), counts);
		final boolean packed = labels.layout().type().isColor();
		return new Palette(cb, counts, PaletteImage.colours(cb, packed), !packed);
	}

	/** Adds a plane's labels to the counts; refuses labels the codebook lacks, as decompress does. */
	private static void count(final Path in, final byte[] plane, final long[] counts) throws IOException {
		for (final byte b : plane) {
			final int j = b & 0xff;
			if (j >= counts.length) throw new IOException(in + ": corrupt label file (label " + j +
				" but the codebook has " + counts.length + " entries)");
			counts[j]++;
		}
	}

	/** A label TIFF larger than a third of the heap: its labels are counted plane by plane. */
	private static Palette readLarge(final Path in) throws IOException {
		final ImagePlus labels;
		final ImageLayout layout;
		final Codebook cb;
		try {
			labels = TiffFiles.openVirtual(in, Files.size(in));
			final String info = labels.getInfoProperty();
			if (labels.getBitDepth() != 8 || info == null || !info.contains(ImageLayout.MAGIC)) throw new IOException(
				"not a k-means label TIFF (no k-means layout in its ImageJ Info: it was not written by compress)");
			if (info.length() > CodebookFormat.MAX_TEXT) throw new IOException("corrupt k-means label TIFF (its " +
				"metadata has more than " + CodebookFormat.MAX_TEXT + " characters)");
			layout = ImageLayout.parse(info);
			cb = CodebookFormat.parse(info);
		}
		catch (final IOException | IllegalArgumentException e) {
			throw new IOException(in + ": " + e.getMessage());
		}
		final long[] counts = new long[cb.size()];
		final ImageStack stack = labels.getStack();
		for (int p = 1; p <= stack.getSize(); p++)
			count(in, (byte[]) stack.getPixels(p), counts);
		final boolean packed = layout.type().isColor();
		return new Palette(cb, counts, PaletteImage.colours(cb, packed), !packed);
	}

	/** @return whether the file is text holding a codebook block (a label file's binary header is not) */
	private static boolean isCodebookText(final Path in) throws IOException {
		if (!Files.isRegularFile(in) || Files.size(in) > 1 << 20) return false;
		final String text = new String(Files.readAllBytes(in), StandardCharsets.ISO_8859_1);
		if (text.startsWith("\u0089PNG") || text.startsWith("II*") || text.startsWith("MM\u0000*") || text
			.startsWith("\u00ff\u00d8")) return false;
		return text.contains(CodebookFormat.MAGIC);
	}
}
