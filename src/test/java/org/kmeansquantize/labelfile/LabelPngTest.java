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
