package org.kmeansquantize.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A bounded walk over a TIFF file's structure, run before any TIFF reader touches the file: the
 * header (classic TIFF and BigTIFF, either byte order), the chain of image file directories
 * (IFDs, one per page) and, per page, its size, sample type and where its strips or tiles lie.
 * What a reader would trust blindly is checked against the file:
 * <ul>
 * <li>the IFD chain must not loop (an IFD pointing back to itself or to an earlier one; found with
 * Brent's cycle detection, in constant memory, after at most about twice the chain's length);</li>
 * <li>at most {@value #MAX_PAGES} pages, at most {@value #MAX_TAGS} tags per IFD, every IFD, tag
 * value and strip or tile inside the file;</li>
 * <li>every page has a width and height of at least 1 and at most {@value #MAX_PLANE_PIXELS}
 * pixels per plane (ImageJ and {@code javax.imageio} hold a plane in one Java array);</li>
 * <li>a page's strips or tiles hold enough data for its pixels: uncompressed data at least the
 * page's bytes, compressed data at least the page's bytes divided by {@value #MAX_RATIO} (no codec
 * a TIFF reader supports expands more: Deflate at most 1032, LZW about 2730, PackBits 64 times);</li>
 * <li>pages do not share image data or strip tables (a crafted file of a million IFDs over one
 * strip is refused when the second page points at the first one's data).</li>
 * </ul>
 * The work is bounded by the file's size: every byte read is read once, from a 64 KiB window;
 * a file of a million valid IFDs is walked in well under a second. Memory is two {@code long}s
 * per page.
 * <p>
 * Messages of the {@link IOException}s are one line saying what is wrong, without the file's name,
 * which the reading entry points ({@link ImageFiles#read}, the label file readers) put first.
 * Immutable once read; thread-safe.
 * </p>
 */
public final class TiffStructure {

	/** Most pages (IFDs in the main chain) a TIFF may have. */
	public static final int MAX_PAGES = 1 << 22;
	/** Most tags one IFD may have. */
	public static final int MAX_TAGS = 4096;
	/** Most pixels of one plane: one Java array. */
	public static final long MAX_PLANE_PIXELS = Integer.MAX_VALUE - 8;
	/** Largest expansion of compressed image data assumed possible. */
	public static final int MAX_RATIO = 4096;

	private static final int WIDTH = 256, HEIGHT = 257, BITS = 258, COMPRESSION = 259, PHOTOMETRIC = 262,
			STRIP_OFFSETS = 273, SAMPLES = 277, ROWS_PER_STRIP = 278, STRIP_BYTES = 279, PLANAR = 284,
			TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324, TILE_BYTES = 325, SAMPLE_FORMAT = 339;
	/** ImageJ's private tags: the byte counts of its metadata entries, and the metadata. */
	private static final int IMAGEJ_COUNTS = 50838, IMAGEJ_DATA = 50839;
	/** "IJIJ", the first word of ImageJ's metadata. */
	private static final long IMAGEJ_MAGIC = 0x494a494aL;

	/** One page: the values that decide whether pages can form one stack. */
	public static final class Page {

		private final long width, height;
		private final int samples, bits, sampleFormat, photometric, compression;
		private final boolean tiled;

		Page(final long width, final long height, final int samples, final int bits, final int sampleFormat,
			final int photometric, final int compression, final boolean tiled)
		{
			this.width = width;
			this.height = height;
			this.samples = samples;
			this.bits = bits;
			this.sampleFormat = sampleFormat;
			this.photometric = photometric;
			this.compression = compression;
			this.tiled = tiled;
		}

		/** @return pixels per row */
		public long width() {
			return width;
		}

		/** @return rows */
		public long height() {
			return height;
		}

		/** @return bits per sample (of the first sample) */
		public int bits() {
			return bits;
		}

		/** @return whether its data is in tiles (else in strips) */
		public boolean tiled() {
			return tiled;
		}

		/** @return whether it has the same size and sample type as {@code o} (compression may differ) */
		boolean sameShape(final Page o) {
			return width == o.width && height == o.height && samples == o.samples && bits == o.bits &&
				sampleFormat == o.sampleFormat && photometric == o.photometric;
		}

		/** @return e.g. {@code 512x512, 1 sample of 16 bits} */
		public String describe() {
			final String format = sampleFormat == 3 ? " float" : sampleFormat == 2 ? " signed" : "";
			return width + "x" + height + ", " + samples + (samples == 1 ? " sample" : " samples") + " of " + bits +
				format + " bits" + (photometric == 3 ? " (palette)" : "");
		}
	}

	private final boolean bigTiff;
	private final int pages;
	private final Page first;
	private final int differing;
	private final Page different;

	private TiffStructure(final boolean bigTiff, final int pages, final Page first, final int differing,
		final Page different)
	{
		this.bigTiff = bigTiff;
		this.pages = pages;
		this.first = first;
		this.differing = differing;
		this.different = different;
	}

	/**
	 * Walks a TIFF file's header and IFD chain.
	 *
	 * @param file a TIFF or BigTIFF file; only read
	 * @return its structure
	 * @throws IOException with a one-line reason (without the file's name) if it cannot be read or
	 *           any of the checks in the class description fails
	 */
	public static TiffStructure read(final Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			return new Walk(ch, ch.size()).run();
		}
	}

	/** @return whether the file is a BigTIFF (64-bit offsets) */
	public boolean bigTiff() {
		return bigTiff;
	}

	/** @return the number of pages: IFDs in the main chain */
	public int pages() {
		return pages;
	}

	/** @return the first page */
	public Page first() {
		return first;
	}

	/** @return whether every page has the first page's size and sample type */
	public boolean uniform() {
		return different == null;
	}

	/**
	 * @throws IOException {@code its N pages differ in size or type (page 1 is ..., page K ...)}
	 *           unless the pages are {@linkplain #uniform() uniform}: a reader of one stack would
	 *           read some pages wrongly or drop them
	 */
	public void requireUniform() throws IOException {
		if (different == null) return;
		throw new IOException("its " + pages + " pages differ in size or type (page 1 is " + first.describe() +
			", page " + (differing + 1) + " is " + different.describe() +
			"), and one image needs pages of one size and type: save each page as its own file");
	}

	/** The walk itself: reads through a window over the channel. */
	private static final class Walk {

		private static final int WINDOW = 1 << 16;

		private final FileChannel ch;
		private final long length;
		private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
		private long windowStart = -1;
		private int windowLength;
		private boolean big;
		/** Strip or tile table entries read over all pages, bounded to catch shared tables. */
		private long tableEntries;

		Walk(final FileChannel ch, final long length) {
			this.ch = ch;
			this.length = length;
		}

		TiffStructure run() throws IOException {
			if (length < 8) throw corrupt("it has " + length + " bytes, shorter than a TIFF header");
			final int b0 = u8(0), b1 = u8(1);
			if (b0 == 'I' && b1 == 'I') window.order(ByteOrder.LITTLE_ENDIAN);
			else if (b0 == 'M' && b1 == 'M') window.order(ByteOrder.BIG_ENDIAN);
			else throw corrupt("no TIFF byte-order mark");
			windowStart = -1;
			final int magic = u16(2);
			long ifd;
			if (magic == 42) ifd = u32(4);
			else if (magic == 43) {
				big = true;
				if (length < 16) throw corrupt("it has " + length + " bytes, shorter than a BigTIFF header");
				if (u16(4) != 8 || u16(6) != 0) throw corrupt("a BigTIFF header with offsets of " + u16(4) + " bytes");
				ifd = u64(8);
			}
			else throw corrupt("TIFF version " + magic + " (42 is TIFF, 43 BigTIFF)");
			if (ifd == 0) throw corrupt("no image in it (its first IFD offset is 0)");
			long[] starts = new long[16], ends = new long[16];
			Page first = null, different = null;
			int differing = -1, pages = 0;
			// Brent's cycle detection: the saved IFD offset comes again only if the chain loops
			long saved = ifd, power = 1, steps = 0;
			while (true) {
				if (pages == MAX_PAGES) throw corrupt("more than " + MAX_PAGES + " pages");
				if (pages == starts.length) {
					starts = Arrays.copyOf(starts, 2 * pages);
					ends = Arrays.copyOf(ends, 2 * pages);
				}
				final long[] extent = new long[2];
				final IfdPage page = page(ifd, pages + 1, extent);
				starts[pages] = extent[0];
				ends[pages] = extent[1];
				if (first == null) first = page.page;
				else if (different == null && !first.sameShape(page.page)) {
					different = page.page;
					differing = pages;
				}
				pages++;
				if (page.next == 0) break;
				if (page.next == saved) throw corrupt("its IFD chain loops: the IFD after page " + pages +
					" is the one at byte " + page.next + ", met before");
				if (++steps == power) {
					saved = page.next;
					power <<= 1;
					steps = 0;
				}
				if (extent[1] > extent[0] && pages > 1 && extent[0] == starts[pages - 2]) throw corrupt("pages " +
					(pages - 1) + " and " + pages + " share their image data");
				ifd = page.next;
			}
			checkOverlap(starts, ends, pages);
			return new TiffStructure(big, pages, first, differing, different);
		}

		/** Refuses pages whose image data overlap: pages share data only in crafted files. */
		private void checkOverlap(final long[] starts, final long[] ends, final int pages) throws IOException {
			final Integer[] order = new Integer[pages];
			for (int i = 0; i < pages; i++)
				order[i] = i;
			Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
			int last = -1;
			for (final int i : order) {
				if (ends[i] <= starts[i]) continue;
				if (last >= 0 && starts[i] < ends[last]) throw corrupt("pages " + (Math.min(i, last) + 1) + " and " + (Math
					.max(i, last) + 1) + " share their image data");
				if (last < 0 || ends[i] > ends[last]) last = i;
			}
		}

		/** A page and the offset of the next IFD. */
		private static final class IfdPage {

			final Page page;
			final long next;

			IfdPage(final Page page, final long next) {
				this.page = page;
				this.next = next;
			}
		}

		/** One tag's type, count and where its values are. */
		private static final class Tag {

			int type;
			long count;
			long at;
		}

		private IfdPage page(final long ifd, final int number, final long[] extent) throws IOException {
			final int header = big ? 16 : 8, countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12;
			if (ifd < header || ifd + countBytes > length) throw new IOException("truncated or corrupt TIFF file (the " +
				"IFD of page " + number + " is at byte " + ifd + ", outside the file of " + length + " bytes)");
			final long n = big ? u64(ifd) : u16(ifd);
			if (n < 1 || n > MAX_TAGS) throw corrupt("the IFD of page " + number + " claims " + n +
				" tags (at most " + MAX_TAGS + ")");
			final long end = ifd + countBytes + n * entryBytes + (big ? 8 : 4);
			if (end > length) throw corrupt("the IFD of page " + number + " (" + n + " tags) reaches past the end of the file");
			final Tag[] tags = new Tag[SAMPLE_FORMAT + 1];
			Tag imagejCounts = null, imagejData = null;
			for (long i = 0; i < n; i++) {
				final long e = ifd + countBytes + i * entryBytes;
				final int id = u16(e);
				final Tag t = new Tag();
				t.type = u16(e + 2);
				t.count = big ? u64(e + 4) : u32(e + 4);
				final int size = TiffFieldTypes.size(t.type);
				if (size == 0) {
					// an unknown type: the TIFF spec says to skip the tag, but ImageJ's decoder reads its count
					// of values (an int array for the strip tags) whatever the type: at least a byte each
					if (t.count < 0 || t.count > length) throw corrupt("tag " + id + " of page " + number + " claims " +
						Long.toUnsignedString(t.count) + " values of unknown type " + t.type + ", more than the file holds");
					continue;
				}
				if (t.count < 0 || t.count > length / size + 1) throw corrupt("tag " + id + " of page " + number +
					" claims " + Long.toUnsignedString(t.count) + " values, more than the file holds");
				final long bytes = t.count * size, inline = big ? 8 : 4;
				t.at = bytes <= inline ? e + 4 + countBytes(big) : (big ? u64(e + 12) : u32(e + 8));
				if (t.at + bytes > length || t.at < 0) throw corrupt("tag " + id + " of page " + number +
					" has its values at byte " + t.at + ", outside the file of " + length + " bytes");
				if (id < tags.length) tags[id] = t;
				else if (id == IMAGEJ_COUNTS) imagejCounts = t;
				else if (id == IMAGEJ_DATA) imagejData = t;
			}
			checkImageJMetadata(number, imagejCounts, imagejData);
			final long next = big ? u64(end - 8) : u32(end - 4);
			if (next < 0) throw corrupt("the IFD after page " + number + " is outside the file");
			final long w = scalar(tags[WIDTH], 0), h = scalar(tags[HEIGHT], 0);
			if (w < 1 || h < 1) throw new IOException("the image has no pixels (" + w + "x" + h + (number > 1 ? " on page " +
				number : "") + ")");
			if (w * h > MAX_PLANE_PIXELS || w * h < 0) throw new IOException("page " + number + " is " + w + "x" + h +
				" pixels, more than the " + MAX_PLANE_PIXELS +
				" pixels one plane may have (ImageJ holds a plane in one Java array)");
			final int samples = (int) Math.min(Integer.MAX_VALUE, scalar(tags[SAMPLES], 1));
			final int bits = (int) Math.min(Integer.MAX_VALUE, scalar(tags[BITS], 1));
			if (samples < 1 || samples > 4096 || bits < 1 || bits > 64) throw corrupt("page " + number + " has " +
				samples + " samples of " + bits + " bits per pixel");
			final int compression = (int) scalar(tags[COMPRESSION], 1);
			final boolean tiled = tags[TILE_OFFSETS] != null;
			final Page page = new Page(w, h, samples, bits, (int) scalar(tags[SAMPLE_FORMAT], 1), (int) scalar(
				tags[PHOTOMETRIC], -1), compression, tiled);
			checkData(page, number, tags, extent);
			return new IfdPage(page, next);
		}

		/**
		 * Checks the header of ImageJ's own metadata (the Info text, slice labels, LUTs, ROIs) as
		 * ImageJ's decoder reads it: a header of (type, count) pairs, each count a number of entries
		 * of the byte-count tag, which the decoder allocates arrays for before it reads a byte. A
		 * header that ImageJ would ignore (no {@code IJIJ} mark, an absurd size) is left alone.
		 */
		private void checkImageJMetadata(final int number, final Tag counts, final Tag data) throws IOException {
			if (counts == null || data == null || counts.at == 0 || data.at == 0 || counts.count < 1) return;
			final long header = value(counts, 0);
			if (header < 12 || header > 804 || u32(data.at) != IMAGEJ_MAGIC) return;
			final long entries = counts.count - 1;
			long claimed = 0;
			for (long i = 0; i < (header - 4) / 8; i++) {
				final long n = (int) u32(data.at + 8 + 8 * i);
				claimed += Math.max(0, n);
				if (n < 0 || claimed > entries) throw corrupt("the ImageJ metadata of page " + number + " claims " +
					(n < 0 ? n : claimed) + " entries, but it has " + entries);
			}
			long bytes = header;
			for (long i = 1; i <= entries; i++) {
				final long n = (int) value(counts, i);
				bytes += Math.max(0, n);
				if (n < 0 || bytes > data.count) throw corrupt("the ImageJ metadata of page " + number + " claims " +
					(n < 0 ? n : bytes) + " bytes, but it has " + data.count);
			}
		}

		private static int countBytes(final boolean big) {
			return big ? 8 : 4;
		}

		/** Checks that a page's strips or tiles lie in the file and hold enough data for its pixels. */
		private void checkData(final Page page, final int number, final Tag[] tags, final long[] extent)
			throws IOException
		{
			final Tag offsets = tags[page.tiled ? TILE_OFFSETS : STRIP_OFFSETS];
			final Tag counts = tags[page.tiled ? TILE_BYTES : STRIP_BYTES];
			final String what = page.tiled ? "tile" : "strip";
			if (offsets == null) throw corrupt("page " + number + " has no " + what + " offsets");
			final long planes = scalar(tags[PLANAR], 1) == 2 ? page.samples : 1;
			final long needed;
			if (page.tiled) {
				final long tw = scalar(tags[TILE_WIDTH], 0), tl = scalar(tags[TILE_LENGTH], 0);
				if (tw < 1 || tl < 1) throw corrupt("page " + number + " has tiles of " + tw + "x" + tl + " pixels");
				needed = ceilDiv(page.width, tw) * ceilDiv(page.height, tl) * planes;
			}
			else {
				final long rows = Math.max(1, Math.min(page.height, scalar(tags[ROWS_PER_STRIP], page.height)));
				needed = ceilDiv(page.height, rows) * planes;
			}
			if (offsets.count < needed) throw corrupt("page " + number + " has " + offsets.count + " " + what +
				" offsets but needs " + needed);
			if (counts == null) {
				// ImageJ and libtiff guess a single uncompressed strip's length; nothing to check but the offset
				final long o = value(offsets, 0);
				if (o >= length) throw corrupt("the data of page " + number + " starts at byte " + o +
					", past the end of the file");
				extent[0] = o;
				extent[1] = o + 1;
				return;
			}
			if (counts.count < needed) throw corrupt("page " + number + " has " + counts.count + " " + what +
				" byte counts but needs " + needed);
			tableEntries += needed;
			if (tableEntries > length / 2 + 16) throw corrupt("its pages share their " + what +
				" tables (more " + what + "s than the file could list)");
			long stored = 0, start = Long.MAX_VALUE, stop = 0;
			for (long i = 0; i < needed; i++) {
				final long o = value(offsets, i), c = value(counts, i);
				if (c == 0) continue;
				if (o < 0 || c < 0 || o + c > length || o + c < 0) throw new IOException("truncated TIFF file (" + what +
					" " + (i + 1) + " of page " + number + " needs bytes up to " + (o + c) + ", the file has " + length +
					")");
				stored += c;
				start = Math.min(start, o);
				stop = Math.max(stop, o + c);
			}
			final long rowBytes = ceilDiv(page.width * page.bits * (planes == 1 ? page.samples : 1), 8);
			final long raw = rowBytes * page.height * planes;
			final long ratio = page.compression == 1 ? 1 : MAX_RATIO;
			if (page.compression >= 1 && page.compression != 2 && page.compression != 3 && page.compression != 4 &&
				stored < ceilDiv(raw, ratio)) throw corrupt("page " + number + " (" + page.describe() + ") needs " +
					(ratio == 1 ? raw + " bytes of image data" : "at least " + ceilDiv(raw, ratio) +
						" bytes of compressed image data") + " but its " + what + "s hold " + stored +
					": the file is truncated or its sizes are wrong");
			extent[0] = stored == 0 ? 0 : start;
			extent[1] = stop;
		}

		private static long ceilDiv(final long a, final long b) {
			return (a + b - 1) / b;
		}

		/** @return a tag's first value, or {@code missing} if the tag is absent or empty */
		private long scalar(final Tag t, final long missing) throws IOException {
			return t == null || t.count < 1 ? missing : value(t, 0);
		}

		/** @return value {@code i} of an integer tag (a floating-point tag reads as -1) */
		private long value(final Tag t, final long i) throws IOException {
			switch (t.type) {
				case 1:
				case 7:
					return u8(t.at + i);
				case 3:
					return u16(t.at + 2 * i);
				case 4:
				case 13:
					return u32(t.at + 4 * i);
				case 16:
				case 18:
					return u64(t.at + 8 * i);
				case 6:
					return (byte) u8(t.at + i);
				case 8:
					return (short) u16(t.at + 2 * i);
				case 9:
					return (int) u32(t.at + 4 * i);
				case 17:
					return u64(t.at + 8 * i);
				default:
					return -1;
			}
		}

		private int u8(final long at) throws IOException {
			return window(at, 1).get((int) (at - windowStart)) & 0xff;
		}

		private int u16(final long at) throws IOException {
			return window(at, 2).getShort((int) (at - windowStart)) & 0xffff;
		}

		private long u32(final long at) throws IOException {
			return window(at, 4).getInt((int) (at - windowStart)) & 0xffffffffL;
		}

		/** @return an unsigned 64-bit value; above {@link Long#MAX_VALUE} it is negative, refused by callers */
		private long u64(final long at) throws IOException {
			return window(at, 8).getLong((int) (at - windowStart));
		}

		/** @return the window, moved so that it holds {@code n} bytes from {@code at} */
		private ByteBuffer window(final long at, final int n) throws IOException {
			if (at < 0 || at + n > length) throw new IOException("truncated or corrupt TIFF file (a value at byte " + at +
				" lies past its end, byte " + length + ")");
			if (windowStart >= 0 && at >= windowStart && at + n <= windowStart + windowLength) return window;
			window.clear();
			windowStart = at;
			while (window.position() < Math.min(WINDOW, length - at)) {
				if (ch.read(window, at + window.position()) < 0) break;
			}
			windowLength = window.position();
			if (windowLength < n) throw new IOException("truncated TIFF file (it ends at byte " + (at + windowLength) +
				")");
			return window;
		}

		private static IOException corrupt(final String why) {
			return new IOException("corrupt TIFF file (" + why + ")");
		}
	}
}
