package org.kmeansquantize.labelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.PngEncoder;
import org.kmeansquantize.core.SampleRange;

/** The label PNG: what javax.imageio sees in it and what {@link LabelPng#read} gets back. */
class LabelPngTest {

	@ParameterizedTest
	@CsvSource({ "gray8,1,2", "gray8,1,3", "gray8,1,16", "gray8,1,256", "rgb,1,5", "rgb,1,256", "rgba,1,17",
		"gray8,2,9" })
	void writeThenReadGivesLabelsLayoutAndCodebookBack(final String type, final int channels, final int k)
		throws IOException
	{
		final LabelImage labels = labels(type, channels, k, 31, 7);
		final LabelImage back = LabelPng.read(write(labels));
		assertEquals(labels.layout(), back.layout());
		assertEquals(labels.codebook(), back.codebook());
		assertArrayEquals(labels.plane(0), back.plane(0));
	}

	@ParameterizedTest
	@CsvSource({ "gray8,1,2", "gray8,1,16", "rgb,1,256", "rgba,1,17", "gray8,2,9" })
	void imageIoDecodesThePaletteAndIndices(final String type, final int channels, final int k) throws IOException {
		final LabelImage labels = labels(type, channels, k, 45, 6);
		final BufferedImage img = ImageIO.read(new ByteArrayInputStream(write(labels)));
		final IndexColorModel cm = (IndexColorModel) img.getColorModel();
		assertEquals(PngEncoder.indexBitDepth(k - 1), cm.getPixelSize());
		final Codebook cb = labels.codebook();
		final int nc = cb.channels();
		for (int i = 0; i < k; i++) {
			final int grey = (int) cb.fitted(i, 0);
			assertEquals(nc < 3 ? grey : (int) cb.fitted(i, 0), cm.getRed(i));
			assertEquals(nc < 3 ? grey : (int) cb.fitted(i, 1), cm.getGreen(i));
			assertEquals(nc < 3 ? grey : (int) cb.fitted(i, 2), cm.getBlue(i));
			assertEquals(nc == 2 || nc == 4 ? (int) cb.fitted(i, nc - 1) : 255, cm.getAlpha(i));
		}
		final int[] index = img.getRaster().getSamples(0, 0, 45, 6, 0, new int[45 * 6]);
		for (int i = 0; i < index.length; i++)
			assertEquals(labels.plane(0)[i] & 0xff, index[i]);
	}

	/** @param keep bytes kept from the start; negative: bytes cut from the end (-12: no IEND) */
	@ParameterizedTest
	@ValueSource(ints = { 0, 8, 20, 33, -1, -12, -200 })
	void truncatedFilesAreRefused(final int keep) throws IOException {
		final byte[] png = write(labels("rgb", 1, 16, 40, 30));
		final byte[] cut = Arrays.copyOf(png, keep >= 0 ? keep : png.length + keep);
		assertThrows(IOException.class, () -> LabelPng.read(cut));
	}

	@ParameterizedTest
	@ValueSource(ints = { 20, 60, 100 })
	void damagedFilesAreRefused(final int at) throws IOException {
		final byte[] png = write(labels("gray8", 1, 4, 40, 30));
		png[at] ^= 0x10;
		final IOException e = assertThrows(IOException.class, () -> LabelPng.read(png));
		assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
	}

	@ParameterizedTest
	@ValueSource(strings = { "png", "notpng" })
	void otherFilesAreRefused(final String kind) throws IOException {
		final byte[] data;
		if ("png".equals(kind)) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED), "png", out);
			data = out.toByteArray();
		}
		else data = "GIF89a".getBytes("US-ASCII");
		assertThrows(IOException.class, () -> LabelPng.read(data));
	}

	/**
	 * The row filters are tried on the executor of the caller's ImgLib2 {@code Parallelization}
	 * (never the JVM's common pool), and the file does not depend on it.
	 */
	@Test
	void filtersAreTriedOnTheCallersExecutor() throws Exception {
		final LabelImage labels = labels("gray8", 1, 16, 200, 150);
		final byte[] single = Parallelization.runSingleThreaded(() -> write(labels));
		final AtomicInteger tasks = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
			tasks.incrementAndGet();
			return new Thread(r);
		});
		try {
			final byte[] two = Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(pool, 2),
				() -> write(labels));
			assertArrayEquals(single, two);
		}
		finally {
			pool.shutdown();
		}
		assertTrue(tasks.get() > 0, "the given executor made no thread");
	}

	/**
	 * The filters are chosen by trials (on bands of rows for a big image), but the file is the one the
	 * smallest filtering of the whole image gives: checked on labels where filter None wins (random)
	 * and where row filters win (smooth bands, as in grey images).
	 */
	@ParameterizedTest
	@CsvSource({ "random, 300, 200", "bands, 300, 200", "random, 1600, 1200", "bands, 1600, 1200" })
	void theFileIsTheSmallestOfTheFilterings(final String kind, final int w, final int h) throws IOException {
		final int k = 16;
		final LabelImage labels = labels("gray8", 1, k, w, h);
		if ("bands".equals(kind)) {
			final byte[] p = labels.plane(0);
			final Random rnd = new Random(3);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					p[y * w + x] = (byte) Math.min(k - 1, (x + 2 * y + rnd.nextInt(2)) * k / (w + 2 * h) + (x + y) % 2);
		}
		final byte[] written = write(labels);
		long smallest = Long.MAX_VALUE;
		PngEncoder.Filtering best = null;
		for (final PngEncoder.Filtering f : PngEncoder.Filtering.values()) {
			final long size = encodedSize(labels, f);
			if (size < smallest) {
				smallest = size;
				best = f;
			}
		}
		assertEquals(smallest, written.length, "the file is not the smallest filtering's (" + best + ")");
		assertEquals("random".equals(kind), best == PngEncoder.Filtering.NONE, "the test labels favour " + best);
	}

	/** Big images try their filters on bands of rows from top to bottom, about 2^18 pixels in all. */
	@Test
	void bigImagesTryTheirFiltersOnASampleOfRows() {
		assertEquals(200, LabelPng.sampleRows(300, 200).length);
		for (final int[] wh : new int[][] { { 1920, 1080 }, { 7000, 8000 }, { 100_000, 40 } }) {
			final int[] rows = LabelPng.sampleRows(wh[0], wh[1]);
			final long pixels = (long) rows.length * wh[0];
			// one band at least, however long its rows
			assertTrue((pixels <= 1 << 19 || rows.length == 16) && pixels >= 1 << 17, wh[0] + "x" + wh[1] + ": " +
				rows.length + " rows");
			assertEquals(0, rows[0]);
			for (int i = 1; i < rows.length; i++)
				assertTrue(rows[i] > rows[i - 1]);
			assertTrue(rows[rows.length - 1] >= wh[1] / 2 || rows.length == 16, "the sample is spread over the image");
		}
	}

	/** The size of the label PNG with one filtering at the file's level. */
	private static long encodedSize(final LabelImage labels, final PngEncoder.Filtering f) throws IOException {
		final ImageLayout l = labels.layout();
		final int n = labels.codebook().size();
		final byte[][] c = labels.colours();
		final byte[] rgb = new byte[3 * n];
		for (int i = 0; i < n; i++)
			for (int ch = 0; ch < 3; ch++)
				rgb[3 * i + ch] = c[ch][i];
		final byte[] plane = labels.plane(0);
		final int depth = PngEncoder.indexBitDepth(n - 1);
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		new PngEncoder(l.width(), l.height(), PngEncoder.INDEXED, depth).palette(rgb).text(LabelPng.KEYWORD, labels
			.metadata()).filtering(f).level(LabelPng.LEVEL).segmented(true).write(out, (y, row) -> {
				for (int x = 0; x < l.width(); x++)
					row[x / 2] |= (byte) ((plane[y * l.width() + x] & 0xff) << (x % 2 == 0 ? 4 : 0));
			});
		return out.size();
	}

	/** Random labels of a random codebook with k entries of a layout that fits a palette PNG. */
	static LabelImage labels(final String type, final int channels, final int k, final int w, final int h) {
		final Random rnd = new Random(k * 31 + w);
		final ImageLayout layout = new ImageLayout(ImageLayout.Type.valueOf(type.toUpperCase()), w, h, channels, 1, 1,
			"none", "png");
		final int nc = layout.valuesPerPixel();
		final double[][] values = new double[k][nc];
		final long[] counts = new long[k];
		for (int i = 0; i < k; i++) {
			counts[i] = 1 + rnd.nextInt(1000);
			for (int c = 0; c < nc; c++)
				values[i][c] = rnd.nextDouble() * 255;
		}
		final LabelImage labels = LabelImage.allocate(layout, new Codebook(values, counts, SampleRange.UINT8, false));
		final byte[] p = labels.plane(0);
		for (int i = 0; i < p.length; i++)
			p[i] = (byte) (i < k ? i : rnd.nextInt(k));
		return labels;
	}

	static byte[] write(final LabelImage labels) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		LabelPng.write(labels, out);
		return out.toByteArray();
	}
}
