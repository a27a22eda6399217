package org.kmeansquantize.io;

import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.kmeansquantize.core.PixelSource;

/**
 * Reads a TIFF plane by plane from any seekable source: tiled and stripped, classic and BigTIFF,
 * uncompressed, LZW, deflate, PackBits and JPEG, 8-, 16- and 32-bit, chunky and planar, with the
 * channel, z and time axes of OME-TIFF (its first series; the full-resolution level of a pyramid)
 * or of an ImageJ description. Only the tiles or strips of the planes asked for are read and
 * decoded, so memory holds about one directory's pixels whatever the file's size.
 * <p>
 * Decoding goes through the {@code javax.imageio} service registry: the TwelveMonkeys TIFF plugin
 * where it is on the class path (the command line and the Spark job), else the JDK's own TIFF
 * reader (no BigTIFF). Values are those {@code tifffile} reads, in the layout's types as ImageJ
 * holds them: 8-bit palette images as their raw indices; signed 16-bit plus 32768 and 32-bit
 * integers as float (as ImageJ 1 converts them); 8-bit RGB (and RGBA, whose alpha is dropped, as
 * in ImageJ) as packed colour; any other samples per pixel as channels.
 * </p>
 * <p>
 * Planes are numbered as in {@link ImageLayout}: channel fastest, then slice, then frame. Reading
 * is serialised (one decoder per file); open one reader per thread for parallel reading. Errors are
 * {@link IOException}s with a one-line message that does not name the file (callers do).
 * </p>
 */
public final class TiffPlaneReader implements Closeable {

	private final ImageInputStream input;
	private final ImageReader reader;
	private final TiffAxes axes;
	private final ImageLayout layout;
	/** Samples per directory (values per pixel of a grey directory, 3 or 4 for colour). */
	private final int samples;
	private final boolean signed;
	private final String imageJInfo;
	private int cachedDirectory = -1;
	private Raster cached;

	private TiffPlaneReader(final ImageInputStream input, final ImageReader reader, final TiffHeader header)
		throws IOException
	{
		this.input = input;
		this.reader = reader;
		this.imageJInfo = header.imageJInfo;
		final int directories = reader.getNumImages(true);
		if (directories < 1) throw new IOException("corrupt TIFF file (no image in it)");
		final ImageTypeSpecifier type = reader.getRawImageType(0);
		final SampleModel sm = type.getSampleModel();
		final ColorModel cm = type.getColorModel();
		final int dataType = sm.getDataType();
		final boolean indexed = cm instanceof IndexColorModel;
		final boolean colour = !indexed && dataType == DataBuffer.TYPE_BYTE && cm != null && cm.getColorSpace()
			.getType() == ColorSpace.TYPE_RGB && sm.getNumBands() >= 3;
		this.samples = indexed ? 1 : sm.getNumBands();
		if (!indexed && samples < header.samplesPerPixel) throw new IOException("unsupported TIFF (" +
			header.samplesPerPixel + " samples per pixel, of which the decoder reads " + samples +
			"; store the channels in separate directories or interleaved)");
		this.signed = dataType == DataBuffer.TYPE_SHORT;
		final ImageLayout.Type t = colour ? ImageLayout.Type.RGB : typeOf(dataType);
		final int width = reader.getWidth(0), height = reader.getHeight(0);
		if (header.isOme()) axes = TiffAxes.ome(header.description, samples, directories);
		else {
			int same = 1;
			String other = null;
			for (; same < directories; same++) {
				final int w = reader.getWidth(same), h = reader.getHeight(same);
				final SampleModel s = reader.getRawImageType(same).getSampleModel();
				if (w != width || h != height || s.getNumBands() != sm.getNumBands() || s.getDataType() != dataType) {
					other = w + "x" + h;
					break;
				}
			}
			axes = TiffAxes.plain(header.description, same, directories, samples, other, header.xResolution,
				header.yResolution);
		}
		final int channels = colour ? axes.channels : axes.channels * samples;
		final String mode = channels > 1 && !colour && "none".equals(axes.mode) ? "composite" : axes.mode;
		try {
			this.layout = new ImageLayout(t, width, height, channels, axes.slices, axes.frames, mode, "tiff");
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage());
		}
	}

	/**
	 * @param file a TIFF file
	 * @return a reader over it; close it when done
	 * @throws IOException if it cannot be opened, is not a TIFF, or is a TIFF this reader refuses
	 */
	public static TiffPlaneReader open(final Path file) throws IOException {
		return open(FileChannel.open(file, StandardOpenOption.READ));
	}

	/**
	 * @param channel a TIFF's bytes, e.g. a {@code FileChannel}, or an adapter over a Hadoop
	 *          {@code FSDataInputStream}; owned by the reader from now on (closed by
	 *          {@link #close()}, and on failure)
	 * @return a reader over it; close it when done
	 * @throws IOException if it is not a TIFF, or one this reader refuses (no TIFF decoder on the
	 *           class path, an OME-TIFF whose planes are in other files, a malformed OME-XML)
	 */
	public static TiffPlaneReader open(final SeekableByteChannel channel) throws IOException {
		ImageInputStream input = null;
		try {
			final TiffHeader header = TiffHeader.read(channel);
			input = new ChannelImageInputStream(channel);
			final ImageReader reader = tiffReader(input, header);
			reader.setInput(input, false, true);
			return new TiffPlaneReader(input, reader, header);
		}
		catch (final IOException | RuntimeException e) {
			if (input != null) input.close();
			else channel.close();
			if (e instanceof IOException && !(e instanceof javax.imageio.IIOException)) throw (IOException) e;
			throw new IOException("corrupt or unsupported TIFF file (" + message(e) + ")");
		}
	}

	/** A TIFF reader from the service registry, preferring a plug-in's to the JDK's (no BigTIFF). */
	private static ImageReader tiffReader(final ImageInputStream input, final TiffHeader header)
		throws IOException
	{
		ImageReader fallback = null;
		for (final Iterator<ImageReader> it = ImageIO.getImageReaders(input); it.hasNext();) {
			final ImageReader r = it.next();
			final boolean jdk = r.getClass().getName().startsWith("com.sun.");
			if (!jdk) return r;
			if (fallback == null) fallback = r;
		}
		if (fallback != null) return fallback;
		throw new IOException("no TIFF decoder for this " + (header.bigTiff ? "BigTIFF " : "") +
			"file on the class path (the command line bundles one)");
	}

	/** @return the layout of the image read: type, size, channels, slices, frames */
	public ImageLayout layout() {
		return layout;
	}

	/**
	 * @return what the file holds besides the image read (other OME series, other images), one
	 *         line, or null
	 */
	public String note() {
		return axes.note;
	}

	/** @return ImageJ's Info text stored in the file (a label TIFF's metadata), or null */
	public String imageJInfo() {
		return imageJInfo;
	}

	/** @return pixel width, height and depth (NaN where unknown) and their unit (or null) */
	double[] pixelSize() {
		return new double[] { axes.pixelWidth, axes.pixelHeight, axes.pixelDepth };
	}

	String unit() {
		return axes.unit;
	}

	/**
	 * Reads one plane, decoding only the directory that holds it (the last directory decoded is
	 * kept, so the channels of a chunky directory are decoded once).
	 *
	 * @param index the plane, 0 &le; index &lt; {@code layout().planes()}, in ImageJ's order
	 *          (channel fastest, then slice, then frame)
	 * @return a new array of width &times; height: {@code byte[]} (gray8), {@code short[]} (gray16),
	 *         {@code float[]} (gray32) or {@code int[]} packed RGB
	 * @throws IOException if the plane's tiles or strips are missing or cannot be decoded
	 */
	public synchronized Object readPlane(final int index) throws IOException {
		if (index < 0 || index >= layout.planes()) throw new IndexOutOfBoundsException("plane " + index + " of " +
			layout.planes());
		final int nc = layout.channels(), nz = layout.slices();
		final int c = index % nc, z = index / nc % nz, t = index / nc / nz;
		final boolean colour = layout.type().isColor();
		final int directory = axes.directory(colour ? c : c / samples, z, t);
		final Raster r = raster(directory);
		if (r.getWidth() != layout.width() || r.getHeight() != layout.height()) throw new IOException(
			"corrupt TIFF file (directory " + directory + " is " + r.getWidth() + "x" + r.getHeight() + ", not " +
				layout.width() + "x" + layout.height() + ")");
		return colour ? packed(r) : band(r, colour ? 0 : c % samples);
	}

	/**
	 * The pixels of label planes [from, to) for the engine, read plane by plane as they are needed:
	 * what one task of a job split by plane ranges reads. A label plane is one (slice, frame) with
	 * all its channels (for packed colour, one plane); label plane q is slice q % slices of frame q /
	 * slices, as in {@link ImageLayout#labelPlanes()}.
	 *
	 * @param from first label plane
	 * @param to label plane after the last, &gt; from, &le; {@code layout().labelPlanes()}
	 * @return the pixels over (x, y, to - from) with {@code layout().valuesPerPixel()} values each;
	 *         a plane that cannot be read throws {@link UncheckedIOException} when read
	 */
	public PixelSource pixels(final int from, final int to) {
		if (from < 0 || to <= from || to > layout.labelPlanes()) throw new IndexOutOfBoundsException(
			"label planes [" + from + ", " + to + ") of " + layout.labelPlanes());
		final boolean colour = layout.type().isColor();
		final int nc = colour ? 1 : layout.channels();
		final long[] dims = colour ? new long[] { layout.width(), layout.height(), to - from } : new long[] { layout
			.width(), layout.height(), nc, to - from };
		return PixelSource.ofPlanes(dims, colour ? -1 : 2, Planes.pixelType(layout.type()), false, i -> plane(from *
			nc + i));
	}

	/**
	 * @return all pixels, read plane by plane as they are needed, over
	 *         {@link ImageLayout#pixelDimensions()} (as {@link Planes#pixels()})
	 */
	public PixelSource pixels() {
		final ImageLayout l = layout;
		final boolean colour = l.type().isColor();
		final long[] dims = colour ? l.pixelDimensions() : new long[] { l.width(), l.height(), l.channels(), l
			.slices(), l.frames() };
		return PixelSource.ofPlanes(dims, colour ? -1 : 2, Planes.pixelType(l.type()), false, this::plane);
	}

	/**
	 * @return all planes, in memory
	 * @throws IOException if a plane cannot be read
	 */
	public Planes readAll() throws IOException {
		final Object[] planes = new Object[layout.planes()];
		for (int i = 0; i < planes.length; i++)
			planes[i] = readPlane(i);
		return new Planes(layout, planes);
	}

	private Object plane(final int index) {
		try {
			return readPlane(index);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Raster raster(final int directory) throws IOException {
		if (directory == cachedDirectory) return cached;
		cached = null;
		cachedDirectory = -1;
		try {
			// the raster as stored: read() would pass float data through a colour conversion that clamps it
			cached = reader.canReadRaster() ? reader.readRaster(directory, null) : reader.read(directory, null)
				.getRaster();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("corrupt or unsupported TIFF file (directory " + directory + ": " + message(e) + ")");
		}
		cachedDirectory = directory;
		return cached;
	}

	/** Rows converted per step, so that the buffer stays small for wide planes. */
	private int rowsPerStep() {
		return Math.max(1, (1 << 16) / layout.width());
	}

	private Object band(final Raster r, final int band) {
		final int w = layout.width(), h = layout.height(), step = rowsPerStep();
		switch (layout.type()) {
			case GRAY8: {
				final byte[] out = new byte[w * h];
				final int[] buf = new int[w * step];
				for (int y = 0; y < h; y += step) {
					final int n = Math.min(step, h - y);
					r.getSamples(r.getMinX(), r.getMinY() + y, w, n, band, buf);
					for (int i = 0; i < n * w; i++)
						out[y * w + i] = (byte) buf[i];
				}
				return out;
			}
			case GRAY16: {
				final short[] out = new short[w * h];
				final int[] buf = new int[w * step];
				final int offset = signed ? 32768 : 0;
				for (int y = 0; y < h; y += step) {
					final int n = Math.min(step, h - y);
					r.getSamples(r.getMinX(), r.getMinY() + y, w, n, band, buf);
					for (int i = 0; i < n * w; i++)
						out[y * w + i] = (short) (buf[i] + offset);
				}
				return out;
			}
			default: {
				final float[] out = new float[w * h];
				final float[] buf = new float[w * step];
				final boolean integer = r.getDataBuffer().getDataType() == DataBuffer.TYPE_INT;
				final int[] ints = integer ? new int[w * step] : null;
				for (int y = 0; y < h; y += step) {
					final int n = Math.min(step, h - y);
					if (integer) {
						r.getSamples(r.getMinX(), r.getMinY() + y, w, n, band, ints);
						for (int i = 0; i < n * w; i++)
							out[y * w + i] = ints[i];
					}
					else {
						r.getSamples(r.getMinX(), r.getMinY() + y, w, n, band, buf);
						System.arraycopy(buf, 0, out, y * w, n * w);
					}
				}
				return out;
			}
		}
	}

	private int[] packed(final Raster r) {
		final int w = layout.width(), h = layout.height(), step = rowsPerStep();
		final int[] out = new int[w * h];
		final int[][] bands = new int[3][w * step];
		for (int y = 0; y < h; y += step) {
			final int n = Math.min(step, h - y);
			for (int b = 0; b < 3; b++)
				r.getSamples(r.getMinX(), r.getMinY() + y, w, n, b, bands[b]);
			for (int i = 0; i < n * w; i++)
				out[y * w + i] = 0xff000000 | (bands[0][i] & 0xff) << 16 | (bands[1][i] & 0xff) << 8 | bands[2][i] &
					0xff;
		}
		return out;
	}

	private static ImageLayout.Type typeOf(final int dataType) throws IOException {
		switch (dataType) {
			case DataBuffer.TYPE_BYTE:
				return ImageLayout.Type.GRAY8;
			case DataBuffer.TYPE_USHORT:
			case DataBuffer.TYPE_SHORT:
				return ImageLayout.Type.GRAY16;
			case DataBuffer.TYPE_INT:
			case DataBuffer.TYPE_FLOAT:
			case DataBuffer.TYPE_DOUBLE:
				return ImageLayout.Type.GRAY32;
			default:
				throw new IOException("unsupported TIFF sample type " + dataType);
		}
	}

	/** Closes the decoder and the source. */
	@Override
	public synchronized void close() throws IOException {
		cached = null;
		reader.dispose();
		input.close();
	}

	static String message(final Throwable e) {
		// a reader's own failure on damaged data (a cast, an index, a null) says nothing to users
		final String m = e.getMessage();
		if (m == null || m.trim().isEmpty() || !(e instanceof IOException || e instanceof IllegalArgumentException))
			return "its data cannot be decoded";
		return m.replaceAll("\\s+", " ").trim();
	}
}
