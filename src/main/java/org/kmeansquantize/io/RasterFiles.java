package org.kmeansquantize.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG and JPEG files as {@link Planes}, without ImageJ: reading 8-bit grey, RGB and RGBA PNGs with
 * {@link PngDecoder}, anything else with {@code javax.imageio}; writing reconstructions with
 * {@link PngEncoder}.
 * <p>
 * Reading: 8-bit grey becomes gray8; 16-bit grey gray16; RGB, and palette images without
 * transparency, rgb; RGBA, and palette images with transparency, rgba; grey with alpha a 2-channel
 * gray8 (gray16 at 16 bits); 16-bit RGB and RGBA 3- and 4-channel gray16. Grey below 8 bits is
 * scaled to 0..255 as PNG decoders display it. Stateless and thread-safe.
 * </p>
 */
public final class RasterFiles {

	/** Byte offset of the colour type in a PNG file (signature, IHDR length and type, size, depth). */
	private static final int PNG_COLOR_TYPE_OFFSET = 25;

	private RasterFiles() {}

	/**
	 * @param data the whole file
	 * @param format {@code png} or {@code jpeg}
	 * @return the image
	 * @throws IOException if the file is corrupt, truncated or of a kind this reader does not take
	 */
	static Planes read(final byte[] data, final String format) throws IOException {
		final long pixels;
		if ("png".equals(format)) {
			pixels = checkPngSize(data);
			final Planes direct = PngDecoder.read(data);
			if (direct != null) return direct;
		}
		else pixels = checkJpeg(data);
		// the decoder's image and the planes: about 4 + 4 bytes per pixel (more for 16-bit colour, where
		// running out of memory is still caught by the front ends)
		final long needed = pixels * 8;
		if (needed > Runtime.getRuntime().maxMemory()) throw new IOException("an image of " + pixels +
			" pixels needs about " + (needed >> 20) + " MiB, more than Java may use (" + (Runtime.getRuntime()
				.maxMemory() >> 20) + " MiB); give it more, e.g. java -Xmx8g -jar ...");
		final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
		if (!readers.hasNext()) throw new IOException("this Java has no " + format.toUpperCase() + " reader");
		final ImageReader reader = readers.next();
		final List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((r, message) -> warnings.add(message));
		final BufferedImage image;
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
			reader.setInput(in, true, true);
			image = reader.read(0);
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("corrupt or truncated " + format.toUpperCase() + " file (" + message(e) + ")");
		}
		finally {
			reader.dispose();
		}
		// a truncated JPEG decodes with a warning and grey rows; treat any warning as damage
		if (!warnings.isEmpty()) throw new IOException("corrupt or truncated " + format.toUpperCase() + " file (" +
			warnings.get(0) + ")");
		final boolean palette = "png".equals(format) && data.length > PNG_COLOR_TYPE_OFFSET &&
			data[PNG_COLOR_TYPE_OFFSET] == PngEncoder.INDEXED;
		return planes(image, format, palette);
	}

	/**
	 * Refuses a PNG whose header says it has no pixels, which {@code javax.imageio} calls an I/O
	 * error, or more pixels than its image data can hold (before a decoder allocates them).
	 *
	 * @return the pixels its header claims (0 if it has no readable header: the decoder says why)
	 */
	private static long checkPngSize(final byte[] data) throws IOException {
		if (data.length < 29 || data[12] != 'I' || data[13] != 'H' || data[14] != 'D' || data[15] != 'R') return 0;
		final long w = uint(data, 16), h = uint(data, 20);
		if (w == 0 || h == 0) throw new IOException("the image has no pixels (" + w + "x" + h + ")");
		final int depth = data[24], type = data[25];
		final int samples = type == 2 ? 3 : type == 4 ? 2 : type == 6 ? 4 : 1;
		long idat = 0;
		for (int p = 8; p + 8 <= data.length;) {
			final long len = uint(data, p);
			if (data[p + 4] == 'I' && data[p + 5] == 'D' && data[p + 6] == 'A' && data[p + 7] == 'T') idat += len;
			p += 12 + len;
			if (p < 0) break;
		}
		PngDecoder.checkInflatable(((w * samples * Math.max(1, depth) + 7) / 8 + 1) * h, idat);
		return w * h;
	}

	/**
	 * Reads a JPEG's frame header: refuses four-component (CMYK and YCCK) JPEGs, which
	 * {@code javax.imageio} would read as RGBA, and frames without pixels.
	 *
	 * @return the pixels the frame header claims (0 if none is found: the decoder says why)
	 */
	private static long checkJpeg(final byte[] data) throws IOException {
		for (int p = 2; p + 9 < data.length;) {
			if ((data[p] & 0xff) != 0xff) return 0;
			final int marker = data[p + 1] & 0xff;
			if (marker == 0xff) {
				p++;
				continue;
			}
			if (marker == 0xd8 || marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
				p += 2;
				continue;
			}
			final int len = (data[p + 2] & 0xff) << 8 | data[p + 3] & 0xff;
			final boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
			if (frame) {
				final long h = (data[p + 5] & 0xff) << 8 | data[p + 6] & 0xff;
				final long w = (data[p + 7] & 0xff) << 8 | data[p + 8] & 0xff;
				final int components = data[p + 9] & 0xff;
				if (components == 4) throw new IOException(
					"a CMYK or YCCK JPEG (4 colour components), which is not read: convert it to RGB first");
				if (components != 1 && components != 3) throw new IOException("a JPEG of " + components +
					" colour components (1 grey or 3 colour are read)");
				if (w == 0 || h == 0) throw new IOException("the image has no pixels (" + w + "x" + h + ")");
				return w * h;
			}
			if (marker == 0xda || len < 2) return 0;
			p += 2 + len;
		}
		return 0;
	}

	private static long uint(final byte[] b, final int o) {
		return (b[o] & 0xffL) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
	}

	private static Planes planes(final BufferedImage image, final String format, final boolean palette)
		throws IOException
	{
		final int w = image.getWidth(), h = image.getHeight();
		if ((long) w * h > Integer.MAX_VALUE) throw new IOException("an image of " + w + "x" + h +
			" pixels is too large");
		final ColorModel cm = image.getColorModel();
		final Raster raster = image.getRaster();
		final int bands = raster.getNumBands();
		final int n = w * h;
		if (cm instanceof IndexColorModel) {
			final IndexColorModel icm = (IndexColorModel) cm;
			final int[] index = new int[w];
			if (palette) {
				final boolean alpha = icm.getTransparency() != ColorModel.OPAQUE;
				final int[] argb = new int[n];
				for (int y = 0; y < h; y++) {
					raster.getSamples(0, y, w, 1, 0, index);
					for (int x = 0; x < w; x++)
						argb[y * w + x] = icm.getRGB(index[x]);
				}
				return new Planes(layout(alpha ? ImageLayout.Type.RGBA : ImageLayout.Type.RGB, w, h, 1, format),
					new Object[] { argb });
			}
			final byte[] grey = new byte[n];
			for (int y = 0; y < h; y++) {
				raster.getSamples(0, y, w, 1, 0, index);
				for (int x = 0; x < w; x++)
					grey[y * w + x] = (byte) icm.getRed(index[x]);
			}
			return new Planes(layout(ImageLayout.Type.GRAY8, w, h, 1, format), new Object[] { grey });
		}
		final int transfer = raster.getTransferType();
		if (transfer == DataBuffer.TYPE_BYTE && (bands == 3 || bands == 4)) {
			final int[] argb = new int[n];
			final int[] row = new int[w];
			final boolean alpha = bands == 4;
			if (!alpha) Arrays.fill(argb, 0xff000000);
			for (int b = 0; b < bands; b++) {
				final int shift = b == 3 ? 24 : 16 - 8 * b;
				for (int y = 0; y < h; y++) {
					samples(raster, y, b, row);
					for (int x = 0, i = y * w; x < w; x++, i++)
						argb[i] |= row[x] << shift;
				}
			}
			return new Planes(layout(alpha ? ImageLayout.Type.RGBA : ImageLayout.Type.RGB, w, h, 1, format),
				new Object[] { argb });
		}
		final boolean bytes = transfer == DataBuffer.TYPE_BYTE;
		if (bytes && bands <= 2 || transfer == DataBuffer.TYPE_USHORT && bands <= 4) {
			final Object[] planes = new Object[bands];
			final int[] row = new int[w];
			for (int b = 0; b < bands; b++) {
				planes[b] = bytes ? new byte[n] : new short[n];
				for (int y = 0; y < h; y++) {
					samples(raster, y, b, row);
					store(row, planes[b], y * w);
				}
			}
			final ImageLayout.Type type = bytes ? ImageLayout.Type.GRAY8 : ImageLayout.Type.GRAY16;
			return new Planes(layout(type, w, h, bands, format), planes);
		}
		throw new IOException("unsupported " + format.toUpperCase() + " image: " + bands + " samples per pixel of " +
			raster.getSampleModel().getSampleSize(0) + " bits");
	}

	/** Copies a row of samples into a {@code byte[]} or {@code short[]} plane from index {@code o}. */
	private static void store(final int[] row, final Object plane, final int o) {
		if (plane instanceof byte[]) {
			final byte[] p = (byte[]) plane;
			for (int x = 0; x < row.length; x++)
				p[o + x] = (byte) row[x];
		}
		else {
			final short[] p = (short[]) plane;
			for (int x = 0; x < row.length; x++)
				p[o + x] = (short) row[x];
		}
	}

	/** Reads one band of one row; straight from the array for the usual interleaved byte and short rasters. */
	private static void samples(final Raster raster, final int y, final int band, final int[] row) {
		final int w = row.length;
		final DataBuffer buffer = raster.getDataBuffer();
		if (raster.getSampleModel() instanceof ComponentSampleModel && buffer.getNumBanks() == 1 && raster
			.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0 && raster.getMinX() == 0 &&
			raster.getMinY() == 0)
		{
			final ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
			final int stride = sm.getPixelStride();
			int o = buffer.getOffset() + y * sm.getScanlineStride() + sm.getBandOffsets()[band];
			if (buffer instanceof DataBufferByte) {
				final byte[] a = ((DataBufferByte) buffer).getData();
				for (int x = 0; x < w; x++, o += stride)
					row[x] = a[o] & 0xff;
				return;
			}
			if (buffer instanceof DataBufferUShort) {
				final short[] a = ((DataBufferUShort) buffer).getData();
				for (int x = 0; x < w; x++, o += stride)
					row[x] = a[o] & 0xffff;
				return;
			}
		}
		raster.getSamples(0, y, w, 1, band, row);
	}

	private static ImageLayout layout(final ImageLayout.Type type, final int w, final int h, final int channels,
		final String format)
	{
		return new ImageLayout(type, w, h, channels, 1, 1, "none", format);
	}

	/**
	 * Writes a reconstruction as a PNG of the original's colour type and bit depth.
	 *
	 * @param planes the image; its layout must have a {@linkplain ImageLayout#pngColorType() PNG
	 *          colour type}
	 * @param out receives the file; not closed
	 * @throws IOException if writing fails
	 */
	public static void writePng(final Planes planes, final OutputStream out) throws IOException {
		final ImageLayout l = planes.layout();
		final int colorType = l.pngColorType();
		if (colorType < 0) throw new IllegalArgumentException("a PNG cannot hold " + l.describe());
		final int w = l.width();
		final int depth = l.type() == ImageLayout.Type.GRAY16 ? 16 : 8;
		final PngEncoder encoder = new PngEncoder(w, l.height(), colorType, depth).level(6);
		if (l.type().isColor()) {
			final int[] argb = (int[]) planes.plane(0);
			final boolean alpha = l.type() == ImageLayout.Type.RGBA;
			encoder.write(out, (y, row) -> {
				for (int x = 0, o = 0, i = y * w; x < w; x++, i++) {
					final int v = argb[i];
					row[o++] = (byte) (v >>> 16);
					row[o++] = (byte) (v >>> 8);
					row[o++] = (byte) v;
					if (alpha) row[o++] = (byte) (v >>> 24);
				}
			});
			return;
		}
		final int nc = l.channels();
		encoder.write(out, (y, row) -> {
			for (int c = 0; c < nc; c++) {
				final Object p = planes.plane(c);
				if (depth == 8) {
					final byte[] a = (byte[]) p;
					for (int x = 0, o = c, i = y * w; x < w; x++, i++, o += nc)
						row[o] = a[i];
				}
				else {
					final short[] a = (short[]) p;
					for (int x = 0, o = 2 * c, i = y * w; x < w; x++, i++, o += 2 * nc) {
						row[o] = (byte) (a[i] >>> 8);
						row[o + 1] = (byte) a[i];
					}
				}
			}
		});
	}

	private static String message(final Throwable e) {
		final String m = e.getMessage();
		return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
	}
}
