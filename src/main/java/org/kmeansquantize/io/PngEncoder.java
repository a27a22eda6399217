package org.kmeansquantize.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one non-interlaced PNG image: grey, grey with alpha, RGB or RGBA at 8 or 16 bits per
 * sample, or indexed colour at 1, 2, 4 or 8 bits per pixel with a palette and optional
 * transparency, plus optional compressed text ({@code zTXt}). Chunks are written in the order
 * IHDR, PLTE, tRNS, zTXt, IDAT, IEND, each with its CRC-32.
 * <p>
 * Rows are filtered either all with filter None or, adaptively, each with the one of the five PNG
 * filters whose output has the smallest sum of absolute values (the heuristic of the PNG
 * specification, section 12.8), then compressed with {@link Deflater}.
 * </p>
 * <p>
 * An encoder is configured with its setters and then {@linkplain #write written}; it is not
 * thread-safe and may be reused.
 * </p>
 */
public final class PngEncoder {

	/** PNG colour type 0: grey. */
	public static final int GREY = 0;
	/** PNG colour type 2: RGB. */
	public static final int RGB = 2;
	/** PNG colour type 3: palette indices. */
	public static final int INDEXED = 3;
	/** PNG colour type 4: grey and alpha. */
	public static final int GREY_ALPHA = 4;
	/** PNG colour type 6: RGB and alpha. */
	public static final int RGBA = 6;

	/** The PNG file signature. */
	public static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	/** Largest IDAT chunk written; readers cope with any size, this bounds the buffer. */
	private static final int IDAT_SIZE = 1 << 16;

	/** How rows are filtered before compression. */
	public enum Filtering {
		/** Filter None on every row: usually best for palette indices. */
		NONE,
		/** Per row, the filter with the minimum sum of absolute differences. */
		ADAPTIVE,
		/** Filter Up on every row: often best for labels of smooth images, whose rows repeat. */
		UP
	}

	/** Supplies the rows of the image. */
	public interface Rows {

		/**
		 * Writes the unfiltered bytes of one row: samples in PNG order, 16-bit samples big-endian,
		 * sub-byte indices packed from the most significant bit.
		 *
		 * @param y row index, 0..height-1, called in increasing order
		 * @param out {@link PngEncoder#rowBytes()} bytes to fill; zero on entry
		 */
		void row(int y, byte[] out);
	}

	private final int width;
	private final int height;
	private final int colorType;
	private final int bitDepth;
	private byte[] palette;
	private byte[] alpha;
	private String keyword;
	private String text;
	private Filtering filtering = Filtering.ADAPTIVE;
	private int level = Deflater.BEST_COMPRESSION;
	private boolean segmented;

	/**
	 * Bytes of rows compressed together in one segment of a {@linkplain #segmented(boolean)
	 * segmented} file: small enough that a 2-megapixel image keeps two threads busy, large enough
	 * that the segments' flushes cost next to nothing (pigz uses 128 KB).
	 */
	private static final long SEGMENT_BYTES = 1 << 18;

	/**
	 * @param width pixels per row, at least 1
	 * @param height rows, at least 1
	 * @param colorType {@link #GREY}, {@link #RGB}, {@link #INDEXED}, {@link #GREY_ALPHA} or
	 *          {@link #RGBA}
	 * @param bitDepth bits per sample: 1, 2, 4 or 8 for {@link #INDEXED}; 8 or 16 otherwise
	 * @throws IllegalArgumentException if the combination is not one this encoder writes
	 */
	public PngEncoder(final int width, final int height, final int colorType, final int bitDepth) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("a PNG image needs at least one pixel, not " +
			width + "x" + height);
		final boolean ok = colorType == INDEXED ? bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8
			: (colorType == GREY || colorType == RGB || colorType == GREY_ALPHA || colorType == RGBA) &&
				(bitDepth == 8 || bitDepth == 16);
		if (!ok) throw new IllegalArgumentException("PNG colour type " + colorType + " at " + bitDepth +
			" bits is not supported");
		if ((long) width * samples(colorType) * bitDepth > 8L * (Integer.MAX_VALUE - 16))
			throw new IllegalArgumentException("a row of " + width + " pixels is too long for a PNG file");
		this.width = width;
		this.height = height;
		this.colorType = colorType;
		this.bitDepth = bitDepth;
	}

	/**
	 * @param bits the largest palette index that must fit, 0..255
	 * @return the smallest PNG bit depth (1, 2, 4 or 8) that holds indices up to {@code bits}
	 */
	public static int indexBitDepth(final int bits) {
		if (bits < 0 || bits > 255) throw new IllegalArgumentException("a palette index is 0..255, not " + bits);
		return bits < 2 ? 1 : bits < 4 ? 2 : bits < 16 ? 4 : 8;
	}

	/**
	 * Sets the palette of an indexed image.
	 *
	 * @param rgb red, green, blue of each entry (copied); 1 to 2<sup>bitDepth</sup> entries
	 * @return this
	 */
	public PngEncoder palette(final byte[] rgb) {
		if (colorType != INDEXED) throw new IllegalStateException("only indexed images have a palette");
		if (rgb.length == 0 || rgb.length % 3 != 0 || rgb.length / 3 > 1 << bitDepth)
			throw new IllegalArgumentException("a palette of " + bitDepth + "-bit indices has 1 to " + (1 << bitDepth) +
				" RGB entries, not " + rgb.length / 3.0);
		palette = rgb.clone();
		return this;
	}

	/**
	 * Sets the alpha of the palette entries (the tRNS chunk); entries past the end are opaque.
	 *
	 * @param entryAlpha alpha per palette entry (copied), or null for an opaque palette
	 * @return this
	 */
	public PngEncoder transparency(final byte[] entryAlpha) {
		if (colorType != INDEXED) throw new IllegalStateException("only indexed images take palette transparency");
		alpha = entryAlpha == null ? null : entryAlpha.clone();
		return this;
	}

	/**
	 * Adds compressed text (a zTXt chunk).
	 *
	 * @param key keyword, 1 to 79 printable Latin-1 characters
	 * @param value the text, Latin-1
	 * @return this
	 */
	public PngEncoder text(final String key, final String value) {
		if (key.isEmpty() || key.length() > 79 || !latin1(key) || !latin1(value))
			throw new IllegalArgumentException("PNG text must be Latin-1 with a keyword of 1 to 79 characters");
		keyword = key;
		text = value;
		return this;
	}

	/**
	 * @param f how rows are filtered (default {@link Filtering#ADAPTIVE})
	 * @return this
	 */
	public PngEncoder filtering(final Filtering f) {
		filtering = f;
		return this;
	}

	/**
	 * @param deflateLevel {@link Deflater} level 0..9 (default 9)
	 * @return this
	 */
	public PngEncoder level(final int deflateLevel) {
		if (deflateLevel < 0 || deflateLevel > 9) throw new IllegalArgumentException("deflate level is 0..9, not " +
			deflateLevel);
		level = deflateLevel;
		return this;
	}

	/**
	 * Compresses the image data in segments of about 256 KB on the threads of the caller's ImgLib2
	 * {@code Parallelization} (one under {@code Parallelization.runSingleThreaded}), each a deflate
	 * block run that starts with the previous segment's last 32 KB as dictionary (as pigz does): one
	 * valid zlib stream, a few bytes larger than one compressed at once. Segments depend on the
	 * image's size only, so the file does not depend on the number of threads. Only for {@link Rows}
	 * that may be called from several threads at once, in any order, and more than once per row.
	 *
	 * @param on whether to compress in segments (default false)
	 * @return this
	 */
	public PngEncoder segmented(final boolean on) {
		segmented = on;
		return this;
	}

	/** @return bytes in one unfiltered row */
	public int rowBytes() {
		return (int) (((long) width * samples(colorType) * bitDepth + 7) / 8);
	}

	/**
	 * Writes the whole file.
	 *
	 * @param out receives the PNG file; not closed
	 * @param rows the pixels
	 * @throws IOException if writing fails
	 * @throws IllegalStateException if an indexed image has no palette
	 */
	public void write(final OutputStream out, final Rows rows) throws IOException {
		if (colorType == INDEXED && palette == null) throw new IllegalStateException("an indexed PNG needs a palette");
		out.write(SIGNATURE);
		final byte[] ihdr = new byte[13];
		putInt(ihdr, 0, width);
		putInt(ihdr, 4, height);
		ihdr[8] = (byte) bitDepth;
		ihdr[9] = (byte) colorType;
		chunk(out, "IHDR", ihdr, ihdr.length);
		if (palette != null) chunk(out, "PLTE", palette, palette.length);
		if (alpha != null) {
			int n = Math.min(alpha.length, palette.length / 3);
			while (n > 0 && alpha[n - 1] == (byte) 0xff)
				n--;
			if (n > 0) chunk(out, "tRNS", alpha, n);
		}
		if (keyword != null) writeText(out);
		writeImageData(out, rows);
		chunk(out, "IEND", new byte[0], 0);
	}

	private void writeText(final OutputStream out) throws IOException {
		final byte[] key = keyword.getBytes(StandardCharsets.ISO_8859_1);
		final byte[] packed = deflate(text.getBytes(StandardCharsets.ISO_8859_1));
		final byte[] data = new byte[key.length + 2 + packed.length];
		System.arraycopy(key, 0, data, 0, key.length);
		// a zero byte ends the keyword; compression method 0 (deflate) follows
		System.arraycopy(packed, 0, data, key.length + 2, packed.length);
		chunk(out, "zTXt", data, data.length);
	}

	private void writeImageData(final OutputStream out, final Rows rows) throws IOException {
		final int n = rowBytes();
		final int bpp = Math.max(1, samples(colorType) * bitDepth / 8);
		final int perSegment = (int) Math.max(1, SEGMENT_BYTES / (n + 1));
		if (segmented && height > perSegment) {
			final byte[] all = SegmentedDeflate.compress(rows, height, n, perSegment, level, filtering, bpp);
			for (int o = 0; o < all.length; o += IDAT_SIZE) {
				final int len = Math.min(IDAT_SIZE, all.length - o);
				chunk(out, "IDAT", Arrays.copyOfRange(all, o, o + len), len);
			}
			return;
		}
		byte[] prev = new byte[n];
		byte[] cur = new byte[n];
		final byte[][] filtered = filterBuffers(n);
		final Deflater deflater = new Deflater(level);
		if (filtering != Filtering.NONE) deflater.setStrategy(Deflater.FILTERED);
		final byte[] buf = new byte[IDAT_SIZE];
		int fill = 0;
		try {
			for (int y = 0; y < height; y++) {
				Arrays.fill(cur, (byte) 0);
				rows.row(y, cur);
				final byte[] line = filter(filtering, cur, prev, bpp, filtered);
				deflater.setInput(line, 0, n + 1);
				if (y == height - 1) deflater.finish();
				while (y == height - 1 ? !deflater.finished() : !deflater.needsInput()) {
					fill += deflater.deflate(buf, fill, buf.length - fill);
					if (fill == buf.length) {
						chunk(out, "IDAT", buf, fill);
						fill = 0;
					}
				}
				final byte[] t = prev;
				prev = cur;
				cur = t;
			}
			if (fill > 0) chunk(out, "IDAT", buf, fill);
		}
		finally {
			deflater.end();
		}
	}

	/** @return five buffers of a filtered row of {@code n} bytes, each with its filter type byte set */
	static byte[][] filterBuffers(final int n) {
		final byte[][] filtered = new byte[5][n + 1];
		for (int f = 0; f < 5; f++)
			filtered[f][0] = (byte) f;
		return filtered;
	}

	/**
	 * @param filtering how to filter
	 * @param cur the row
	 * @param prev the row above (zeros for the first row)
	 * @param bpp bytes per complete pixel, at least 1
	 * @param f buffers from {@link #filterBuffers}
	 * @return the filtered row with its filter type byte: one of {@code f}
	 */
	static byte[] filter(final Filtering filtering, final byte[] cur, final byte[] prev, final int bpp,
		final byte[][] f)
	{
		return filtering == Filtering.NONE ? none(cur, f[0]) : filtering == Filtering.UP ? up(cur, prev, f[2]) : best(
			cur, prev, bpp, f);
	}

	private static byte[] none(final byte[] cur, final byte[] out) {
		System.arraycopy(cur, 0, out, 1, cur.length);
		return out;
	}

	private static byte[] up(final byte[] cur, final byte[] prev, final byte[] out) {
		for (int i = 0; i < cur.length; i++)
			out[i + 1] = (byte) (cur[i] - prev[i]);
		return out;
	}

	/** Filters the row with all five filters and returns the one of least absolute sum. */
	private static byte[] best(final byte[] cur, final byte[] prev, final int bpp, final byte[][] f) {
		final int n = cur.length;
		long sNone = 0, sSub = 0, sUp = 0, sAvg = 0, sPaeth = 0;
		final byte[] fNone = f[0], fSub = f[1], fUp = f[2], fAvg = f[3], fPaeth = f[4];
		for (int i = 0; i < n; i++) {
			final int x = cur[i] & 0xff;
			final int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
			final int b = prev[i] & 0xff;
			final int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
			final byte vNone = (byte) x, vSub = (byte) (x - a), vUp = (byte) (x - b);
			final byte vAvg = (byte) (x - ((a + b) >>> 1)), vPaeth = (byte) (x - paeth(a, b, c));
			fNone[i + 1] = vNone;
			fSub[i + 1] = vSub;
			fUp[i + 1] = vUp;
			fAvg[i + 1] = vAvg;
			fPaeth[i + 1] = vPaeth;
			sNone += Math.abs(vNone);
			sSub += Math.abs(vSub);
			sUp += Math.abs(vUp);
			sAvg += Math.abs(vAvg);
			sPaeth += Math.abs(vPaeth);
		}
		int best = 0;
		long min = sNone;
		if (sSub < min) {
			min = sSub;
			best = 1;
		}
		if (sUp < min) {
			min = sUp;
			best = 2;
		}
		if (sAvg < min) {
			min = sAvg;
			best = 3;
		}
		if (sPaeth < min) best = 4;
		return f[best];
	}

	static int paeth(final int a, final int b, final int c) {
		final int p = a + b - c;
		final int pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
		if (pa <= pb && pa <= pc) return a;
		return pb <= pc ? b : c;
	}

	/**
	 * Compresses text with the default and the filtered deflate strategy and keeps the shorter:
	 * for a codebook's many decimal digits the filtered strategy, which prefers literals to short
	 * matches, saves about a tenth.
	 */
	private byte[] deflate(final byte[] data) {
		final byte[] a = deflate(data, Deflater.DEFAULT_STRATEGY);
		final byte[] b = deflate(data, Deflater.FILTERED);
		return b.length < a.length ? b : a;
	}

	private byte[] deflate(final byte[] data, final int strategy) {
		final Deflater d = new Deflater(level);
		try {
			d.setStrategy(strategy);
			d.setInput(data);
			d.finish();
			byte[] out = new byte[Math.max(64, data.length / 2)];
			int len = 0;
			while (!d.finished()) {
				if (len == out.length) out = Arrays.copyOf(out, out.length * 2);
				len += d.deflate(out, len, out.length - len);
			}
			return Arrays.copyOf(out, len);
		}
		finally {
			d.end();
		}
	}

	private static void chunk(final OutputStream out, final String type, final byte[] data, final int len)
		throws IOException
	{
		final byte[] head = new byte[8];
		putInt(head, 0, len);
		final byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(t, 0, head, 4, 4);
		final CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data, 0, len);
		out.write(head);
		out.write(data, 0, len);
		final byte[] tail = new byte[4];
		putInt(tail, 0, (int) crc.getValue());
		out.write(tail);
	}

	private static void putInt(final byte[] b, final int o, final int v) {
		b[o] = (byte) (v >>> 24);
		b[o + 1] = (byte) (v >>> 16);
		b[o + 2] = (byte) (v >>> 8);
		b[o + 3] = (byte) v;
	}

	private static boolean latin1(final String s) {
		for (int i = 0; i < s.length(); i++)
			if (s.charAt(i) > 0xff) return false;
		return true;
	}

	/** @return samples per pixel of a colour type */
	static int samples(final int colorType) {
		switch (colorType) {
			case RGB:
				return 3;
			case GREY_ALPHA:
				return 2;
			case RGBA:
				return 4;
			default:
				return 1;
		}
	}
}
