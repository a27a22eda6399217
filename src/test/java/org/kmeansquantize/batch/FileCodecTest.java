package org.kmeansquantize.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.testing.TestImages;
import org.kmeansquantize.io.TiffFiles;

/**
 * compress then decompress, file to file, on the bundled samples and on images the tests write:
 * the reconstruction has the original's type, shape and channel layout, and its error against the
 * original is the error the assignment reported.
 */
class FileCodecTest {

	@TempDir
	Path dir;

	@Test
	void grey8PngThroughPalettePng() throws IOException {
		roundTrip(Paths.get("samples/camera.png"), "png", "png", 8);
	}

	@Test
	void rgbPngThroughPalettePng() throws IOException {
		roundTrip(Paths.get("samples/chelsea.png"), "png", "png", 16);
	}

	@Test
	void rgbPngThroughLabelTiff() throws IOException {
		roundTrip(Paths.get("samples/chelsea.png"), "tif", "png", 4);
	}

	@Test
	void rgbaPngThroughPalettePng() throws IOException {
		roundTrip(TestImages.rgbaPng(dir), "png", "png", 12);
	}

	@Test
	void greyAlphaPngThroughPalettePng() throws IOException {
		roundTrip(TestImages.greyAlphaPng(dir), "png", "png", 6);
	}

	@Test
	void grey16PngThroughLabelTiffBackTo16BitPng() throws IOException {
		roundTrip(TestImages.grey16Png(dir), "tif", "png", 10);
	}

	@Test
	void grey16PngThroughLabelTiffToTiff() throws IOException {
		roundTrip(TestImages.grey16Png(dir), "tif", "tif", 10);
	}

	@Test
	void threeChannel16BitTiff() throws IOException {
		roundTrip(Paths.get("samples/IXMtest_A02_s9.tif"), "tif", "tif", 8);
	}

	@Test
	void hyperstack() throws IOException {
		roundTrip(Paths.get("samples/xyzc_16bit__spots.tif"), "tif", "tif", 8);
	}

	@Test
	void float32Tiff() throws IOException {
		final Report r = roundTrip(Paths.get("samples/xy_float__h2b_bg_corr.tif"), "tif", "tif", 8);
		final Path in = Paths.get("samples/xy_float__h2b_bg_corr.tif");
		final double peak = Psnr.extent(ImageFiles.read(in).pixels(), Progress.NONE).peak();
		assertTrue(peak > 0 && peak < 1e6, "the finite values' range " + peak);
		assertEquals(Psnr.of((Double) r.get(ReportField.MSE), peak), (Double) r.get(ReportField.PSNR), 1e-9,
			"PSNR with the data's range as peak");
	}

	@Test
	void floatWithNanKeepsNanWhereItWas() throws IOException {
		final FloatProcessor fp = new FloatProcessor(30, 20);
		for (int i = 0; i < 600; i++)
			fp.setf(i, i % 7 == 0 ? Float.NaN : (i % 30) * 0.5f - i / 30);
		final Path in = dir.resolve("nan.tif");
		assertTrue(new FileSaver(new ImagePlus("nan", fp)).saveAsTiff(in.toString()));
		final Report r = roundTrip(in, "tif", "tif", 6);
		assertEquals(7, r.get(ReportField.ENTRIES), "six learned entries and the non-finite one");
		final float[] back = (float[]) ((TiffFiles.TiffImage) ImageFiles.read(dir.resolve("nan.tif.6.recon.tif")))
			.imagePlus().getProcessor().getPixels();
		for (int i = 0; i < 600; i++)
			assertEquals(i % 7 == 0, Float.isNaN(back[i]), "pixel " + i);
	}

	@Test
	void infinitiesComeBackAsNanWhereTheyWere() throws IOException {
		final FloatProcessor fp = new FloatProcessor(25, 8);
		for (int i = 0; i < 200; i++)
			fp.setf(i, i % 11 == 0 ? Float.POSITIVE_INFINITY : i % 13 == 0 ? Float.NEGATIVE_INFINITY : i % 17 == 0
				? Float.NaN : (i % 25) * 0.25f - 3);
		final Path in = dir.resolve("infinities.tif");
		assertTrue(new FileSaver(new ImagePlus("infinities", fp)).saveAsTiff(in.toString()));
		final Report r = roundTrip(in, "tif", "tif", 5);
		assertEquals(6, r.get(ReportField.ENTRIES), "five learned entries and one for NaN and both infinities");
		final float[] back = (float[]) ((TiffFiles.TiffImage) ImageFiles.read(dir.resolve(
			"infinities.tif.5.recon.tif"))).imagePlus().getProcessor().getPixels();
		for (int i = 0; i < 200; i++)
			assertEquals(!Float.isFinite(fp.getf(i)), Float.isNaN(back[i]), "pixel " + i);
	}

	/** 1x1, 100000x1 and 1x100000 images of every type, through both label formats where they fit. */
	@ParameterizedTest
	@CsvSource({ "1,1", "100000,1", "1,100000" })
	void oneByOneAndOneRowOrColumnImagesRoundTrip(final int w, final int h) throws IOException {
		final Random rnd = new Random(w * 31L + h);
		final BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		final BufferedImage grey16 = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
		final BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final BufferedImage rgba = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
		final ByteProcessor grey8Tif = new ByteProcessor(w, h);
		final ShortProcessor grey16Tif = new ShortProcessor(w, h);
		final FloatProcessor floatTif = new FloatProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x, v = rnd.nextInt(256);
				grey.getRaster().setSample(x, y, 0, v);
				grey16.getRaster().setSample(x, y, 0, v * 200 + rnd.nextInt(200));
				// few colours: the shapes are tested here, not the engine (k-means on 10^5 colours takes long)
				final int r = rnd.nextInt(2) * 255, g = rnd.nextInt(2) * 255, b = rnd.nextInt(3) * 127;
				rgb.setRGB(x, y, r << 16 | g << 8 | b);
				rgba.setRGB(x, y, rnd.nextInt(2) * 255 << 24 | r << 16 | g << 8 | b);
				grey8Tif.set(i, v);
				grey16Tif.set(i, v * 250);
				floatTif.setf(i, i % 1000 == 999 ? Float.NaN : (float) rnd.nextGaussian());
			}
		final String size = w + "x" + h;
		for (final Object[] png : new Object[][] { { grey, "grey" }, { rgb, "rgb" }, { rgba, "rgba" } }) {
			final Path in = dir.resolve(size + "-" + png[1] + ".png");
			assertTrue(ImageIO.write((BufferedImage) png[0], "png", in.toFile()));
			roundTrip(in, "png", "png", 8);
		}
		roundTrip(dir.resolve(size + "-rgb.png"), "tif", "png", 8);
		final Path in16 = dir.resolve(size + "-grey16.png");
		assertTrue(ImageIO.write(grey16, "png", in16.toFile()));
		roundTrip(in16, "tif", "png", 8);
		for (final ImageProcessor ip : new ImageProcessor[] { grey8Tif, grey16Tif, floatTif }) {
			final Path in = dir.resolve(size + "-" + ip.getBitDepth() + ".tif");
			assertTrue(new FileSaver(new ImagePlus(in.getFileName().toString(), ip)).saveAsTiff(in.toString()));
			roundTrip(in, "tif", "tif", 8);
		}
		final Path grey8 = dir.resolve(size + "-8.tif");
		roundTrip(grey8, "png", "png", 4);
	}

	@Test
	void sixChannelStackWithFrames() throws IOException {
		final ImageStack stack = new ImageStack(19, 7);
		for (int i = 0; i < 6 * 2 * 2; i++) {
			final ByteProcessor ip = new ByteProcessor(19, 7);
			for (int y = 0; y < 7; y++)
				for (int x = 0; x < 19; x++)
					ip.set(x, y, (i * 37 + x * 11 + y * 5) % 256);
			stack.addSlice(null, ip);
		}
		final ImagePlus imp = new ImagePlus("six", stack);
		imp.setDimensions(6, 2, 2);
		imp.setOpenAsHyperStack(true);
		final Path in = dir.resolve("six-channels.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(in.toString()));
		final Report r = roundTrip(in, "tif", "tif", 9);
		assertEquals(6, r.get(ReportField.CHANNELS));
		assertEquals(19L * 7 * 2 * 2, r.get(ReportField.PIXELS));
	}

	@Test
	void paletteJpegAndGrey8TiffInputs() throws IOException {
		roundTrip(TestImages.palettePng(dir, false), "png", "png", 5);
		roundTrip(TestImages.palettePng(dir, true), "png", "png", 5);
		roundTrip(TestImages.jpeg(dir), "png", "png", 7);
		final Path grey8Tiff = dir.resolve("camera-labels.tif");
		FileCodec.compress(Paths.get("samples/camera.png"), grey8Tiff, settings(200), Progress.NONE);
		roundTrip(grey8Tiff, "png", "tif", 3);
	}

	@Test
	void cancellingLeavesNoOutput() throws IOException {
		final AtomicInteger reports = new AtomicInteger();
		final Progress cancelSoon = new Progress() {

			@Override
			public void report(final String phase, final double fraction) {
				reports.incrementAndGet();
			}

			@Override
			public boolean isCanceled() {
				return reports.get() > 2;
			}
		};
		assertThrows(CancellationException.class, () -> FileCodec.compress(Paths.get("samples/chelsea.png"), dir
			.resolve("labels.png"), settings(64), cancelSoon));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(0, files.count(), "no output and no temporary file");
		}
	}

	/**
	 * Compresses {@code in} to a label file, decompresses it, and checks type, shape, layout and
	 * error.
	 */
	private Report roundTrip(final Path in, final String labelExt, final String outExt, final int k)
		throws IOException
	{
		final String name = in.getFileName().toString();
		final Path labels = dir.resolve(name + "." + k + ".labels." + labelExt);
		final Path out = dir.resolve(name + "." + k + ".recon." + outExt);
		final byte[] before = Files.readAllBytes(in);
		final Report c = FileCodec.compress(in, labels, settings(k), Progress.NONE);
		final Report d = FileCodec.decompress(labels, out, Progress.NONE);
		assertArrayEquals(before, Files.readAllBytes(in), "the input is unchanged");
		final InputImage original = ImageFiles.read(in), recon = ImageFiles.read(out);
		final ImageLayout a = original.layout(), b = recon.layout();
		assertEquals(a.type(), b.type());
		assertEquals(a.width(), b.width());
		assertEquals(a.height(), b.height());
		assertEquals(a.channels(), b.channels());
		assertEquals(a.slices(), b.slices());
		assertEquals(a.frames(), b.frames());
		if (a.source().equals(b.source())) assertEquals(a.mode(), b.mode());
		final double mse = TestImages.mse(original.pixels(), recon.pixels());
		// equal up to summation order
		assertEquals((double) c.get(ReportField.MSE), mse, 1e-12 * Math.max(1, mse), "reconstruction error = assignment's");
		// at most k learned entries, plus one for NaN pixels of float images
		assertTrue((int) c.get(ReportField.COLORS) <= (int) c.get(ReportField.ENTRIES) && (int) c.get(ReportField.ENTRIES) <= k + 1);
		assertEquals(c.get(ReportField.COLORS), d.get(ReportField.COLORS));
		assertEquals(Files.size(labels), c.get(ReportField.OUTPUT_BYTES));
		assertEquals(Files.size(out), d.get(ReportField.OUTPUT_BYTES));
		return c;
	}

	private static QuantizeSettings settings(final int k) {
		return QuantizeSettings.builder().colors(k).build();
	}
}
