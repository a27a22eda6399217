package org.kmeansquantize.io;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;

/**
 * Writes an 8-bit ImageJ image (a label image: one plane per slice and frame, a LUT) as a BigTIFF,
 * for files that would pass the 4 GB a classic TIFF can address. Plane by plane: each plane is
 * taken from the stack (a virtual stack computes it then) and written, then the directories; memory
 * holds one plane. What ImageJ's {@link FileSaver} writes for a classic TIFF is kept: ImageJ's
 * description (hyperstack dimensions, unit, spacing; from {@link FileSaver#getDescriptionString()}),
 * the LUT as a palette (ColorMap, in every directory so that every plane shows in colour), the
 * pixel size as resolution, and the ImageJ "Info" property in ImageJ's metadata tags. Big-endian
 * like ImageJ's TIFFs; uncompressed, one strip per plane. Fiji (Bio-Formats), tifffile and
 * {@link TiffPlaneReader} read it; ImageJ 1's own reader does not read BigTIFF.
 */
public final class BigTiffWriter {

	private static final int ENTRY = 20;

	private BigTiffWriter() {}

	/**
	 * @param imp an 8-bit image or stack (not RGB)
	 * @param file where to write; overwritten
	 * @throws IOException if writing fails (the message is the reason alone)
	 * @throws IllegalArgumentException if the image is not 8-bit, or unchanged from a virtual
	 *           stack that refuses a plane
	 */
	public static void write(final ImagePlus imp, final Path file) throws IOException {
		if (imp.getBitDepth() != 8 || imp.getType() == ImagePlus.COLOR_RGB) throw new IllegalArgumentException(
			"a BigTIFF label file holds 8-bit planes, not " + imp.getBitDepth() + "-bit");
		final ImageStack stack = imp.getStack();
		final int w = imp.getWidth(), h = imp.getHeight(), n = stack.getSize();
		final long planeBytes = (long) w * h;
		final byte[] description = (new FileSaver(imp).getDescriptionString() + "\0").getBytes(
			StandardCharsets.ISO_8859_1);
		final byte[] colorMap = colorMap(imp);
		final String info = imp.getInfoProperty();
		final byte[] ijData = info == null ? null : imageJMetadata(info);
		final Calibration cal = imp.getCalibration();
		final boolean scaled = cal.scaled() && cal.pixelWidth > 0 && cal.pixelHeight > 0;
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			final long dataStart = 16;
			out.position(dataStart);
			for (int i = 0; i < n; i++)
				writeFully(out, ByteBuffer.wrap((byte[]) stack.getProcessor(i + 1).getPixels(), 0, (int) planeBytes));
			long ifd = dataStart + n * planeBytes;
			final ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
			head.put((byte) 'M').put((byte) 'M').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(
				ifd);
			head.flip();
			out.position(0);
			writeFully(out, head);
			out.position(ifd);
			for (int i = 0; i < n; i++) {
				final boolean first = i == 0;
				final int entries = 12 + (first ? 1 : 0) + (scaled ? 2 : 0) + (first && ijData != null ? 2 : 0);
				final long valuesAt = ifd + 8 + (long) entries * ENTRY + 8;
				final Directory d = new Directory(entries, valuesAt, description.length + colorMap.length + (ijData == null
					? 0 : ijData.length) + 64);
				d.add(254, 4, 1, 0);
				d.add(256, 4, 1, w);
				d.add(257, 4, 1, h);
				d.add(258, 3, 1, 8);
				d.add(259, 3, 1, 1);
				d.add(262, 3, 1, 3);
				if (first) d.add(270, 2, description.length, description);
				d.add(273, 16, 1, dataStart + i * planeBytes);
				d.add(277, 3, 1, 1);
				d.add(278, 4, 1, h);
				d.add(279, 16, 1, planeBytes);
				if (scaled) {
					d.add(282, 5, 1, rational(1 / cal.pixelWidth));
					d.add(283, 5, 1, rational(1 / cal.pixelHeight));
				}
				d.add(296, 3, 1, 1);
				d.add(320, 3, 768, colorMap);
				if (first && ijData != null) {
					final byte[] counts = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(12).putInt(ijData.length -
						12).array();
					d.add(50838, 4, 2, counts);
					d.add(50839, 1, ijData.length, ijData);
				}
				final long next = i + 1 < n ? d.end() : 0;
				writeFully(out, d.bytes(next));
				ifd = d.end();
			}
		}
	}

	/** One directory: the entries, then the next directory's offset, then the values that do not fit an entry. */
	private static final class Directory {

		private final ByteBuffer entries;
		private final ByteBuffer values;
		private final long valuesAt;

		Directory(final int count, final long valuesAt, final int valueBytes) {
			values = ByteBuffer.allocate(valueBytes).order(ByteOrder.BIG_ENDIAN);
			entries = ByteBuffer.allocate(8 + count * ENTRY).order(ByteOrder.BIG_ENDIAN);
			entries.putLong(count);
			this.valuesAt = valuesAt;
		}

		void add(final int tag, final int type, final long count, final long value) {
			entries.putShort((short) tag).putShort((short) type).putLong(count);
			if (type == 3) entries.putShort((short) value).putShort((short) 0).putInt(0);
			else if (type == 4) entries.putInt((int) value).putInt(0);
			else entries.putLong(value);
		}

		void add(final int tag, final int type, final long count, final byte[] data) {
			entries.putShort((short) tag).putShort((short) type).putLong(count);
			if (data.length <= 8) {
				entries.put(data);
				for (int i = data.length; i < 8; i++)
					entries.put((byte) 0);
				return;
			}
			final long at = valuesAt + values.position();
			entries.putLong(at);
			values.put(data);
			if ((values.position() & 1) != 0) values.put((byte) 0);
		}

		long end() {
			return valuesAt + values.position();
		}

		ByteBuffer bytes(final long next) {
			final ByteBuffer b = ByteBuffer.allocate(entries.capacity() + 8 + values.position()).order(
				ByteOrder.BIG_ENDIAN);
			b.put(entries.array()).putLong(next).put(values.array(), 0, values.position());
			b.flip();
			return b;
		}
	}

	/** @return a RATIONAL as one LONG8-sized value: numerator and denominator */
	private static byte[] rational(final double v) {
		final long den = 1_000_000;
		final long num = Math.max(1, Math.min(0xffffffffL, Math.round(v * den)));
		return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt((int) num).putInt((int) den).array();
	}

	/** @return TIFF's ColorMap of the image's LUT: 256 reds, greens, blues, 16-bit */
	private static byte[] colorMap(final ImagePlus imp) {
		final IndexColorModel cm = (IndexColorModel) imp.getProcessor().getLut().getColorModel();
		final ByteBuffer b = ByteBuffer.allocate(768 * 2).order(ByteOrder.BIG_ENDIAN);
		final int size = cm.getMapSize();
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < 256; i++) {
				final int v = i < size ? c == 0 ? cm.getRed(i) : c == 1 ? cm.getGreen(i) : cm.getBlue(i) : 0;
				b.putShort((short) (v * 257));
			}
		return b.array();
	}

	/** @return ImageJ's metadata block: "IJIJ", one "info" entry, then the text as UTF-16BE */
	private static byte[] imageJMetadata(final String info) {
		final byte[] text = info.getBytes(StandardCharsets.UTF_16BE);
		return ByteBuffer.allocate(12 + text.length).order(ByteOrder.BIG_ENDIAN).putInt(0x494a494a).putInt(
			0x696e666f).putInt(1).put(text).array();
	}

	private static void writeFully(final FileChannel out, final ByteBuffer b) throws IOException {
		while (b.hasRemaining())
			out.write(b);
	}
}
