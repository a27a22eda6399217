package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.testing.TestImages;

/** Reading input images: the layout of each kind, the values, and the refusals. */
class ImageFilesTest {

	@TempDir
	Path dir;

	@Test
	void pngKindsGetTheirLayouts() throws IOException {
		check(Paths.get("samples/camera.png"), ImageLayout.Type.GRAY8, 1);
		check(Paths.get("samples/chelsea.png"), ImageLayout.Type.RGB, 1);
		check(TestImages.rgbaPng(dir), ImageLayout.Type.RGBA, 1);
		check(TestImages.palettePng(dir, false), ImageLayout.Type.RGB, 1);
		check(TestImages.palettePng(dir, true), ImageLayout.Type.RGBA, 1);
		check(TestImages.greyAlphaPng(dir), ImageLayout.Type.GRAY8, 2);
		check(TestImages.grey16Png(dir), ImageLayout.Type.GRAY16, 1);
		check(TestImages.jpeg(dir), ImageLayout.Type.RGB, 1);
	}

	@Test
	void colourPngValuesAreImageIosArgb() throws IOException {
		final Path[] images = { Paths.get("samples/chelsea.png"), TestImages.rgbaPng(dir), TestImages.palettePng(dir,
			true) };
		for (final Path p : images) {
			final BufferedImage ref = ImageIO.read(p.toFile());
			final int w = ref.getWidth(), h = ref.getHeight();
			final InputImage img = ImageFiles.read(p);
			final int nc = img.layout().valuesPerPixel();
			final float[] v = new float[w * h * nc];
			img.pixels().reader().read(0, w * h, v);
			for (int i = 0; i < w * h; i++) {
				final int argb = ref.getRGB(i % w, i / w);
				assertEquals((argb >>> 16) & 0xff, (int) v[i * nc], p + " red " + i);
				assertEquals((argb >>> 8) & 0xff, (int) v[i * nc + 1]);
				assertEquals(argb & 0xff, (int) v[i * nc + 2]);
				if (nc == 4) assertEquals(argb >>> 24, (int) v[i * nc + 3]);
			}
		}
	}

	@Test
	void grey16PngKeepsItsSixteenBitValues() throws IOException {
		final Path p = TestImages.grey16Png(dir);
		final BufferedImage ref = ImageIO.read(p.toFile());
		final PixelSource px = ImageFiles.read(p).pixels();
		final float[] v = new float[64 * 48];
		px.reader().read(0, v.length, v);
		for (int i = 0; i < v.length; i++)
			assertEquals(ref.getRaster().getSample(i % 64, i / 64, 0), (int) v[i]);
	}

	@Test
	void tiffsKeepChannelsSlicesFramesAndMode() throws IOException {
		final ImageLayout ixm = check(Paths.get("samples/IXMtest_A02_s9.tif"), ImageLayout.Type.GRAY16, 3);
		assertEquals("composite", ixm.mode());
		assertEquals(695, ixm.width());
		assertEquals(395, ixm.height());
		final ImageLayout spots = check(Paths.get("samples/xyzc_16bit__spots.tif"), ImageLayout.Type.GRAY16, 2);
		assertEquals(17, spots.slices());
		assertEquals(1, spots.frames());
		check(Paths.get("samples/xy_float__h2b_bg_corr.tif"), ImageLayout.Type.GRAY32, 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "samples/chelsea.png", "samples/IXMtest_A02_s9.tif", "jpeg" })
	void truncatedFilesAreRefused(final String name) throws IOException {
		final Path src = "jpeg".equals(name) ? TestImages.jpeg(dir) : Paths.get(name);
		final byte[] all = Files.readAllBytes(src);
		final Path cut = dir.resolve("cut-" + src.getFileName());
		Files.write(cut, Arrays.copyOf(all, all.length / 2));
		final IOException e = assertThrows(IOException.class, () -> ImageFiles.read(cut));
		assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
	}

	@Test
	void emptyMissingFolderAndNonImageFilesAreRefused() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.png"));
		final Path text = Files.write(dir.resolve("text.png"), "not an image at all".getBytes("US-ASCII"));
		assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(empty)).getMessage().endsWith("is empty"));
		assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(text)).getMessage().contains(
			"not a PNG, JPEG or TIFF"));
		assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(dir.resolve("none.png"))).getMessage()
			.endsWith("does not exist"));
		assertTrue(assertThrows(IOException.class, () -> ImageFiles.read(dir)).getMessage().contains("folder"));
	}

	@Test
	void outputFormatFollowsTheExtension() {
		assertEquals(ImageFiles.Format.PNG, ImageFiles.outputFormat(Paths.get("a/b.PNG")));
		assertEquals(ImageFiles.Format.TIFF, ImageFiles.outputFormat(Paths.get("b.tif")));
		assertEquals(ImageFiles.Format.TIFF, ImageFiles.outputFormat(Paths.get("b.tiff")));
		assertThrows(IllegalArgumentException.class, () -> ImageFiles.outputFormat(Paths.get("b.jpg")));
	}

	private static ImageLayout check(final Path p, final ImageLayout.Type type, final int channels)
		throws IOException
	{
		final InputImage img = ImageFiles.read(p);
		final ImageLayout l = img.layout();
		assertEquals(type, l.type(), p.toString());
		assertEquals(channels, l.channels(), p.toString());
		assertEquals(l.valuesPerPixel(), img.pixels().channels());
		return l;
	}
}
