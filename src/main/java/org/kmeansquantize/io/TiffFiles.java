package org.kmeansquantize.io;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffDecoder;

import org.kmeansquantize.core.PixelSource;

/**
 * TIFF files as ImageJ 1 images, headless: reading any TIFF ImageJ opens (8-, 16-, 32-bit and RGB
 * images, stacks and hyperstacks, with their composite mode) and writing images with
 * {@link FileSaver}, so that ImageJ, Fiji and {@code tifffile} read back the same hyperstack.
 * <p>
 * What ImageJ 1's reader does not read as it is meant to be read (BigTIFF, tiles, JPEG and other
 * compressions, OME-TIFF's axes, pyramids; see {@link TiffHeader#needsPlaneReader()}) is read by
 * {@link TiffPlaneReader} into the same kind of ImageJ image: held in memory, or as a virtual
 * stack read plane by plane when its pixels would take more than a third of the heap. Every
 * other TIFF is read by ImageJ exactly as before.
 * </p>
 * <p>
 * Without a GUI, ImageJ reports problems by printing to {@code System.out}; while ImageJ reads or
 * writes, this class captures that output and turns failures into {@link IOException}s with
 * ImageJ's message. Before ImageJ sees a file, {@link TiffStructure} walks it: looping IFD chains,
 * absurd counts and offsets, image data reaching past the end of the file (ImageJ would fill the
 * missing part with zeros) and pages of different size or type (ImageJ would keep page 1 only) are
 * refused. Calls are serialised.
 * </p>
 */
public final class TiffFiles {

	private static final Object LOCK = new Object();

	/** What ImageJ's {@code FileSaver} prints when writing fails: the exception's message in quotes. */
	private static final Pattern SAVING_ERROR = Pattern.compile("File saving error \\(\\w+\\): \"(.*)\"");
	/** What a TIFF that ImageJ cannot read is refused with, before the reason. */
	private static final String READ_FAILURE = "ImageJ cannot read this TIFF file";

	private TiffFiles() {}

	/** An ImageJ image read from a TIFF file. */
	public static final class TiffImage implements InputImage {

		private final ImagePlus imp;
		private final ImageLayout layout;
		private final String note;

		/**
		 * @param imp the image
		 * @param layout its layout
		 */
		public TiffImage(final ImagePlus imp, final ImageLayout layout) {
			this(imp, layout, null);
		}

		private TiffImage(final ImagePlus imp, final ImageLayout layout, final String note) {
			this.imp = imp;
			this.layout = layout;
			this.note = note;
		}

		@Override
		public String note() {
			return note;
		}

		/** @return the ImageJ image, for its LUTs, display ranges and calibration */
		public ImagePlus imagePlus() {
			return imp;
		}

		/** @return whether the image is read plane by plane (a TIFF larger than memory) */
		public boolean isVirtual() {
			return imp.getStack().isVirtual();
		}

		@Override
		public ImageLayout layout() {
			return layout;
		}

		@Override
		public PixelSource pixels() {
			return ImagePlusPixels.pixels(imp);
		}
	}

	/** Work on ImageJ that may fail with an {@link IOException}. */
	private interface Work<T> {

		T run() throws IOException;
	}

	/**
	 * @param file a TIFF file
	 * @param length its size in bytes
	 * @return the image, 8-bit colour (COLOR_256) images read as their raw 8-bit values
	 * @throws IOException if ImageJ cannot read it, or it is truncated
	 */
	static TiffImage read(final Path file, final long length) throws IOException {
		if (needsPlaneReader(file)) {
			try (TiffPlaneReader reader = planeReader(file)) {
				final ImagePlus imp = imagePlus(reader, file, pixelBytes(reader.layout()) > Runtime.getRuntime()
					.maxMemory() / 3);
				return new TiffImage(imp, layout(imp), reader.note());
			}
		}
		ImagePlus imp = open(file, length);
		if (imp.getType() == ImagePlus.COLOR_256) {
			// the same planes seen as grey: the raw indices, as tifffile reads them
			final ImagePlus grey = new ImagePlus(imp.getTitle(), imp.getStack());
			grey.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
			grey.setCalibration(imp.getCalibration());
			imp = grey;
		}
		return new TiffImage(imp, layout(imp));
	}

	/**
	 * @param file a TIFF file
	 * @param length its size in bytes
	 * @return the image as ImageJ opens it
	 * @throws IOException if ImageJ cannot read it, or it is truncated
	 */
	public static ImagePlus open(final Path file, final long length) throws IOException {
		if (needsPlaneReader(file)) try (TiffPlaneReader reader = planeReader(file)) {
			return imagePlus(reader, file, false);
		}
		final String dir = file.toAbsolutePath().getParent().toString() + File.separator;
		final String name = file.getFileName().toString();
		return readable(() -> quietly(() -> {
			checkedInfo(dir, name, length);
			final Opener opener = new Opener();
			opener.setSilentMode(true);
			final ImagePlus imp = opener.openTiff(dir, name);
			if (imp == null) throw new IOException(READ_FAILURE);
			return imp;
		}, READ_FAILURE));
	}

	/**
	 * Opens a TIFF as an ImageJ virtual stack: planes are read from the file when needed, so that
	 * stacks larger than memory can be processed plane by plane.
	 *
	 * @param file a TIFF file
	 * @param length its size in bytes
	 * @return the image, its stack virtual
	 * @throws IOException if ImageJ cannot read it, or it is truncated
	 */
	public static ImagePlus openVirtual(final Path file, final long length) throws IOException {
		if (needsPlaneReader(file)) try (TiffPlaneReader reader = planeReader(file)) {
			return imagePlus(reader, file, true);
		}
		final String dir = file.toAbsolutePath().getParent().toString() + File.separator;
		final String name = file.getFileName().toString();
		return readable(() -> quietly(() -> {
			final FileInfo[] info = checkedInfo(dir, name, length);
			final ImagePlus imp = IJ.openVirtual(dir + name);
			if (imp == null) throw new IOException(READ_FAILURE);
			if (imp.getInfoProperty() == null && info[0].info != null) imp.setProperty("Info", info[0].info);
			return imp;
		}, READ_FAILURE));
	}

	/**
	 * @param file a TIFF file that {@link #needsPlaneReader} sends to the plane reader
	 * @return its reader, after {@link TiffStructure} has walked the file (loops, absurd counts,
	 *         data beyond the end refused before any decoding; pages of other sizes, such as an
	 *         OME-TIFF's other series, are the reader's to name)
	 * @throws IOException if the walk refuses the file or the reader cannot open it
	 */
	private static TiffPlaneReader planeReader(final Path file) throws IOException {
		TiffStructure.read(file);
		return TiffPlaneReader.open(file);
	}

	/**
	 * @param file a TIFF file
	 * @return whether it is read by {@link TiffPlaneReader} rather than by ImageJ 1: BigTIFF,
	 *         tiled, compressed in a way ImageJ does not decode, OME-TIFF, or a pyramid; false also
	 *         when its header cannot be read (ImageJ then says what is wrong, as it always has)
	 */
	public static boolean needsPlaneReader(final Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return TiffHeader.read(channel).needsPlaneReader();
		}
		catch (final IOException e) {
			return false;
		}
	}

	/**
	 * An ImageJ image of a TIFF read by a plane reader: its hyperstack dimensions and mode, the
	 * pixel size (calibration) of its OME-XML or ImageJ description, and the ImageJ Info stored in
	 * it.
	 *
	 * @param reader the reader; with {@code virtual}, the image's stack keeps it (and a reader of
	 *          its own file, as the caller closes this one), else all planes are read now
	 * @param virtual whether the planes are read when needed
	 */
	private static ImagePlus imagePlus(final TiffPlaneReader reader, final Path file, final boolean virtual)
		throws IOException
	{
		final ImageLayout l = reader.layout();
		final ImageStack stack;
		if (virtual) stack = new TiffPlaneStack(TiffPlaneReader.open(file));
		else {
			stack = new ImageStack(l.width(), l.height());
			for (int i = 0; i < l.planes(); i++)
				stack.addSlice(null, TiffPlaneStack.processor(l, reader.readPlane(i)));
		}
		final ImagePlus imp;
		try {
			imp = hyperstack(file.getFileName().toString(), stack, l.channels(), l.slices(), l.frames(), l.mode());
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
		final double[] size = reader.pixelSize();
		if (!Double.isNaN(size[0])) {
			final Calibration cal = imp.getCalibration();
			cal.pixelWidth = size[0];
			cal.pixelHeight = Double.isNaN(size[1]) ? size[0] : size[1];
			if (!Double.isNaN(size[2])) cal.pixelDepth = size[2];
			cal.setUnit(reader.unit());
		}
		if (reader.imageJInfo() != null) imp.setProperty("Info", reader.imageJInfo());
		return imp;
	}

	/** @return the bytes an image's pixels take in memory */
	static long pixelBytes(final ImageLayout l) {
		return (long) l.width() * l.height() * l.planes() * (l.type().isColor() ? 4 : l.type().bits() / 8);
	}

	/** @return the TIFF's image descriptions, after refusing unreadable, empty and truncated files */
	private static FileInfo[] checkedInfo(final String dir, final String name, final long length)
		throws IOException
	{
		// the structure first: ImageJ's decoder trusts IFD chains, counts and offsets blindly
		TiffStructure.read(Paths.get(dir, name)).requireUniform();
		final FileInfo[] info;
		try {
			info = new TiffDecoder(dir, name).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("corrupt or unsupported TIFF file (" + message(e) + ")");
		}
		if (info == null || info.length == 0) throw new IOException("corrupt TIFF file (no image in it)");
		checkComplete(info, length);
		return info;
	}

	/**
	 * Refuses images without pixels, and files whose image data, by their own offsets and lengths,
	 * reaches past the end.
	 */
	private static void checkComplete(final FileInfo[] info, final long length) throws IOException {
		for (final FileInfo fi : info) {
			if (fi.width <= 0 || fi.height <= 0) throw new IOException("the image has no pixels (" + fi.width + "x" +
				fi.height + ")");
			long end = 0;
			if (fi.stripOffsets != null && fi.stripLengths != null) for (int i = 0; i < fi.stripOffsets.length &&
				i < fi.stripLengths.length; i++)
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			if (fi.nImages > 1 && fi.compression <= FileInfo.COMPRESSION_NONE) {
				final long size = (long) fi.width * fi.height * fi.getBytesPerPixel();
				end = Math.max(end, fi.getOffset() + fi.nImages * size + (fi.nImages - 1) * fi.getGap());
			}
			if (end > length) throw new IOException("truncated TIFF file (its image data needs " + end +
				" bytes, the file has " + length + ")");
		}
	}

	/**
	 * @param imp an image
	 * @return its layout, with source {@code tiff}
	 * @throws IOException for an image type the engine does not take
	 */
	public static ImageLayout layout(final ImagePlus imp) throws IOException {
		final ImageLayout.Type type;
		switch (imp.getType()) {
			case ImagePlus.GRAY8:
				type = ImageLayout.Type.GRAY8;
				break;
			case ImagePlus.GRAY16:
				type = ImageLayout.Type.GRAY16;
				break;
			case ImagePlus.GRAY32:
				type = ImageLayout.Type.GRAY32;
				break;
			case ImagePlus.COLOR_RGB:
				type = ImageLayout.Type.RGB;
				break;
			default:
				throw new IOException("unsupported TIFF image type " + imp.getType());
		}
		final String mode = imp.isComposite() ? ((CompositeImage) imp).getModeAsString() : "";
		return new ImageLayout(type, imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp
			.getNFrames(), mode.isEmpty() ? "none" : mode, "tiff");
	}

	/**
	 * @param planes an image
	 * @param title its title
	 * @return an ImageJ image over the same planes (not copied), with the layout's channels,
	 *         slices, frames and composite mode
	 */
	public static ImagePlus imagePlus(final Planes planes, final String title) {
		final ImageLayout l = planes.layout();
		final ImageStack stack = new ImageStack(l.width(), l.height());
		for (int i = 0; i < l.planes(); i++)
			stack.addSlice(null, planes.plane(i));
		return hyperstack(title, stack, l.channels(), l.slices(), l.frames(), l.mode());
	}

	/**
	 * @return an image of the stack with these dimensions, a composite image in the given mode if it
	 *         has several grey channels and the mode is not {@code none}
	 */
	public static ImagePlus hyperstack(final String title, final ImageStack stack, final int channels, final int slices,
		final int frames, final String mode)
	{
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, slices, frames);
		if (channels > 1 || slices > 1 && frames > 1) imp.setOpenAsHyperStack(true);
		if (channels > 1 && !"none".equals(mode) && imp.getType() != ImagePlus.COLOR_RGB) {
			final CompositeImage ci = new CompositeImage(imp, modeOf(mode));
			ci.setOpenAsHyperStack(imp.getOpenAsHyperStack());
			return ci;
		}
		return imp;
	}

	private static int modeOf(final String mode) {
		switch (mode) {
			case "color":
				return IJ.COLOR;
			case "grayscale":
				return IJ.GRAYSCALE;
			default:
				return IJ.COMPOSITE;
		}
	}

	/**
	 * Saves an image with {@link FileSaver} (one plane: saveAsTiff; a stack: saveAsTiffStack).
	 *
	 * @param imp the image
	 * @param file where to write; overwritten
	 * @throws IOException if ImageJ cannot write it; its message is the reason alone (e.g. {@code No
	 *           space left on device}), for the caller to say which output it was
	 * @throws IllegalArgumentException unchanged, if the image's virtual stack throws one while
	 *           computing a plane (e.g. a label that its codebook lacks)
	 */
	public static void write(final ImagePlus imp, final Path file) throws IOException {
		final String path = file.toString();
		final String failure = "ImageJ could not write " + file;
		final IllegalArgumentException[] refused = new IllegalArgumentException[1];
		try {
			quietly(() -> {
				final FileSaver saver = new FileSaver(imp);
				final boolean ok;
				try {
					ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
				}
				catch (final IllegalArgumentException e) {
					refused[0] = e;
					return null;
				}
				if (!ok) throw new IOException(failure);
				return null;
			}, failure);
		}
		catch (final IOException e) {
			// FileSaver swallows the exception and prints it; keep only its message
			final Matcher m = SAVING_ERROR.matcher(e.getMessage());
			throw m.find() ? new IOException(m.group(1).trim(), e) : e;
		}
		if (refused[0] != null) throw refused[0];
	}

	/**
	 * Runs ImageJ work with {@code System.out} captured; a failure's message gets what ImageJ printed.
	 */
	private static <T> T quietly(final Work<T> work, final String failure) throws IOException {
		synchronized (LOCK) {
			final PrintStream old = System.out;
			final ByteArrayOutputStream captured = new ByteArrayOutputStream();
			try (PrintStream capture = new PrintStream(captured, true, "UTF-8")) {
				System.setOut(capture);
				try {
					return work.run();
				}
				catch (final IOException e) {
					final String printed = printed(captured);
					throw printed.isEmpty() || !e.getMessage().equals(failure) ? e : new IOException(failure + " (" +
						printed + ")");
				}
				catch (final RuntimeException e) {
					throw new IOException(failure + " (" + message(e) + ")");
				}
				finally {
					System.setOut(old);
				}
			}
			catch (final UnsupportedEncodingException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	/**
	 * Runs a read; a failure whose reason is what ImageJ printed loses the Java exception names in
	 * it ({@code java.io.EOFException}), which say nothing to users.
	 */
	private static ImagePlus readable(final Work<ImagePlus> read) throws IOException {
		try {
			return read.run();
		}
		catch (final IOException e) {
			final String m = e.getMessage();
			if (m == null || !m.startsWith(READ_FAILURE + " (") || !m.endsWith(")")) throw e;
			throw new IOException(READ_FAILURE + " (" + reason(m.substring(READ_FAILURE.length() + 2, m.length() - 1)) +
				")", e);
		}
	}

	/**
	 * @return what ImageJ printed without the Java exception names it prints before messages (e.g.
	 *         {@code java.io.IOException: Bad header}), which say nothing to users
	 */
	static String reason(final String printed) {
		final String m = printed.replaceAll("(\\w+\\.)*\\w*(Exception|Error):\\s*", "").trim();
		if (m.matches("(?s).*(\\w(Exception|Error)\\b|java\\.).*") || m.isEmpty()) return printed.contains(
			"EOFException") ? "the file ends before its pixel data do" : "its data are corrupt";
		return m;
	}

	private static String printed(final ByteArrayOutputStream captured) {
		try {
			return captured.toString("UTF-8").trim().replaceAll("\\s+", " ");
		}
		catch (final UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String message(final Throwable e) {
		// a reader's own failure on damaged data (a cast, an index, a null) says nothing to users
		final String m = e.getMessage();
		if (m == null || m.trim().isEmpty() || !(e instanceof IOException || e instanceof IllegalArgumentException))
			return "its data cannot be decoded";
		return m.replaceAll("\\s+", " ").trim();
	}
}
