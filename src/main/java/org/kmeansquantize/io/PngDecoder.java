package org.kmeansquantize.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A direct decoder for the PNGs most images come as: 8-bit grey, RGB and RGBA, not interlaced,
 * straight into the planes the engine reads (no {@code BufferedImage} in between, which for big
 * photos halves the time and the memory of reading). Other PNGs (palette, 16-bit, grey with
 * alpha, interlaced, RGB with a transparent colour) are left to {@code javax.imageio}. Sample
 * values are the file's, as {@code javax.imageio} gives them (no gamma or colour correction).
 * Stateless and thread-safe.
 */
public final class PngDecoder {

	private static final int GREY = 0, RGB = 2, RGBA = 6;
	/** Most that Deflate expands data. */
	private static final long MAX_DEFLATE_RATIO = 1032;

	private PngDecoder() {}

	/**
	 * @param data the whole file, a PNG
	 * @return its pixels, or null if this decoder does not take this kind of PNG
	 * @throws IOException if the file is corrupt or truncated
	 */
	static Planes read(final byte[] data) throws IOException {
		final int sig = PngEncoder.SIGNATURE.length;
		if (data.length < sig + 25) return null;
		for (int i = 0; i < sig; i++)
			if (data[i] != PngEncoder.SIGNATURE[i]) return null;
		if (getInt(data, sig) != 13 || !"IHDR".equals(new String(data, sig + 4, 4, StandardCharsets.ISO_8859_1)))
			return null;
		final int d0 = sig + 8;
		final long w = getInt(data, d0) & 0xffffffffL, h = getInt(data, d0 + 4) & 0xffffffffL;
		final int depth = data[d0 + 8], type = data[d0 + 9], interlace = data[d0 + 12];
		if (depth != 8 || interlace != 0 || type != GREY && type != RGB && type != RGBA) return null;
		if (w == 0 || h == 0) throw new IOException("the image has no pixels (" + w + "x" + h + ")");
		if (w * h > Integer.MAX_VALUE) throw new IOException("an image of " + w + "x" + h + " pixels is too large");
		// the image data: all IDAT chunks, checked
		int p = sig, idatBytes = 0;
		boolean end = false;
		while (!end) {
			if (p + 8 > data.length) throw corrupt("it ends before its IEND chunk");
			final int len = getInt(data, p);
			final String chunk = chunkType(data, p + 4);
			if (len < 0 || (long) p + 12 + len > data.length) throw corrupt("its " + chunk + " chunk is cut short");
			// critical chunks (upper-case first letter) must be intact; a damaged text or colour-profile
			// chunk does not change the pixels, and javax.imageio reads past it too
			if (Character.isUpperCase(chunk.charAt(0))) {
				final CRC32 crc = new CRC32();
				crc.update(data, p + 4, 4 + len);
				if ((int) crc.getValue() != getInt(data, p + 8 + len)) throw corrupt("CRC error in its " + chunk +
					" chunk");
			}
			// a transparent colour in an RGB or grey image: javax.imageio makes that alpha
			if ("tRNS".equals(chunk)) return null;
			if ("IDAT".equals(chunk)) idatBytes += len;
			end = "IEND".equals(chunk);
			p += 12 + len;
		}
		checkInflatable((w * (type == GREY ? 1 : type == RGB ? 3 : 4) + 1) * h, idatBytes);
		final byte[] idat = new byte[idatBytes];
		for (int q = sig, o = 0; o < idatBytes;) {
			final int len = getInt(data, q);
			if (data[q + 4] == 'I' && data[q + 5] == 'D' && data[q + 6] == 'A' && data[q + 7] == 'T') {
				System.arraycopy(data, q + 8, idat, o, len);
				o += len;
			}
			q += 12 + len;
		}
		final int width = (int) w, height = (int) h;
		final int bpp = type == GREY ? 1 : type == RGB ? 3 : 4;
		final ImageLayout.Type t = type == GREY ? ImageLayout.Type.GRAY8 : type == RGB ? ImageLayout.Type.RGB
			: ImageLayout.Type.RGBA;
		final ImageLayout layout = new ImageLayout(t, width, height, 1, 1, 1, "none", "png");
		final Object plane = type == GREY ? new byte[width * height] : new int[width * height];
		final int rowBytes = width * bpp;
		byte[] prev = new byte[rowBytes], cur = new byte[rowBytes];
		final byte[] filter = new byte[1];
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(idat);
			for (int y = 0; y < height; y++) {
				inflate(inflater, filter);
				inflate(inflater, cur);
				unfilter(filter[0], cur, prev, bpp);
				final int o = y * width;
				if (type == GREY) System.arraycopy(cur, 0, (byte[]) plane, o, width);
				else {
					final int[] argb = (int[]) plane;
					if (type == RGB) for (int x = 0, i = 0; x < width; x++, i += 3)
						argb[o + x] = 0xff000000 | (cur[i] & 0xff) << 16 | (cur[i + 1] & 0xff) << 8 | cur[i + 2] & 0xff;
					else for (int x = 0, i = 0; x < width; x++, i += 4)
						argb[o + x] = (cur[i + 3] & 0xff) << 24 | (cur[i] & 0xff) << 16 | (cur[i + 1] & 0xff) << 8 |
							cur[i + 2] & 0xff;
				}
				final byte[] s = prev;
				prev = cur;
				cur = s;
			}
		}
		finally {
			inflater.end();
		}
		return new Planes(layout, new Object[] { plane });
	}

	/**
	 * Refuses image data too short for the pixels it claims, before anything is allocated for them:
	 * Deflate expands at most 1032 times (a 258-byte match in 2 bits), so a PNG whose header claims
	 * more than that is corrupt or crafted.
	 *
	 * @param raw bytes the filtered rows take (a filter byte and the row's bytes, per row)
	 * @param compressed bytes of the IDAT chunks
	 * @throws IOException if {@code compressed} cannot hold {@code raw}
	 */
	public static void checkInflatable(final long raw, final long compressed) throws IOException {
		if (raw > compressed * MAX_DEFLATE_RATIO + 64) throw corrupt("its header claims " + raw +
			" bytes of pixels, which its " + compressed + " bytes of image data cannot hold");
	}

	/**
	 * @param data a PNG file
	 * @param at where a chunk's type starts
	 * @return its four letters; bytes that are no ASCII letter as {@code ?}, so that a damaged type
	 *         cannot break a one-line message
	 */
	public static String chunkType(final byte[] data, final int at) {
		final char[] c = new char[4];
		for (int i = 0; i < 4; i++) {
			final int b = data[at + i] & 0xff;
			c[i] = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' ? (char) b : '?';
		}
		return new String(c);
	}

	private static IOException corrupt(final String why) {
		return new IOException("corrupt or truncated PNG file (" + why + ")");
	}

	/**
	 * Fills {@code out} from the inflater.
	 *
	 * @throws IOException if the data are corrupt or end before {@code out} is full
	 */
	public static void inflate(final Inflater inflater, final byte[] out) throws IOException {
		try {
			int n = 0;
			while (n < out.length) {
				final int k = inflater.inflate(out, n, out.length - n);
				if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()))
					throw corrupt("its image data ends early");
				n += k;
			}
		}
		catch (final DataFormatException e) {
			throw corrupt(e.getMessage());
		}
	}

	/**
	 * Undoes a row's filter, in place.
	 *
	 * @param bpp bytes per pixel (at least 1): the filters' distance
	 * @throws IOException for an unknown filter type
	 */
	public static void unfilter(final byte type, final byte[] cur, final byte[] prev, final int bpp)
		throws IOException
	{
		final int n = cur.length;
		switch (type) {
			case 0:
				return;
			case 1:
				for (int i = bpp; i < n; i++)
					cur[i] += cur[i - bpp];
				return;
			case 2:
				for (int i = 0; i < n; i++)
					cur[i] += prev[i];
				return;
			case 3:
				for (int i = 0; i < bpp; i++)
					cur[i] += (byte) ((prev[i] & 0xff) >>> 1);
				for (int i = bpp; i < n; i++)
					cur[i] += (byte) (((cur[i - bpp] & 0xff) + (prev[i] & 0xff)) >>> 1);
				return;
			case 4:
				for (int i = 0; i < bpp; i++)
					cur[i] += prev[i];
				for (int i = bpp; i < n; i++)
					cur[i] += (byte) PngEncoder.paeth(cur[i - bpp] & 0xff, prev[i] & 0xff, prev[i - bpp] & 0xff);
				return;
			default:
				throw corrupt("row filter " + type);
		}
	}

	private static int getInt(final byte[] b, final int o) {
		return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
	}
}
