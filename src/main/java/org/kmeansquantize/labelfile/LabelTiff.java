package org.kmeansquantize.labelfile;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.LUT;

import org.kmeansquantize.io.BigTiffWriter;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.io.TiffFiles;

/**
 * The label TIFF: an 8-bit ImageJ TIFF of labels, one plane per slice and frame of the original
 * (ImageJ's slices and frames kept), whose LUT shows the codebook's colours and whose ImageJ
 * "Info" property holds the {@linkplain LabelImage#metadata() layout and full-precision
 * codebook}. It holds any image the engine takes: 8-, 16-, 32-bit, RGB, RGBA, any number of
 * channels, stacks and hyperstacks. Written with ImageJ's {@code FileSaver}, or as a BigTIFF when
 * it would pass 4 GB; opened by ImageJ (classic TIFF) and Fiji as a palette (LUT) image with
 * indices unchanged, and read back by ImageJ or, for BigTIFF, by the TIFF plane reader. Stateless; calls are serialised by
 * ImageJ's file access.
 */
public final class LabelTiff {

	/**
	 * Label files estimated above this many bytes are written as BigTIFF: a classic TIFF addresses
	 * 4 GB. Lowered by tests, so that they write a small BigTIFF.
	 */
	static long bigTiffThreshold = 0xffffffffL;

	private LabelTiff() {}

	/**
	 * Writes an 8-bit label image (held, or a virtual stack whose planes are computed as they are
	 * written) with ImageJ's {@code FileSaver}, or, when the file would pass 4 GB, as a BigTIFF of
	 * the same planes, LUT, calibration and Info ({@link BigTiffWriter}); both plane by plane.
	 *
	 * @param labels the label image, its LUT, calibration and "Info" property set
	 * @param file where to write; overwritten
	 * @throws IOException if writing fails; its message is the reason alone
	 * @throws IllegalArgumentException unchanged, if a virtual stack refuses a plane
	 */
	public static void writeImage(final ImagePlus labels, final Path file) throws IOException {
		final long n = labels.getStackSize();
		final String info = labels.getInfoProperty();
		final long estimate = (long) labels.getWidth() * labels.getHeight() * n + n * 1024 + (info == null ? 0 : 2L *
			info.length()) + (1 << 16);
		if (estimate > bigTiffThreshold) BigTiffWriter.write(labels, file);
		else TiffFiles.write(labels, file);
	}

	/**
	 * @param labels the labels
	 * @param source the quantized image: for a TIFF, its display ranges and LUTs colour the LUT (as
	 *          the plugin's label image) and its calibration is kept; otherwise the codebook's
	 *          colours are the LUT
	 * @param file where to write; overwritten
	 * @throws IOException if writing fails
	 */
	public static void write(final LabelImage labels, final InputImage source, final Path file) throws IOException {
		final ImageLayout l = labels.layout();
		final ImageStack stack = new ImageStack(l.width(), l.height());
		for (int i = 0; i < labels.planeCount(); i++)
			stack.addSlice(null, labels.plane(i));
		final long[] dims = l.pixelDimensions();
		final ImagePlus imp = TiffFiles.hyperstack("labels", stack, 1, (int) dims[2], (int) dims[3], "none");
		if (source instanceof TiffFiles.TiffImage) {
			final ImagePlus input = ((TiffFiles.TiffImage) source).imagePlus();
			CodebookLut.applyLut(imp, labels.codebook(), input);
			imp.setCalibration(input.getCalibration().copy());
		}
		else {
			final byte[][] c = labels.colours();
			final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
			System.arraycopy(c[0], 0, r, 0, c[0].length);
			System.arraycopy(c[1], 0, g, 0, c[1].length);
			System.arraycopy(c[2], 0, b, 0, c[2].length);
			imp.getProcessor().setLut(new LUT(r, g, b));
			imp.getStack().setColorModel(imp.getProcessor().getColorModel());
			imp.setDisplayRange(0, 255);
		}
		imp.setProperty("Info", labels.metadata());
		writeImage(imp, file);
	}

	/**
	 * @param file a label TIFF
	 * @param length its size in bytes
	 * @return its labels, layout and codebook
	 * @throws IOException if it cannot be read or is not a label TIFF
	 */
	public static LabelImage read(final Path file, final long length) throws IOException {
		final ImagePlus imp = TiffFiles.open(file, length);
		if (imp.getBitDepth() != 8 || imp.getType() == ImagePlus.COLOR_RGB) throw new IOException(
			"not a k-means label TIFF (it is " + imp.getBitDepth() + "-bit, labels are 8-bit)");
		final String info = imp.getInfoProperty();
		if (info == null || !info.contains(ImageLayout.MAGIC)) throw new IOException(
			"not a k-means label TIFF (no k-means layout in its ImageJ Info: it was not written by compress)");
		if (info.length() > CodebookFormat.MAX_TEXT) throw new IOException("corrupt k-means label TIFF (its " +
			"metadata has " + info.length() + " characters, more than the " + CodebookFormat.MAX_TEXT + " allowed)");
		final ImageStack stack = imp.getStack();
		final byte[][] planes = new byte[stack.getSize()][];
		for (int i = 0; i < planes.length; i++)
			planes[i] = (byte[]) stack.getPixels(i + 1);
		try {
			final LabelImage labels = LabelImage.of(info, planes);
			final ImageLayout l = labels.layout();
			if (l.width() != imp.getWidth() || l.height() != imp.getHeight()) throw new IOException(
				"corrupt k-means label TIFF (its layout says " + l.width() + "x" + l.height() + " but the image is " +
					imp.getWidth() + "x" + imp.getHeight() + ")");
			return labels;
		}
		catch (final IllegalArgumentException e) {
			throw new IOException("corrupt k-means label TIFF (" + e.getMessage() + ")");
		}
	}
}
