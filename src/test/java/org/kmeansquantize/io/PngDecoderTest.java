package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.testing.TestImages;

/**
 * The direct PNG decoder gives the samples {@code javax.imageio} gives, for the evaluation and
 * sample PNGs and for images written with every row filter; it leaves other PNGs to
 * {@code javax.imageio} and refuses damaged ones with one line.
 */
class PngDecoderTest {

	@TempDir
	Path dir;

	@Test
	void realPngsDecodeAsImageIoDecodesThem() throws IOException {
		final Path shared = Paths.get("..", "shared", "images");
		final Stream<Path> more = Files.isDirectory(shared) ? Files.list(shared).filter(p -> p.toString().endsWith(
			".png")) : Stream.empty();
		final Path[] images = Stream.concat(Stream.of(Paths.get("samples/chelsea.png"), Paths.get(
			"samples/camera.png"), TestImages.rgbaPng(dir)), more).toArray(Path[]::new);
		int direct = 0;
		for (final Path p : images) {
			final byte[] data = Files.readAllBytes(p);
			final Planes ours = PngDecoder.read(data);
			if (ours == null) continue;
			direct++;
			assertSame(p.toString(), ImageIO.read(new ByteArrayInputStream(data)), ours);
		}
		assertTrue(direct >= 3, direct + " PNGs decoded directly");
	}

	@Test
	void everyRowFilterDecodes() throws IOException {
		final int w = 97, h = 61;
		final Random rnd = new Random(3);
		for (final int colorType : new int[] { PngEncoder.GREY, PngEncoder.RGB, PngEncoder.RGBA })
			for (final PngEncoder.Filtering f : PngEncoder.Filtering.values()) {
				final int nc = colorType == PngEncoder.GREY ? 1 : colorType == PngEncoder.RGB ? 3 : 4;
				final byte[] px = new byte[w * h * nc];
				for (int i = 0; i < px.length; i++)
					px[i] = (byte) ((i / nc % w) * 2 + (i / nc / w) + (rnd.nextInt(5) == 0 ? rnd.nextInt(256) : 0));
				final ByteArrayOutputStream b = new ByteArrayOutputStream();
				new PngEncoder(w, h, colorType, 8).filtering(f).write(b, (y, row) -> System.arraycopy(px, y * w * nc,
					row, 0, w * nc));
				final byte[] data = b.toByteArray();
				final Planes ours = PngDecoder.read(data);
				assertNotNull(ours);
				assertSame(colorType + " " + f, ImageIO.read(new ByteArrayInputStream(data)), ours);
			}
	}

	@Test
	void otherKindsAreLeftToImageIo() throws IOException {
		assertNull(PngDecoder.read(Files.readAllBytes(TestImages.palettePng(dir, true))));
		assertNull(PngDecoder.read(Files.readAllBytes(TestImages.grey16Png(dir))));
		assertNull(PngDecoder.read(Files.readAllBytes(TestImages.greyAlphaPng(dir))));
		assertNull(PngDecoder.read("not a png at all, but long enough to look".getBytes()));
	}

	/**
	 * A 2 KB PNG claiming 40000 x 40000 grey pixels (1.6 GB) is refused before anything is
	 * allocated for them, through the reader every command uses, in well under a second.
	 */
	@Test
	void aHeaderClaimingMorePixelsThanItsDataCanHoldIsRefused() throws IOException {
		final ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		final java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(40000).putInt(40000);
		ihdr.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(png, "IHDR", ihdr.array());
		final java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
		deflater.setInput(new byte[1 << 20]);
		deflater.finish();
		final byte[] idat = new byte[4096];
		chunk(png, "IDAT", Arrays.copyOf(idat, deflater.deflate(idat)));
		chunk(png, "IEND", new byte[0]);
		final Path file = Files.write(dir.resolve("bomb.png"), png.toByteArray());
		final long start = System.nanoTime();
		final IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file));
		assertTrue((System.nanoTime() - start) / 1e9 < 1, "took " + (System.nanoTime() - start) / 1e9 + " s");
		assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
		assertTrue(e.getMessage().contains("its header claims 1600040000 bytes of pixels, which its"), e.getMessage());
	}

	private static void chunk(final ByteArrayOutputStream png, final String type, final byte[] data) {
		final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		final byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		crc.update(t);
		crc.update(data);
		png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(t);
		png.writeBytes(data);
		png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	@Test
	void damagedFilesAreRefusedWithOneLine() throws IOException {
		final byte[] data = Files.readAllBytes(Paths.get("samples/chelsea.png"));
		final IOException cut = assertThrows(IOException.class, () -> PngDecoder.read(Arrays.copyOf(data,
			data.length / 2)));
		assertTrue(cut.getMessage().startsWith("corrupt or truncated PNG file ("), cut.getMessage());
		final byte[] flipped = data.clone();
		flipped[data.length / 2] ^= 0x55;
		final IOException crc = assertThrows(IOException.class, () -> PngDecoder.read(flipped));
		assertTrue(crc.getMessage().contains("CRC error"), crc.getMessage());
		assertEquals(1, crc.getMessage().split("\n").length);
	}

	private static void assertSame(final String what, final BufferedImage ref, final Planes ours) {
		final int w = ref.getWidth(), h = ref.getHeight();
		assertEquals(w, ours.layout().width(), what);
		assertEquals(h, ours.layout().height(), what);
		final Object plane = ours.plane(0);
		if (plane instanceof byte[]) {
			final byte[] expected = new byte[w * h];
			for (int i = 0; i < expected.length; i++)
				expected[i] = (byte) ref.getRaster().getSample(i % w, i / w, 0);
			assertArrayEquals(expected, (byte[]) plane, what);
			return;
		}
		final int[] argb = (int[]) plane;
		final boolean alpha = ref.getColorModel().hasAlpha();
		assertEquals(alpha ? ImageLayout.Type.RGBA : ImageLayout.Type.RGB, ours.layout().type(), what);
		for (int i = 0; i < argb.length; i++)
			assertEquals(ref.getRGB(i % w, i / w), argb[i], what + " pixel " + i);
	}
}
