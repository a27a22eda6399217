package org.kmeansquantize.labelfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.kmeansquantize.core.Threads;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.PngDecoder;
import org.kmeansquantize.io.PngEncoder;

/**
 * The label PNG: an indexed-colour PNG whose palette is the codebook's reconstructed values (with
 * a tRNS chunk holding each entry's alpha for images with alpha), whose pixels are the labels at
 * the smallest bit depth that holds them (1, 2, 4 or 8), and whose zTXt chunk with keyword
 * {@value #KEYWORD} holds the {@linkplain LabelImage#metadata() layout and full-precision
 * codebook}. Any PNG viewer shows the quantized image; {@link #read} gets labels and codebook back.
 * <p>
 * It holds one plane of an image with 8-bit values that a palette shows: grey, grey with alpha,
 * RGB or RGBA ({@link ImageLayout#fitsIndexedPng()}). Stateless and thread-safe.
 * </p>
 */
public final class LabelPng {

	/** Keyword of the text chunk holding the metadata. */
	public static final String KEYWORD = "kmeans-quantize";

	/**
	 * Pixels of the sample on which the row filters are chosen: images up to twice this size are
	 * tried whole, bigger ones on bands of rows spread over the image.
	 */
	private static final long TRIAL_PIXELS = 1 << 18;

	/** Rows in one band of the sample of a big image. */
	private static final int TRIAL_BAND = 16;

	/**
	 * The deflate level of the file and of the trials that choose its row filters: zlib's default.
	 * Level 9 made the evaluation images' label files 0.0 to 2.4 % smaller (0.5 % typically) but took
	 * up to four times as long, with row filters up to a fifth of a second on a 1.2-megapixel photo.
	 */
	static final int LEVEL = 6;

	/**
	 * The deflate level of the trials: zlib's fastest. It ranks the filters as {@link #LEVEL} does
	 * unless two come within {@link #CLOSE} of each other; those two are tried again at
	 * {@link #LEVEL}. On the evaluation images at k = 16, 64 and 256 the files came out byte for byte
	 * those of trials at {@link #LEVEL}, written in 16 % less time (2026-12-06).
	 */
	private static final int TRIAL_LEVEL = 1;

	/** Relative difference of trial sizes below which the fast trials do not decide. */
	private static final double CLOSE = 0.02;

	private LabelPng() {}

	/**
	 * @param labels the labels; their layout must {@linkplain ImageLayout#fitsIndexedPng() fit}
	 * @param out receives the PNG file; not closed
	 * @throws IOException if writing fails
	 * @throws IllegalArgumentException if the layout does not fit an indexed PNG
	 */
	public static void write(final LabelImage labels, final OutputStream out) throws IOException {
		final ImageLayout l = labels.layout();
		if (!l.fitsIndexedPng()) throw new IllegalArgumentException(
			"a palette PNG holds one plane of 8-bit grey, RGB or RGBA, not " + l.describe() + ": use .tif");
		final int n = labels.codebook().size();
		final byte[][] c = labels.colours();
		final byte[] rgb = new byte[3 * n];
		for (int i = 0; i < n; i++) {
			rgb[3 * i] = c[0][i];
			rgb[3 * i + 1] = c[1][i];
			rgb[3 * i + 2] = c[2][i];
		}
		final int depth = PngEncoder.indexBitDepth(n - 1);
		final boolean alpha = l.valuesPerPixel() == 2 || l.valuesPerPixel() == 4;
		final int w = l.width();
		final byte[] plane = labels.plane(0);
		final PngEncoder.Rows rows = (y, row) -> pack(plane, y * w, w, depth, row);
		// filter None is smallest for most palette images; smooth, brightness-ordered palettes (grey
		// images) gain from row filters. Each way is tried side by side on a sample of rows at the
		// fast level (the two best again at the file's level if they are close), and only the smallest
		// (the first of equals, so the file does not depend on timing) is compressed, in segments side
		// by side (the rows are pure reads)
		final int[] sample = sampleRows(w, l.height());
		final PngEncoder.Rows sampled = (y, row) -> rows.row(sample[y], row);
		final PngEncoder.Filtering[] ways = PngEncoder.Filtering.values();
		final BiFunction<PngEncoder.Filtering, Integer, Long> trial = (f, level) -> trialSize(new PngEncoder(w,
			sample.length, PngEncoder.INDEXED, depth).palette(rgb).filtering(f).level(level), sampled);
		final List<Long> sizes = Threads.forEachApply(Arrays.asList(ways), f -> trial.apply(f, TRIAL_LEVEL));
		int best = 0, second = -1;
		for (int f = 1; f < sizes.size(); f++)
			if (sizes.get(f) < sizes.get(best)) best = f;
		for (int f = 0; f < sizes.size(); f++)
			if (f != best && (second < 0 || sizes.get(f) < sizes.get(second))) second = f;
		if (sizes.get(second) <= sizes.get(best) * (1 + CLOSE)) {
			final List<PngEncoder.Filtering> two = Arrays.asList(ways[Math.min(best, second)], ways[Math.max(best,
				second)]);
			final List<Long> again = Threads.forEachApply(two, f -> trial.apply(f, LEVEL));
			best = (again.get(1) < again.get(0) ? two.get(1) : two.get(0)).ordinal();
		}
		encoder(l, depth, rgb, alpha ? c[3] : null, labels.metadata(), ways[best]).level(
			LEVEL).segmented(true).write(out, rows);
	}

	/**
	 * @return the rows on which the filters are tried: all of an image of up to twice
	 *         {@value #TRIAL_PIXELS} pixels; else bands of {@value #TRIAL_BAND} rows spread evenly,
	 *         about {@value #TRIAL_PIXELS} pixels in all
	 */
	static int[] sampleRows(final int w, final int h) {
		final long step = Math.max(1, (long) w * h / TRIAL_PIXELS);
		if (step < 2) {
			final int[] all = new int[h];
			for (int y = 0; y < h; y++)
				all[y] = y;
			return all;
		}
		final int bands = (h + TRIAL_BAND - 1) / TRIAL_BAND;
		final int[] rows = new int[h];
		int n = 0;
		for (int b = 0; b < bands; b += step)
			for (int y = b * TRIAL_BAND; y < Math.min(h, (b + 1) * TRIAL_BAND); y++)
				rows[n++] = y;
		return Arrays.copyOf(rows, n);
	}

	/** @return the size of the file the encoder writes */
	private static long trialSize(final PngEncoder encoder, final PngEncoder.Rows rows) {
		final long[] size = new long[1];
		final OutputStream counter = new OutputStream() {

			@Override
			public void write(final int b) {
				size[0]++;
			}

			@Override
			public void write(final byte[] b, final int off, final int len) {
				size[0] += len;
			}
		};
		try {
			encoder.write(counter, rows);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return size[0];
	}

	private static PngEncoder encoder(final ImageLayout l, final int depth, final byte[] rgb, final byte[] alpha,
		final String metadata, final PngEncoder.Filtering filtering)
	{
		final PngEncoder e = new PngEncoder(l.width(), l.height(), PngEncoder.INDEXED, depth).palette(rgb).transparency(
			alpha).filtering(filtering);
		return metadata == null ? e : e.text(KEYWORD, metadata);
	}

	/** Packs {@code w} labels from {@code src[o..]} at {@code depth} bits each, most significant first. */
	private static void pack(final byte[] src, final int o, final int w, final int depth, final byte[] row) {
		if (depth == 8) {
			System.arraycopy(src, o, row, 0, w);
			return;
		}
		final int perByte = 8 / depth;
		for (int b = 0, x = 0; b < row.length; b++) {
			int v = 0;
			for (int j = 0; j < perByte; j++, x++)
				v = (v << depth) | (x < w ? src[o + x] & 0xff : 0);
			row[b] = (byte) v;
		}
	}

	/**
	 * @param data the whole file
	 * @return its labels, layout and codebook
	 * @throws IOException if it is not a PNG, is corrupt or truncated, or is not a label PNG (not
	 *           indexed, interlaced, or without the {@value #KEYWORD} text)
	 */
	public static LabelImage read(final byte[] data) throws IOException {
		try {
			return readChecked(data);
		}
		catch (final RuntimeException e) {
			// damage the checks below do not name: say so without the exception's text
			throw new IOException("corrupt k-means label PNG (its data cannot be decoded)");
		}
	}

	private static LabelImage readChecked(final byte[] data) throws IOException {
		for (int i = 0; i < PngEncoder.SIGNATURE.length; i++)
			if (i >= data.length || data[i] != PngEncoder.SIGNATURE[i]) throw new IOException("not a PNG file");
		int width = 0, height = 0, depth = 0;
		String text = null;
		final ByteArrayOutputStream idat = new ByteArrayOutputStream();
		boolean header = false, end = false;
		int p = PngEncoder.SIGNATURE.length;
		while (!end) {
			if (p + 8 > data.length) throw new IOException("truncated PNG file (it ends before its IEND chunk)");
			final int len = getInt(data, p);
			final String type = PngDecoder.chunkType(data, p + 4);
			if (len < 0 || (long) p + 12 + len > data.length) throw new IOException("truncated PNG file (its " + type +
				" chunk is cut short)");
			final CRC32 crc = new CRC32();
			crc.update(data, p + 4, 4 + len);
			if ((int) crc.getValue() != getInt(data, p + 8 + len)) throw new IOException(
				"corrupt PNG file (CRC error in its " + type + " chunk)");
			final int d = p + 8;
			switch (type) {
				case "IHDR":
					if (len != 13) throw new IOException("corrupt PNG file (IHDR of " + len + " bytes)");
					width = getInt(data, d);
					height = getInt(data, d + 4);
					depth = data[d + 8];
					if (data[d + 9] != PngEncoder.INDEXED || data[d + 12] != 0 || depth > 8)
						throw new IOException("not a k-means label PNG (not a non-interlaced palette PNG)");
					header = true;
					break;
				case "IDAT":
					idat.write(data, d, len);
					break;
				case "zTXt":
				case "tEXt":
					final String t = text(data, d, len, "zTXt".equals(type));
					if (t != null) text = t;
					break;
				case "IEND":
					end = true;
					break;
				default:
			}
			p += 12 + len;
		}
		if (!header) throw new IOException("corrupt PNG file (no IHDR chunk)");
		if (text == null) throw new IOException("not a k-means label PNG (no '" + KEYWORD +
			"' text: it was not written by compress)");
		if (width < 1 || height < 1) throw new IOException("corrupt PNG file (" + (width & 0xffffffffL) + "x" +
			(height & 0xffffffffL) + " pixels)");
		if (depth != 1 && depth != 2 && depth != 4 && depth != 8) throw new IOException(
			"corrupt PNG file (palette bit depth " + depth + ")");
		final long rowBytes = ((long) width * depth + 7) / 8;
		PngDecoder.checkInflatable((rowBytes + 1) * height, idat.size());
		final LabelImage labels;
		try {
			final ImageLayout l = ImageLayout.parse(text);
			if (l.width() != width || l.height() != height) throw new IOException(
				"corrupt k-means label PNG (its layout says " + l.describe() + " but the PNG is " + width + "x" +
					height + ")");
			final byte[] plane = new byte[Math.multiplyExact(width, height)];
			labels = LabelImage.of(text, new byte[][] { plane });
			unfilter(idat.toByteArray(), width, height, depth, plane);
		}
		catch (final IllegalArgumentException | ArithmeticException e) {
			throw new IOException("corrupt k-means label PNG (" + e.getMessage() + ")");
		}
		return labels;
	}

	/** @return the text of a tEXt or zTXt chunk with our keyword, or null for another keyword */
	private static String text(final byte[] data, final int d, final int len, final boolean compressed)
		throws IOException
	{
		final byte[] key = KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
		if (len < key.length + 1 || data[d + key.length] != 0) return null;
		for (int i = 0; i < key.length; i++)
			if (data[d + i] != key[i]) return null;
		final int start = d + key.length + (compressed ? 2 : 1);
		final int n = d + len - start;
		if (n < 0) throw new IOException("corrupt PNG file (empty " + KEYWORD + " text)");
		if (!compressed) return new String(data, start, n, StandardCharsets.ISO_8859_1);
		if (n > CodebookFormat.MAX_TEXT) throw new IOException("its " + KEYWORD + " text has " + n +
			" bytes, more than the " + CodebookFormat.MAX_TEXT + " allowed");
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(data, start, n);
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			final byte[] buf = new byte[8192];
			while (!inflater.finished()) {
				if (out.size() > CodebookFormat.MAX_TEXT) throw new IOException("its " + KEYWORD +
					" text inflates to more than the " + CodebookFormat.MAX_TEXT + " bytes allowed");
				final int k = inflater.inflate(buf);
				if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) throw new IOException(
					"corrupt PNG file (its " + KEYWORD + " text is cut short)");
				out.write(buf, 0, k);
			}
			return out.toString(StandardCharsets.ISO_8859_1.name());
		}
		catch (final DataFormatException e) {
			throw new IOException("corrupt PNG file (" + e.getMessage() + ")");
		}
		finally {
			inflater.end();
		}
	}

	/** Inflates and unfilters the image data and unpacks the indices into {@code plane}. */
	private static void unfilter(final byte[] compressed, final int w, final int h, final int depth,
		final byte[] plane) throws IOException
	{
		final int rowBytes = (int) (((long) w * depth + 7) / 8);
		byte[] prev = new byte[rowBytes];
		byte[] cur = new byte[rowBytes];
		final byte[] filter = new byte[1];
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(compressed);
			for (int y = 0; y < h; y++) {
				PngDecoder.inflate(inflater, filter);
				PngDecoder.inflate(inflater, cur);
				// indexed pixels of at most 8 bits: the filters' byte distance is 1
				PngDecoder.unfilter(filter[0], cur, prev, 1);
				unpack(cur, depth, plane, y * w, w);
				final byte[] t = prev;
				prev = cur;
				cur = t;
			}
		}
		finally {
			inflater.end();
		}
	}

	private static void unpack(final byte[] row, final int depth, final byte[] plane, final int o, final int w) {
		if (depth == 8) {
			System.arraycopy(row, 0, plane, o, w);
			return;
		}
		final int perByte = 8 / depth, mask = (1 << depth) - 1;
		for (int x = 0; x < w; x++) {
			final int shift = 8 - depth * (x % perByte + 1);
			plane[o + x] = (byte) ((row[x / perByte] >>> shift) & mask);
		}
	}

	private static int getInt(final byte[] b, final int o) {
		return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
	}
}
