package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.batch.CurveFiles;
import org.kmeansquantize.render.CurvePlot;
import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.render.PaletteImage;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SampleRange;

/**
 * The {@code curve} and {@code palette} subcommands and {@code compress --target-psnr}, on real
 * sample images in a temporary folder; pictures are read back pixel by pixel.
 */
@Tag("slow")
class CurvePaletteCommandLineTest {

	@TempDir
	Path dir;

	@Test
	void curveWritesCsvPngAndJson() throws Exception {
		final Path csv = dir.resolve("curve.csv"), png = dir.resolve("curve.png");
		final CliRun r = CliRun.of("curve", Pixels.sample("chelsea.png").toString(), "-o", csv.toString(), "--png", png
			.toString(), "--target-psnr", "33", "--json");
		assertEquals(0, r.exit, r.err);
		final List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
		assertEquals(CurveTable.CSV_HEADER, lines.get(0));
		assertEquals(16, lines.size());
		int knees = 0, targets = 0, targetK = -1;
		double prevMse = Double.POSITIVE_INFINITY;
		for (final String line : lines.subList(1, lines.size())) {
			final String[] f = line.split(",");
			assertEquals(5, f.length, line);
			final double mse = Double.parseDouble(f[1]), psnr = Double.parseDouble(f[2]);
			assertTrue(mse <= prevMse, line);
			prevMse = mse;
			assertEquals(Psnr.of(mse, 255), psnr, 1e-9);
			knees += Integer.parseInt(f[3]);
			if (f[4].equals("1")) {
				targets++;
				targetK = Integer.parseInt(f[0]);
				assertTrue(psnr >= 33, line);
			}
		}
		assertEquals(1, knees);
		assertEquals(1, targets);
		final BufferedImage plot = ImageIO.read(png.toFile());
		assertEquals(CurvePlot.WIDTH, plot.getWidth());
		assertEquals(CurvePlot.HEIGHT, plot.getHeight());
		assertTrue(r.out.contains("\"knee_k\": "), r.out);
		assertTrue(r.out.contains("\"target_k\": " + targetK + ","), r.out);
		assertTrue(r.out.contains("\"k\": [2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256]"), r.out);
	}

	@Test
	void targetPsnrPicksTheSmallestKOnTheCurveThatReachesIt() throws Exception {
		final Path in = Pixels.sample("chelsea.png");
		final QualityCurve curve = CurveFiles.compute(in, QuantizeSettings.builder().build(), Progress.NONE);
		// halfway between two points of the curve: the upper one is the first to reach it
		final double target = (curve.psnr(6) + curve.psnr(7)) / 2;
		final int i = curve.smallestReaching(target);
		assertEquals(7, i);
		assertTrue(curve.psnr(i - 1) < target);
		final Path out = dir.resolve("chosen.png");
		final CliRun r = CliRun.of("compress", in.toString(), "-o", out.toString(), "--target-psnr", Double.toString(
			target), "--json");
		assertEquals(0, r.exit, r.err);
		final Map<String, String> json = CliRun.json(r.out);
		final int k = Integer.parseInt(json.get("k"));
		assertTrue(k >= curve.k(i), "k " + k);
		assertTrue(Double.parseDouble(json.get("psnr")) >= target, r.out);
		assertEquals(Double.toString(target), json.get("target_psnr"));
		assertTrue(Files.exists(out));
	}

	@Test
	void targetPsnrOnFloatDataUsesTheDataRangeAsPeak() throws Exception {
		final Path in = Pixels.sample("xy_float__h2b_bg_corr.tif"), out = dir.resolve("float.tif");
		final CliRun r = CliRun.of("compress", in.toString(), "-o", out.toString(), "--target-psnr", "30", "--json");
		assertEquals(0, r.exit, r.err);
		final Map<String, String> json = CliRun.json(r.out);
		final QualityCurve curve = CurveFiles.compute(in, QuantizeSettings.builder().build(), Progress.NONE);
		final double reached = Double.parseDouble(json.get("reached_psnr"));
		assertEquals(Psnr.of(Double.parseDouble(json.get("mse")), curve.peak()), reached, 1e-9);
		assertEquals(reached, Double.parseDouble(json.get("psnr")), 1e-9, "compress's PSNR is the same PSNR");
		assertTrue(reached >= 30, r.out);
		final int k = Integer.parseInt(json.get("k"));
		final int i = curve.smallestReaching(30);
		assertTrue(i >= 0 && k >= curve.k(i), "k " + k);
	}

	@Test
	void targetPsnrAndColorsExcludeEachOther() {
		final CliRun r = CliRun.of("compress", Pixels.sample("camera.png").toString(), "-o", dir.resolve("x.png")
			.toString(), "--colors", "8", "--target-psnr", "30");
		assertEquals(2, r.exit);
		assertEquals(1, r.errLines().length, r.err);
		assertTrue(r.err.contains("--target-psnr chooses k itself: give it or --colors, not both"), r.err);
		assertFalse(Files.exists(dir.resolve("x.png")));
	}

	@Test
	void paletteHasOneSwatchPerEntryInItsColour() throws Exception {
		final Path labels = dir.resolve("chelsea-6.png"), pal = dir.resolve("palette.png");
		assertEquals(0, CliRun.of("compress", Pixels.sample("chelsea.png").toString(), "-o", labels.toString(),
			"--colors", "6").exit);
		final CliRun r = CliRun.of("palette", labels.toString(), "-o", pal.toString(), "--json");
		assertEquals(0, r.exit, r.err);
		assertEquals("6", CliRun.json(r.out).get("entries"));
		final BufferedImage labelImage = ImageIO.read(labels.toFile());
		final java.awt.image.IndexColorModel cm = (java.awt.image.IndexColorModel) labelImage.getColorModel();
		final BufferedImage image = ImageIO.read(pal.toFile());
		for (int i = 0; i < 6; i++) {
			final Rectangle s = PaletteImage.swatch(6, i, false, 3);
			final int expected = cm.getRGB(i) & 0xffffff;
			for (final int[] p : new int[][] { { s.x, s.y }, { s.x + s.width - 1, s.y + s.height - 1 }, { s.x + s.width /
				2, s.y + s.height / 2 } })
				assertEquals(expected, image.getRGB(p[0], p[1]) & 0xffffff, "swatch " + i);
		}
		// white outside the swatches
		assertEquals(0xffffff, image.getRGB(1, 1) & 0xffffff);
	}

	@Test
	void paletteOfACodebookFileShowsItsCountsAndValues() throws Exception {
		final Codebook cb = new Codebook(new double[][] { { 10, 200 }, { 4000, 30 }, { 65535, 65535 } }, new long[] {
			1, 1, 2 }, SampleRange.UINT16, false);
		final Path file = dir.resolve("codebook.txt"), pal = dir.resolve("p.png");
		Files.write(file, CodebookFormat.format(cb).getBytes(StandardCharsets.US_ASCII));
		final CliRun r = CliRun.of("palette", file.toString(), "-o", pal.toString());
		assertEquals(0, r.exit, r.err);
		final BufferedImage image = ImageIO.read(pal.toFile());
		final int[] colours = PaletteImage.colours(cb, false);
		for (int i = 0; i < 3; i++) {
			final Rectangle s = PaletteImage.swatch(3, i, true, 2);
			assertEquals(colours[i], image.getRGB(s.x + 5, s.y + 5) & 0xffffff, "swatch " + i);
		}
		// two channels: red and green; the last entry is the largest of both
		assertEquals(0xffff00, colours[2]);
		// text is drawn under every swatch: dark pixels between the swatch and the next row
		for (int i = 0; i < 3; i++) {
			final Rectangle s = PaletteImage.swatch(3, i, true, 2);
			int dark = 0;
			for (int y = s.y + s.height + 2; y < image.getHeight(); y++)
				for (int x = s.x - 8; x < s.x + s.width + 8; x++)
					if ((image.getRGB(x, y) & 0xff) < 128) dark++;
			assertTrue(dark > 30, "text under swatch " + i);
		}
		assertEquals("25.0%", PaletteImage.percent(25));
		assertEquals("50.0%", PaletteImage.percent(100.0 * 2 / 4));
		assertEquals("<0.01%", PaletteImage.percent(0.001));
	}

	@Test
	void paletteRefusesAnImageThatIsNoLabelFile() {
		final CliRun r = CliRun.of("palette", Pixels.sample("xyzc_16bit__spots.tif").toString(), "-o", dir.resolve(
			"p.png").toString());
		assertEquals(1, r.exit);
		assertEquals(1, r.errLines().length, r.err);
		assertFalse(Files.exists(dir.resolve("p.png")));
	}
}
