package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Node;

/** The PNG encoder, checked against javax.imageio's decoder. */
class PngEncoderTest {

	@ParameterizedTest
	@CsvSource({ "1,2", "2,3", "2,4", "4,16", "8,17", "8,256" })
	void indexedImagesDecodeToTheirPaletteAndIndices(final int depth, final int entries) throws IOException {
		final int w = 37, h = 11;
		final Random rnd = new Random(depth * 1000 + entries);
		final byte[] index = new byte[w * h];
		for (int i = 0; i < index.length; i++)
			index[i] = (byte) rnd.nextInt(entries);
		final byte[] rgb = new byte[3 * entries], alpha = new byte[entries];
		rnd.nextBytes(rgb);
		rnd.nextBytes(alpha);
		assertEquals(depth, PngEncoder.indexBitDepth(entries - 1));
		for (final PngEncoder.Filtering f : PngEncoder.Filtering.values()) {
			final byte[] png = encode(new PngEncoder(w, h, PngEncoder.INDEXED, depth).palette(rgb).transparency(alpha)
				.filtering(f), (y, row) -> {
					for (int x = 0; x < w; x++) {
						final int bit = x * depth;
						row[bit >> 3] |= (byte) ((index[y * w + x] & 0xff) << (8 - depth - (bit & 7)));
					}
				});
			final BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
			final IndexColorModel cm = (IndexColorModel) img.getColorModel();
			for (int i = 0; i < entries; i++) {
				assertEquals(rgb[3 * i] & 0xff, cm.getRed(i));
				assertEquals(rgb[3 * i + 1] & 0xff, cm.getGreen(i));
				assertEquals(rgb[3 * i + 2] & 0xff, cm.getBlue(i));
				assertEquals(alpha[i] & 0xff, cm.getAlpha(i));
			}
			final int[] decoded = img.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
			for (int i = 0; i < decoded.length; i++)
				assertEquals(index[i] & 0xff, decoded[i], "pixel " + i + " with " + f);
		}
	}

	@ParameterizedTest
	@CsvSource({ "0,8", "0,16", "2,8", "2,16", "4,8", "4,16", "6,8", "6,16" })
	void trueColourImagesDecodeToTheirSamples(final int colorType, final int depth) throws IOException {
		final int w = 23, h = 9, nc = PngEncoder.samples(colorType);
		final Random rnd = new Random(colorType * 100 + depth);
		final int[] samples = new int[w * h * nc];
		for (int i = 0; i < samples.length; i++)
			samples[i] = rnd.nextInt(1 << depth);
		final PngEncoder encoder = new PngEncoder(w, h, colorType, depth);
		final byte[] png = encode(encoder, (y, row) -> {
			for (int i = 0; i < w * nc; i++) {
				final int v = samples[y * w * nc + i];
				if (depth == 8) row[i] = (byte) v;
				else {
					row[2 * i] = (byte) (v >>> 8);
					row[2 * i + 1] = (byte) v;
				}
			}
		});
		final Raster r = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
		assertEquals(nc, r.getNumBands());
		assertArrayEquals(samples, r.getPixels(0, 0, w, h, new int[samples.length]));
	}

	@ParameterizedTest
	@EnumSource(PngEncoder.Filtering.class)
	void smoothImagesDecodeTheSameWithEitherFiltering(final PngEncoder.Filtering f) throws IOException {
		final int w = 300, h = 200;
		final byte[] png = encode(new PngEncoder(w, h, PngEncoder.RGB, 8).filtering(f), (y, row) -> {
			for (int x = 0; x < w; x++) {
				row[3 * x] = (byte) (x + y);
				row[3 * x + 1] = (byte) (x * y / 97);
				row[3 * x + 2] = (byte) (y * 3);
			}
		});
		final Raster r = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
		for (int y = 0; y < h; y += 7)
			for (int x = 0; x < w; x += 5) {
				assertEquals((x + y) & 0xff, r.getSample(x, y, 0));
				assertEquals((x * y / 97) & 0xff, r.getSample(x, y, 1));
				assertEquals((y * 3) & 0xff, r.getSample(x, y, 2));
			}
	}

	/**
	 * Compressed in segments on several threads (pigz style: each with the previous one's tail as
	 * dictionary, each filtering its rows from the row above it) a big image decodes to the same
	 * pixels as compressed at once, with every filtering, with a valid zlib
	 * checksum (ImageIO checks it), and gives the same file on every run.
	 */
	@ParameterizedTest
	@EnumSource(PngEncoder.Filtering.class)
	void segmentedCompressionDecodesTheSame(final PngEncoder.Filtering filtering) throws IOException {
		final int w = 1500, h = 1200;
		final Random rnd = new Random(5);
		final byte[] noise = new byte[w];
		rnd.nextBytes(noise);
		final PngEncoder.Rows rows = (y, row) -> {
			for (int x = 0; x < w; x++)
				row[x] = (byte) ((x / 40 + y / 30) % 7 == 0 ? noise[(x + y) % w] & 0x0f : (x + y / 3) >> 5);
		};
		final byte[] palette = new byte[3 * 256];
		for (int i = 0; i < palette.length; i++)
			palette[i] = (byte) i;
		final byte[] once = encode(new PngEncoder(w, h, PngEncoder.INDEXED, 8).palette(palette).filtering(
			filtering), rows);
		final byte[] parts = encode(new PngEncoder(w, h, PngEncoder.INDEXED, 8).palette(palette).filtering(
			filtering).segmented(true), rows);
		assertTrue(!java.util.Arrays.equals(once, parts), "the big image was not compressed in segments");
		assertArrayEquals(parts, encode(new PngEncoder(w, h, PngEncoder.INDEXED, 8).palette(palette).filtering(
			filtering).segmented(true), rows));
		assertTrue(parts.length < once.length * 1.01, parts.length + " bytes against " + once.length);
		final Raster a = ImageIO.read(new ByteArrayInputStream(once)).getRaster();
		final Raster b = ImageIO.read(new ByteArrayInputStream(parts)).getRaster();
		final byte[] row = new byte[w];
		for (int y = 0; y < h; y += 13) {
			rows.row(y, row);
			for (int x = 0; x < w; x += 3) {
				assertEquals(row[x] & 0xff, b.getSample(x, y, 0), "pixel " + x + "," + y);
				assertEquals(a.getSample(x, y, 0), b.getSample(x, y, 0));
			}
		}
	}

	/**
	 * Segmented compression runs on the caller's ImgLib2 {@code Parallelization}: on the caller's
	 * thread alone when it asks for one, on the threads of the executor it gives otherwise (never
	 * the JVM's common pool), and the bytes are the same either way.
	 */
	@Test
	void segmentedCompressionUsesTheCallersThreadsOnly() throws Exception {
		final int w = 2000, h = 6000;
		final Set<Thread> threads = ConcurrentHashMap.newKeySet();
		final PngEncoder.Rows rows = (y, row) -> {
			threads.add(Thread.currentThread());
			for (int x = 0; x < w; x++)
				row[x] = (byte) ((x * 7 + y * 3) >> 4);
		};
		final PngEncoder encoder = new PngEncoder(w, h, PngEncoder.GREY, 8).filtering(PngEncoder.Filtering.NONE)
			.segmented(true);
		final byte[] single = Parallelization.runSingleThreaded(() -> encode(encoder, rows));
		assertEquals(Collections.singleton(Thread.currentThread()), threads, "one thread: the caller's");
		threads.clear();
		final ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			final byte[] three = Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(pool, 3),
				() -> encode(encoder, rows));
			assertArrayEquals(single, three, "the same bytes on any number of threads");
		}
		finally {
			pool.shutdown();
		}
		for (final Thread t : threads)
			assertTrue(t.getName().startsWith("pool-") || t == Thread.currentThread(), "ran on " + t.getName());
		assertTrue(threads.size() > 1, "the given executor's threads were used: " + threads);
	}

	@Test
	void adlerChecksumsCombine() {
		final byte[] data = new byte[100_000];
		new Random(2).nextBytes(data);
		final java.util.zip.Adler32 all = new java.util.zip.Adler32(), a = new java.util.zip.Adler32(),
			b = new java.util.zip.Adler32();
		all.update(data);
		a.update(data, 0, 37_123);
		b.update(data, 37_123, data.length - 37_123);
		assertEquals(all.getValue(), SegmentedDeflate.adler32Combine(a.getValue(), b.getValue(), data.length - 37_123));
		assertEquals(b.getValue(), SegmentedDeflate.adler32Combine(1, b.getValue(), data.length - 37_123));
	}

	@Test
	void textIsAZtxtChunkThatImageIoReads() throws IOException {
		final String text = "kmeans-quantize codebook 1\nchannels 1\n" + "0.123456789 ".repeat(500) + "\nend\n";
		final byte[] bw = { 0, 0, 0, -1, -1, -1 };
		final byte[] png = encode(new PngEncoder(3, 2, PngEncoder.INDEXED, 1).palette(bw).text("kmeans-quantize",
			text), (y, row) -> row[0] = (byte) 0xa0);
		assertTrue(png.length < text.length(), "the text is compressed");
		final ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
			reader.setInput(in);
			final Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
			final IIOMetadataNode entry = (IIOMetadataNode) ((IIOMetadataNode) root).getElementsByTagName("zTXtEntry")
				.item(0);
			assertEquals("kmeans-quantize", entry.getAttribute("keyword"));
			assertEquals(text, entry.getAttribute("text"));
		}
		finally {
			reader.dispose();
		}
	}

	@Test
	void refusesWhatPngCannotHold() {
		assertThrows(IllegalArgumentException.class, () -> new PngEncoder(0, 1, PngEncoder.GREY, 8));
		assertThrows(IllegalArgumentException.class, () -> new PngEncoder(1, 1, PngEncoder.INDEXED, 16));
		assertThrows(IllegalArgumentException.class, () -> new PngEncoder(1, 1, PngEncoder.RGB, 4));
		assertThrows(IllegalArgumentException.class, () -> new PngEncoder(1, 1, PngEncoder.INDEXED, 2).palette(
			new byte[3 * 5]));
		assertThrows(IllegalStateException.class, () -> encode(new PngEncoder(1, 1, PngEncoder.INDEXED, 8), (y,
			row) -> {}));
	}

	private static byte[] encode(final PngEncoder e, final PngEncoder.Rows rows) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		e.write(out, rows);
		return out.toByteArray();
	}
}
