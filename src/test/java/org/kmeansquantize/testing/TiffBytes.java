package org.kmeansquantize.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Crafted TIFF files, byte by byte: chains of IFDs of one uncompressed strip each, with the next
 * IFD offset, the strip's offset and its length chosen by the test (cycles, shared strips, pages
 * of different sizes, BigTIFF headers).
 */
public final class TiffBytes {

	private TiffBytes() {}

	/** A page: its size, bits per sample and samples per pixel. */
	public static final class Page {

		final int width, height, bits, samples;

		/**
		 * @param width pixels per row
		 * @param height rows
		 * @param bits bits per sample (8, 16 or 32)
		 * @param samples samples per pixel (1 or 3)
		 */
		public Page(final int width, final int height, final int bits, final int samples) {
			this.width = width;
			this.height = height;
			this.bits = bits;
			this.samples = samples;
		}

		int bytes() {
			return width * height * bits / 8 * samples;
		}
	}

	private static final int ENTRIES = 8;
	private static final int IFD = 2 + ENTRIES * 12 + 4;

	/**
	 * @param pages the pages, each with its own strip of zeros after its IFD
	 * @return a little-endian classic TIFF of these pages, IFDs chained in order
	 */
	public static byte[] pages(final Page... pages) {
		int size = 8;
		for (final Page p : pages)
			size += IFD + p.bytes();
		final ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		for (int i = 0; i < pages.length; i++) {
			final int at = b.position();
			final int data = at + IFD;
			final int next = i + 1 < pages.length ? data + pages[i].bytes() : 0;
			ifd(b, pages[i], data, pages[i].bytes(), next);
			b.position(data + pages[i].bytes());
		}
		return b.array();
	}

	/**
	 * @param count IFDs in the chain
	 * @return a TIFF of {@code count} 1x1 8-bit IFDs that all point at one strip of one byte
	 */
	public static byte[] sharedStrip(final int count) {
		final int strip = 8;
		final ByteBuffer b = ByteBuffer.allocate(16 + count * IFD).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(16);
		b.position(16);
		for (int i = 0; i < count; i++) {
			final int next = i + 1 < count ? b.position() + IFD : 0;
			ifd(b, new Page(1, 1, 8, 1), strip, 1, next);
		}
		return b.array();
	}

	/**
	 * @param page the one page
	 * @return a little-endian BigTIFF holding it
	 */
	public static byte[] bigTiff(final Page page) {
		final int entries = ENTRIES;
		final int ifd = 8 + entries * 20 + 8;
		final ByteBuffer b = ByteBuffer.allocate(16 + ifd + page.bytes()).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
		b.putLong(entries);
		final long data = 16 + ifd;
		final long[][] e = tags(page, data, page.bytes());
		for (final long[] t : e)
			b.putShort((short) t[0]).putShort((short) 16).putLong(1).putLong(t[1]);
		b.putLong(0);
		return b.array();
	}

	/**
	 * Sets the next-IFD offset of the IFD at {@code ifd} (a TIFF made by {@link #pages}).
	 *
	 * @param tiff the file
	 * @param ifd byte offset of an IFD
	 * @param next the offset to store
	 */
	public static void setNext(final byte[] tiff, final int ifd, final int next) {
		ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(ifd + 2 + ENTRIES * 12, next);
	}

	/**
	 * @param pages the pages {@link #pages} was given
	 * @param index a page's index
	 * @return the byte offset of its IFD
	 */
	public static int ifdOffset(final Page[] pages, final int index) {
		int at = 8;
		for (int i = 0; i < index; i++)
			at += IFD + pages[i].bytes();
		return at;
	}

	private static void ifd(final ByteBuffer b, final Page p, final int data, final int bytes, final int next) {
		b.putShort((short) ENTRIES);
		for (final long[] t : tags(p, data, bytes))
			b.putShort((short) t[0]).putShort((short) 4).putInt(1).putInt((int) t[1]);
		b.putInt(next);
	}

	private static long[][] tags(final Page p, final long data, final int bytes) {
		return new long[][] { { 256, p.width }, { 257, p.height }, { 258, p.bits }, { 259, 1 }, { 262, p.samples == 3
			? 2 : 1 }, { 273, data }, { 277, p.samples }, { 279, bytes } };
	}
}
