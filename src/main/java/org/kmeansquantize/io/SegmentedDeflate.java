package org.kmeansquantize.io;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

import org.kmeansquantize.core.Threads;

/**
 * The zlib stream of a PNG's image data (filtered rows) compressed in segments side by side, as
 * pigz does: each segment is a deflate block run that starts with the previous segment's last 32 KB
 * as dictionary, so the segments join into one valid zlib stream, a few bytes larger than one
 * compressed at once. A segment filters its rows itself, reading the row above its first. Segments depend on the image's size only, so the bytes do not depend on the
 * number of threads. Threads come from ImgLib2's {@code Parallelization} of the caller: one thread
 * under {@code Parallelization.runSingleThreaded}.
 */
final class SegmentedDeflate {

	/** Deflate's window: the dictionary of a segment is at most this many bytes. */
	private static final int WINDOW = 1 << 15;

	private SegmentedDeflate() {}

	/**
	 * @param rows the image's rows, read from the caller's threads at once, in any order
	 * @param height number of rows
	 * @param n bytes in one unfiltered row
	 * @param perSegment rows in one segment
	 * @param level the deflate level
	 * @param filtering the rows' filtering
	 * @param bpp bytes per complete pixel, at least 1
	 * @return the zlib stream: header, the segments, the Adler-32 of all filtered rows
	 */
	static byte[] compress(final PngEncoder.Rows rows, final int height, final int n, final int perSegment,
		final int level, final PngEncoder.Filtering filtering, final int bpp)
	{
		final int segments = (height + perSegment - 1) / perSegment;
		final List<Segment> parts = new ArrayList<>();
		for (int s = 0; s < segments; s++)
			parts.add(new Segment(s * perSegment, Math.min(height, (s + 1) * perSegment)));
		final List<Segment> done = Threads.forEachApply(parts, p -> p.compress(rows, height,
			n, level, filtering, bpp));
		final ByteArrayOutputStream stream = new ByteArrayOutputStream();
		// zlib header: deflate, 32 KB window, level 9's flag, check bits
		stream.write(0x78);
		stream.write(0xda);
		long adler = 1;
		for (final Segment p : done) {
			stream.write(p.deflated, 0, p.deflated.length);
			adler = adler32Combine(adler, p.adler, (long) (p.to - p.from) * (n + 1));
		}
		for (int i = 3; i >= 0; i--)
			stream.write((int) (adler >>> (8 * i)) & 0xff);
		return stream.toByteArray();
	}

	/** Rows {@code from..to-1}, and once compressed their deflate data and Adler-32. */
	private static final class Segment {

		final int from;
		final int to;
		byte[] deflated;
		long adler;

		Segment(final int from, final int to) {
			this.from = from;
			this.to = to;
		}

		/**
		 * Compresses the rows: raw deflate data ending in a sync flush, or finished for the last
		 * rows.
		 *
		 * @return this
		 */
		Segment compress(final PngEncoder.Rows rows, final int height, final int n, final int level,
			final PngEncoder.Filtering filtering, final int bpp)
		{
			// the dictionary: the previous rows' last 32 KB, exactly as the decoder will have them
			final int dictRows = Math.min(from, (WINDOW + n) / (n + 1));
			final byte[] dict = new byte[dictRows * (n + 1)];
			final byte[] data = new byte[(to - from) * (n + 1)];
			byte[] prev = new byte[n];
			byte[] cur = new byte[n];
			final byte[][] f = PngEncoder.filterBuffers(n);
			final int first = from - dictRows;
			if (first > 0 && filtering != PngEncoder.Filtering.NONE) rows.row(first - 1, prev);
			for (int y = first; y < to; y++) {
				Arrays.fill(cur, (byte) 0);
				rows.row(y, cur);
				final byte[] line = PngEncoder.filter(filtering, cur, prev, bpp, f);
				if (y < from) System.arraycopy(line, 0, dict, (y - first) * (n + 1), n + 1);
				else System.arraycopy(line, 0, data, (y - from) * (n + 1), n + 1);
				final byte[] t = prev;
				prev = cur;
				cur = t;
			}
			final Deflater d = new Deflater(level, true);
			try {
				if (filtering != PngEncoder.Filtering.NONE) d.setStrategy(Deflater.FILTERED);
				if (dictRows > 0) {
					final int off = Math.max(0, dict.length - WINDOW);
					d.setDictionary(dict, off, dict.length - off);
				}
				d.setInput(data);
				final ByteArrayOutputStream b = new ByteArrayOutputStream(data.length / 4 + 64);
				final byte[] buf = new byte[1 << 16];
				if (to == height) {
					d.finish();
					while (!d.finished())
						b.write(buf, 0, d.deflate(buf));
				}
				else {
					int got;
					do {
						got = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
						b.write(buf, 0, got);
					}
					while (got == buf.length || !d.needsInput());
				}
				final Adler32 a = new Adler32();
				a.update(data);
				deflated = b.toByteArray();
				adler = a.getValue();
				return this;
			}
			finally {
				d.end();
			}
		}
	}

	/** zlib's adler32_combine: the Adler-32 of A followed by B from those of A and B and B's length. */
	static long adler32Combine(final long adler1, final long adler2, final long len2) {
		final long base = 65521;
		final long rem = len2 % base;
		long sum1 = adler1 & 0xffff;
		long sum2 = rem * sum1 % base;
		sum1 += (adler2 & 0xffff) + base - 1;
		sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + base - rem;
		if (sum1 >= base) sum1 -= base;
		if (sum1 >= base) sum1 -= base;
		if (sum2 >= base << 1) sum2 -= base << 1;
		if (sum2 >= base) sum2 -= base;
		return sum1 | sum2 << 16;
	}
}
