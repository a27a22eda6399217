package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.kmeansquantize.core.PixelSource;

/**
 * The TIFF plane reader against the fixtures of {@code fixtures/tiff} (made by its
 * {@code make_fixtures.py} with tifffile and libtiff's tiffcp): the same pixels as tifffile reads,
 * as the uncompressed original for every compression, strips and tiles, bit depth, chunky and
 * planar layout, as ImageJ 1 reads the originals; OME-TIFF axes, BigTIFF, pyramids, other series.
 */
class TiffPlaneReaderTest {

	static final Path FIXTURES = Paths.get("src/test/resources/fixtures/tiff");

	private static Path fixture(final String name) {
		return FIXTURES.resolve(name);
	}

	private static Planes read(final Path file) throws IOException {
		try (TiffPlaneReader r = TiffPlaneReader.open(file)) {
			return r.readAll();
		}
	}

	private static List<String> names() throws IOException {
		try (Stream<Path> s = Files.list(FIXTURES)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().collect(Collectors
				.toList());
		}
	}

	/** tifffile.txt: every fixture tifffile decodes, its shape (T Z C Y X) and an order-sensitive checksum. */
	@TestFactory
	List<DynamicTest> samePixelsAsTifffile() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String line : Files.readAllLines(fixture("tifffile.txt"), StandardCharsets.US_ASCII)) {
			final String[] f = line.split(" ");
			if (line.isEmpty() || f[0].startsWith("two16planar-")) continue;
			tests.add(DynamicTest.dynamicTest(f[0], () -> {
				final Planes planes = imported(fixture(f[0]));
				final ImageLayout l = planes.layout();
				assertEquals(f[1], l.frames() + "x" + l.slices() + "x" + l.channels() + "x" + l.height() + "x" + l
					.width(), "T Z C Y X");
				final double expected = Double.parseDouble(f[2]);
				assertEquals(expected, checksum(planes), Math.abs(expected) * 1e-12);
			}));
		}
		assertEquals(37, tests.size());
		return tests;
	}

	/** @return a TIFF's planes as the command line reads them: ImageJ 1 or the plane reader */
	private static Planes imported(final Path file) throws IOException {
		final TiffFiles.TiffImage image = TiffFiles.read(file, Files.size(file));
		final Object[] planes = new Object[image.layout().planes()];
		for (int i = 0; i < planes.length; i++)
			planes[i] = image.imagePlus().getStack().getPixels(i + 1);
		return new Planes(image.layout(), planes);
	}

	/** As make_fixtures.py: the sum of value_i * (i % 1009 + 1), planes in order; RGB as r<<16|g<<8|b. */
	private static double checksum(final Planes p) {
		double sum = 0;
		long i = 0;
		for (int k = 0; k < p.layout().planes(); k++) {
			final Object a = p.plane(k);
			for (int j = 0; j < Array.getLength(a); j++, i++)
				sum += value(a, j) * (i % 1009 + 1);
		}
		return sum;
	}

	private static double value(final Object a, final int j) {
		if (a instanceof byte[]) return ((byte[]) a)[j] & 0xff;
		if (a instanceof short[]) return ((short[]) a)[j] & 0xffff;
		if (a instanceof float[]) return ((float[]) a)[j];
		return ((int[]) a)[j] & 0xffffff;
	}

	/** Every compression, strips and tiles, chunky and planar, 8/16/32-bit: the original's pixels. */
	@TestFactory
	List<DynamicTest> everyVariantHoldsItsOriginalsPixels() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String name : names()) {
			if (!name.matches("[a-z0-9]+(-[a-z]+)+-(strips|tiles)\\.tif") || name.contains("-jpeg-") || name.startsWith(
				"imagej-") || name.startsWith("two16planar-")) continue;
			final String source = name.substring(0, name.indexOf('-')) + "-src.tif";
			tests.add(DynamicTest.dynamicTest(name, () -> assertSamePlanes(imported(fixture(source)), imported(fixture(
				name)))));
		}
		// 6 sources x 4 compressions x strips and tiles, + predictors, BigTIFF
		assertEquals(6 * 4 * 2 + 3, tests.size());
		return tests;
	}

	/** JPEG strips and tiles (grey, RGB): libtiff's decoding of the same file, within IDCT rounding. */
	@TestFactory
	List<DynamicTest> jpegAsLibtiffDecodesIt() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String name : names()) {
			if (!name.contains("-jpeg-") || name.endsWith(".ref.tif")) continue;
			tests.add(DynamicTest.dynamicTest(name, () -> {
				final Planes jpeg = read(fixture(name));
				final Planes ref = read(fixture(name.replace(".tif", ".ref.tif")));
				assertEquals(ref.layout(), jpeg.layout());
				final int[] diff = maxAndSumDifference(ref.plane(0), jpeg.plane(0));
				final int values = Array.getLength(ref.plane(0)) * (ref.layout().type().isColor() ? 3 : 1);
				assertTrue(diff[0] <= 3, name + ": largest difference " + diff[0]);
				assertTrue(diff[1] <= values / 4, name + ": differences sum to " + diff[1] + " over " + values + " values");
			}));
		}
		assertEquals(4, tests.size());
		return tests;
	}

	private static int[] maxAndSumDifference(final Object a, final Object b) {
		int max = 0, sum = 0;
		for (int j = 0; j < Array.getLength(a); j++) {
			final int va = (int) value(a, j), vb = (int) value(b, j);
			for (int shift = 0; shift < (a instanceof int[] ? 24 : 8); shift += 8) {
				final int d = Math.abs((va >> shift & 0xff) - (vb >> shift & 0xff));
				max = Math.max(max, d);
				sum += d;
			}
		}
		return new int[] { max, sum };
	}

	/** The uncompressed originals read as ImageJ 1 reads them (the path they keep). */
	@Test
	void originalsAsImageJReadsThem() throws IOException {
		for (final String name : new String[] { "grey8-src.tif", "grey16-src.tif", "float32-src.tif", "rgb8-src.tif",
			"rgb8planar-src.tif", "imagej-czyx-src.tif", "grey16-lzw-strips.tif" })
		{
			final Path file = fixture(name);
			assertFalse(TiffFiles.needsPlaneReader(file), name);
			final TiffFiles.TiffImage imagej = TiffFiles.read(file, Files.size(file));
			final Planes planes = read(file);
			assertEquals(imagej.layout(), planes.layout(), name);
			final ImagePlus imp = imagej.imagePlus();
			for (int i = 0; i < planes.layout().planes(); i++)
				assertArrays(imp.getStack().getPixels(i + 1), planes.plane(i), name + " plane " + i);
		}
	}

	/** Tiled, BigTIFF, JPEG and OME-TIFF files go to the plane reader; the rest stays with ImageJ. */
	@Test
	void routesWhatImageJCannotReadToThePlaneReader() {
		for (final String name : new String[] { "grey8-none-tiles.tif", "grey16-bigtiff-deflate-tiles.tif",
			"rgb8-jpeg-strips.tif", "two16-lzw-strips.tif", "ome-ctz.ome.tif", "ome-pyramid-bigtiff.ome.tif", "imagej-czyx-lzw-tiles.tif" })
			assertTrue(TiffFiles.needsPlaneReader(fixture(name)), name);
		for (final String name : new String[] { "grey8-packbits-strips.tif", "rgb8planar-deflate-strips.tif",
			"rgb8-lzw-strips.tif" })
			assertFalse(TiffFiles.needsPlaneReader(fixture(name)), name);
	}

	/**
	 * Two samples per pixel in separate planes: ImageJ cannot open them and the decoder reads only
	 * the first sample, so they are refused, not half read.
	 */
	@Test
	void planarTwoSampleFilesAreRefusedNotHalfRead() throws IOException {
		for (final String name : new String[] { "two16planar-none-tiles.tif", "two16planar-lzw-strips.tif" }) {
			final Path file = fixture(name);
			final IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ImageFiles.read(
				file));
			assertTrue(e.getMessage().startsWith(file + ": unsupported TIFF (2 samples per pixel"), e.getMessage());
		}
	}

	@Test
	void omeAxesInEitherDimensionOrderAndPixelSize() throws IOException {
		final Path tzc = fixture("ome-tzc.ome.tif");
		final TiffFiles.TiffImage image = TiffFiles.read(tzc, Files.size(tzc));
		assertEquals(new ImageLayout(ImageLayout.Type.GRAY16, 48, 32, 2, 3, 2, "composite", "tiff"), image.layout());
		final Calibration cal = image.imagePlus().getCalibration();
		assertEquals(0.25, cal.pixelWidth);
		assertEquals(0.25, cal.pixelHeight);
		assertEquals(1.5, cal.pixelDepth);
		assertEquals("µm", cal.getUnit());
		assertNull(image.note());
		// the same planes stored channel slowest (XYZTC), uncompressed strips
		assertSamePlanes(read(tzc), read(fixture("ome-ctz.ome.tif")));
	}

	@Test
	void imageJHyperstackDescriptionOfATiledFile() throws IOException {
		final Path src = fixture("imagej-czyx-src.tif");
		final TiffFiles.TiffImage imagej = TiffFiles.read(src, Files.size(src));
		final Path tiled = fixture("imagej-czyx-lzw-tiles.tif");
		final TiffFiles.TiffImage planes = TiffFiles.read(tiled, Files.size(tiled));
		assertEquals(imagej.layout(), planes.layout());
		assertEquals(2, planes.layout().channels());
		assertEquals(3, planes.layout().slices());
		for (int i = 0; i < 6; i++)
			assertArrays(imagej.imagePlus().getStack().getPixels(i + 1), planes.imagePlus().getStack().getPixels(i + 1),
				"plane " + i);
	}

	@Test
	void pyramidReadsItsFullResolutionAndNamesTheOtherSeries() throws IOException {
		try (TiffPlaneReader r = TiffPlaneReader.open(fixture("ome-pyramid-bigtiff.ome.tif"))) {
			assertEquals(new ImageLayout(ImageLayout.Type.GRAY16, 88, 88, 1, 1, 1, "none", "tiff"), r.layout());
			assertNotNull(r.note());
			assertTrue(r.note().contains("2 series") && r.note().contains("series 1 (label)"), r.note());
		}
	}

	@Test
	void aSecondImageOfAnotherSizeIsNamedNotRead() throws IOException {
		try (TiffPlaneReader r = TiffPlaneReader.open(fixture("two-series.tif"))) {
			assertEquals(1, r.layout().planes());
			assertTrue(r.note().contains("another image: 24x16"), r.note());
		}
	}

	/** What a task of a job split by plane ranges reads: label planes [2, 5) of a T2 Z3 C2 stack. */
	@Test
	void planeRangeFromAnyChannelEqualsThoseOfTheWholeFile() throws IOException {
		final Path file = fixture("ome-tzc.ome.tif");
		final Planes whole = read(file);
		try (TiffPlaneReader r = TiffPlaneReader.open(new BytesChannel(Files.readAllBytes(file)))) {
			final PixelSource range = r.pixels(2, 5);
			assertEquals(48L * 32 * 3, range.size());
			assertEquals(2, range.channels());
			final float[] values = new float[(int) range.size() * 2];
			range.reader().read(0, (int) range.size(), values);
			// pixel p of label plane q, channel c = plane (2 + q) * 2 + c of the whole file
			for (int q = 0; q < 3; q++)
				for (int p = 0; p < 48 * 32; p += 97)
					for (int c = 0; c < 2; c++)
						assertEquals(((short[]) whole.plane((2 + q) * 2 + c))[p] & 0xffff, values[((q * 48 * 32) + p) * 2 + c],
							"label plane " + q + " pixel " + p + " channel " + c);
		}
	}

	private static void assertSamePlanes(final Planes expected, final Planes actual) {
		assertEquals(expected.layout(), actual.layout());
		for (int i = 0; i < expected.layout().planes(); i++)
			assertArrays(expected.plane(i), actual.plane(i), "plane " + i);
	}

	private static void assertArrays(final Object expected, final Object actual, final String what) {
		if (expected instanceof byte[]) assertArrayEquals((byte[]) expected, (byte[]) actual, what);
		else if (expected instanceof short[]) assertArrayEquals((short[]) expected, (short[]) actual, what);
		else if (expected instanceof float[]) assertArrayEquals((float[]) expected, (float[]) actual, what);
		else {
			final int[] e = ((int[]) expected).clone(), a = ((int[]) actual).clone();
			for (int j = 0; j < e.length; j++) {
				e[j] &= 0xffffff;
				a[j] &= 0xffffff;
			}
			assertArrayEquals(e, a, what);
		}
	}

	/** A seekable source that is not a file, as a Hadoop stream adapter is. */
	static final class BytesChannel implements SeekableByteChannel {

		private final byte[] data;
		private long position;
		private boolean open = true;

		BytesChannel(final byte[] data) {
			this.data = data;
		}

		@Override
		public int read(final ByteBuffer dst) {
			if (position >= data.length) return -1;
			final int n = (int) Math.min(dst.remaining(), data.length - position);
			dst.put(data, (int) position, n);
			position += n;
			return n;
		}

		@Override
		public int write(final ByteBuffer src) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long position() {
			return position;
		}

		@Override
		public SeekableByteChannel position(final long p) {
			position = p;
			return this;
		}

		@Override
		public long size() {
			return data.length;
		}

		@Override
		public SeekableByteChannel truncate(final long size) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean isOpen() {
			return open;
		}

		@Override
		public void close() {
			open = false;
		}
	}
}
