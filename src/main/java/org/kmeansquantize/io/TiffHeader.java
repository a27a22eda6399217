package org.kmeansquantize.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * What a TIFF's header and first image directory say, read without decoding any pixels: enough to
 * choose a reader (ImageJ 1 for what it has always read, {@link TiffPlaneReader} for tiled,
 * BigTIFF, JPEG and OME-TIFF files) and to find the axes (the ImageDescription: OME-XML or an
 * ImageJ description) and ImageJ's Info text. Only the first directory is read, and only the
 * entries named here; text values are limited to {@value #MAX_TEXT} bytes. This is a router, not a
 * validator: a damaged file is refused by the reader that then opens it.
 */
final class TiffHeader {

	/** Longest ImageDescription or ImageJ metadata read (OME-XML of large plates is a few MB). */
	static final int MAX_TEXT = 64 << 20;

	static final int IMAGE_WIDTH = 256;
	static final int COMPRESSION = 259;
	static final int IMAGE_DESCRIPTION = 270;
	static final int SAMPLES_PER_PIXEL = 277;
	static final int X_RESOLUTION = 282;
	static final int Y_RESOLUTION = 283;
	static final int TILE_WIDTH = 322;
	static final int SUB_IFDS = 330;
	/** ImageJ's metadata: the byte counts of the blocks in {@link #IJ_METADATA}. */
	static final int IJ_METADATA_COUNTS = 50838;
	static final int IJ_METADATA = 50839;
	/** Marks the Info block in ImageJ's metadata header ("info", big-endian). */
	private static final int IJ_INFO = 0x696e666f;

	/** The compressions ImageJ 1 decodes: none, LZW, deflate (Adobe and old), PackBits. */
	private static final int[] IMAGEJ_COMPRESSIONS = { 1, 5, 8, 32946, 32773 };

	final boolean bigTiff;
	final boolean tiled;
	final int compression;
	final boolean subIfds;
	final int samplesPerPixel;
	/** Pixels per unit along x and y (XResolution, YResolution), or NaN. */
	final double xResolution;
	final double yResolution;
	/** The first directory's ImageDescription, or null. */
	final String description;
	/** ImageJ's Info property from the first directory's ImageJ metadata, or null. */
	final String imageJInfo;

	private TiffHeader(final boolean bigTiff, final boolean tiled, final int compression, final boolean subIfds,
		final int samplesPerPixel, final double[] resolution, final String description, final String imageJInfo)
	{
		this.xResolution = resolution[0];
		this.yResolution = resolution[1];
		this.samplesPerPixel = samplesPerPixel;
		this.bigTiff = bigTiff;
		this.tiled = tiled;
		this.compression = compression;
		this.subIfds = subIfds;
		this.description = description;
		this.imageJInfo = imageJInfo;
	}

	/** @return whether the description is OME-XML */
	boolean isOme() {
		return description != null && description.contains("<OME") && description.contains("<Pixels");
	}

	/**
	 * @return whether ImageJ 1's TIFF reader cannot read this file as it is meant to be read:
	 *         BigTIFF, tiles, a compression it does not decode, OME-XML axes, a pyramid, or samples
	 *         per pixel other than 1, 3 and 4 (ImageJ: "cannot open interleaved images")
	 */
	boolean needsPlaneReader() {
		if (bigTiff || tiled || subIfds || isOme() || samplesPerPixel == 2 || samplesPerPixel > 4) return true;
		for (final int c : IMAGEJ_COMPRESSIONS)
			if (c == compression) return false;
		return true;
	}

	/**
	 * @param channel a TIFF file, positioned anywhere; its position is changed
	 * @return its header and first directory
	 * @throws IOException if it is not a TIFF or the first directory cannot be read
	 */
	static TiffHeader read(final SeekableByteChannel channel) throws IOException {
		final ByteBuffer head = read(channel, 0, 16);
		final ByteOrder order;
		if (head.get(0) == 'I' && head.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
		else if (head.get(0) == 'M' && head.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
		else throw new IOException("not a TIFF file");
		head.order(order);
		final int magic = head.getShort(2) & 0xffff;
		final boolean big = magic == 43;
		if (!big && magic != 42) throw new IOException("not a TIFF file (version " + magic + ")");
		final long ifd = big ? head.getLong(8) : head.getInt(4) & 0xffffffffL;
		final int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12;
		final ByteBuffer cb = read(channel, ifd, countBytes).order(order);
		final long n = big ? cb.getLong(0) : cb.getShort(0) & 0xffff;
		if (n < 1 || n > 4096) throw new IOException("corrupt TIFF file (its first directory has " + n + " entries)");
		final ByteBuffer entries = read(channel, ifd + countBytes, (int) n * entryBytes).order(order);
		boolean tiled = false, subIfds = false;
		int compression = 1, samplesPerPixel = 1;
		final double[] resolution = { Double.NaN, Double.NaN };
		String description = null;
		byte[] ijCounts = null, ijData = null;
		int ijCountType = 0;
		for (int i = 0; i < n; i++) {
			final int at = i * entryBytes;
			final int tag = entries.getShort(at) & 0xffff;
			final int type = entries.getShort(at + 2) & 0xffff;
			final long count = big ? entries.getLong(at + 4) : entries.getInt(at + 4) & 0xffffffffL;
			switch (tag) {
				case TILE_WIDTH:
					tiled = true;
					break;
				case SUB_IFDS:
					subIfds = true;
					break;
				case COMPRESSION:
					compression = entries.getShort(at + (big ? 12 : 8)) & 0xffff;
					break;
				case SAMPLES_PER_PIXEL:
					samplesPerPixel = entries.getShort(at + (big ? 12 : 8)) & 0xffff;
					break;
				case IMAGE_DESCRIPTION:
					description = text(value(channel, entries, at, count, 1, big, order));
					break;
				case X_RESOLUTION:
				case Y_RESOLUTION:
					if (type == 5 && count == 1) {
						final ByteBuffer r = ByteBuffer.wrap(value(channel, entries, at, 1, 8, big, order)).order(order);
						final double v = (r.getInt(0) & 0xffffffffL) / (double) (r.getInt(4) & 0xffffffffL);
						if (v > 0 && Double.isFinite(v)) resolution[tag == X_RESOLUTION ? 0 : 1] = v;
					}
					break;
				case IJ_METADATA_COUNTS:
					ijCountType = type;
					ijCounts = value(channel, entries, at, count, type == 16 ? 8 : 4, big, order);
					break;
				case IJ_METADATA:
					ijData = value(channel, entries, at, count, 1, big, order);
					break;
				default:
			}
		}
		return new TiffHeader(big, tiled, compression, subIfds, samplesPerPixel, resolution, description, imageJInfo(ijCounts, ijCountType,
			ijData, order));
	}

	/** @return the value bytes of an entry: inline, or at the offset it holds */
	private static byte[] value(final SeekableByteChannel channel, final ByteBuffer entries, final int at,
		final long count, final int size, final boolean big, final ByteOrder order) throws IOException
	{
		final long bytes = count * size;
		if (count < 0 || bytes > MAX_TEXT) throw new IOException("corrupt TIFF file (a tag of " + count +
			" values in the first directory)");
		final int inline = big ? 8 : 4;
		final byte[] v = new byte[(int) bytes];
		if (bytes <= inline) {
			for (int i = 0; i < v.length; i++)
				v[i] = entries.get(at + (big ? 12 : 8) + i);
			return v;
		}
		final long offset = big ? entries.getLong(at + 12) : entries.getInt(at + 8) & 0xffffffffL;
		read(channel, offset, v.length).get(v);
		return v;
	}

	private static String text(final byte[] v) {
		int n = v.length;
		while (n > 0 && v[n - 1] == 0)
			n--;
		return new String(v, 0, n, StandardCharsets.UTF_8);
	}

	/**
	 * ImageJ's metadata (tags 50838/50839): a header block ("IJIJ" and pairs of type and count),
	 * then the blocks; the Info block is UTF-16, in the file's byte order.
	 */
	private static String imageJInfo(final byte[] counts, final int countType, final byte[] data,
		final ByteOrder order)
	{
		if (counts == null || data == null || counts.length < 8) return null;
		final ByteBuffer c = ByteBuffer.wrap(counts).order(order);
		final int n = counts.length / (countType == 16 ? 8 : 4);
		final long[] sizes = new long[n];
		for (int i = 0; i < n; i++)
			sizes[i] = countType == 16 ? c.getLong(i * 8) : c.getInt(i * 4) & 0xffffffffL;
		final ByteBuffer d = ByteBuffer.wrap(data).order(order);
		if (sizes[0] < 4 || sizes[0] > data.length || d.getInt(0) != 0x494a494a && d.getInt(0) != 0x4a494a49)
			return null;
		long offset = sizes[0];
		int block = 1;
		for (int h = 4; h + 8 <= sizes[0]; h += 8) {
			final int type = d.getInt(h), blocks = d.getInt(h + 4);
			for (int b = 0; b < blocks && block < n; b++, block++) {
				if (type == IJ_INFO && offset + sizes[block] <= data.length) {
					final byte[] s = new byte[(int) sizes[block]];
					System.arraycopy(data, (int) offset, s, 0, s.length);
					return new String(s, order == ByteOrder.BIG_ENDIAN ? StandardCharsets.UTF_16BE
						: StandardCharsets.UTF_16LE);
				}
				offset += sizes[block];
			}
		}
		return null;
	}

	private static ByteBuffer read(final SeekableByteChannel channel, final long offset, final int length)
		throws IOException
	{
		if (offset < 0 || offset + length > channel.size()) throw new IOException(
			"truncated TIFF file (its first directory points past the end)");
		final ByteBuffer b = ByteBuffer.allocate(length);
		channel.position(offset);
		while (b.hasRemaining())
			if (channel.read(b) < 0) throw new IOException("truncated TIFF file");
		b.flip();
		return b;
	}
}
