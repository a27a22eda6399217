package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kmeansquantize.testing.ImageJRunner.literal;

import java.awt.Rectangle;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.LUT;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.imagej.ImagePlusCurve;
import org.kmeansquantize.command.KMeansCommand;
import org.kmeansquantize.render.PaletteImage;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.command.QualityCurveCommand;

/**
 * The palette option of K-means and the K-means quality curve in the real ImageJ 1 (a separate JVM
 * under xvfb-run), against the SciJava commands run in this JVM through a headless context.
 */
@Tag("slow") // the real ImageJ 1 in a separate JVM
class CurvePaletteImageJ1Test {

	@TempDir
	static Path root;
	static Path out;
	static String log;

	@BeforeAll
	static void runImageJ() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		out = Files.createDirectories(root.resolve("out dir"));
		final String chelsea = literal(Pixels.sample("chelsea.png").toString());
		final String spots = literal(Pixels.sample("xyzc_16bit__spots.tif").toString());
		final String macro = String.join("\n", //
			"setBatchMode(true);", //
			"var out = " + literal(out + File.separator) + ";", //
			"open(" + chelsea + ");", //
			"run(\"K-means\", \"colors=6 seed=1 palette\");", //
			"saveAs(\"Tiff\", out + \"chelsea-labels.tif\");", //
			"selectImage(\"chelsea.png palette\");", //
			"saveAs(\"PNG\", out + \"chelsea-palette.png\");", //
			"run(\"Close All\");", //
			"open(" + spots + ");", //
			"run(\"K-means\", \"colors=4 seed=1 palette=true\");", //
			"selectImage(\"xyzc_16bit__spots.tif palette\");", //
			"saveAs(\"PNG\", out + \"spots-palette.png\");", //
			"run(\"Close All\");", //
			"open(" + chelsea + ");", //
			"run(\"K-means quality curve\", \"seed=1 target_psnr=33 csv=[\" + out + \"chelsea curve.csv]\");", //
			"selectImage(\"chelsea.png quality curve\");", //
			"saveAs(\"PNG\", out + \"chelsea-curve.png\");", //
			"Table.save(out + \"chelsea-table.csv\", \"K-means quality curve\");", //
			"run(\"Close All\");", //
			"File.saveString(\"done\", out + \"done.txt\");", "");
		final Path file = root.resolve("curve.ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		log = ImageJRunner.runBatch(root, file, null, 180);
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
	}

	@Test
	void paletteShowsTheLabelImagesLutColours() {
		final ImagePlus labels = IJ.openImage(out.resolve("chelsea-labels.tif").toString());
		final ImagePlus palette = IJ.openImage(out.resolve("chelsea-palette.png").toString());
		assertNotNull(palette, log);
		assertEquals(ImagePlus.COLOR_RGB, palette.getType());
		final LUT lut = labels.getProcessor().getLut();
		for (int i = 0; i < 6; i++) {
			final Rectangle s = PaletteImage.swatch(6, i, false, 3);
			assertEquals(lut.getRGB(i) & 0xffffff, palette.getProcessor().getPixel(s.x + s.width / 2, s.y + s.height /
				2) & 0xffffff, "swatch " + i);
		}
	}

	@Test
	void multichannelPaletteHasRoomForTheValues() {
		final ImagePlus palette = IJ.openImage(out.resolve("spots-palette.png").toString());
		assertNotNull(palette, log);
		final Rectangle last = PaletteImage.swatch(4, 3, true, 2);
		assertTrue(palette.getHeight() > last.y + last.height + 3 * 13, "height " + palette.getHeight());
		assertEquals(PaletteImage.swatch(4, 3, true, 2).x + PaletteImage.SWATCH + (PaletteImage.CELL -
			PaletteImage.SWATCH) / 2 + PaletteImage.MARGIN, palette.getWidth());
	}

	@Test
	void qualityCurveGivesPlotTableAndCsvAsTheSciJavaCommand() throws Exception {
		final List<String> csv = Files.readAllLines(out.resolve("chelsea curve.csv"));
		assertEquals(CurveTable.CSV_HEADER, csv.get(0));
		assertEquals(16, csv.size());
		final ImagePlus plot = IJ.openImage(out.resolve("chelsea-curve.png").toString());
		assertNotNull(plot, log);
		assertTrue(plot.getWidth() > 200 && plot.getHeight() > 100);
		final ResultsTable ij1Table = ResultsTable.open(out.resolve("chelsea-table.csv").toString());
		assertEquals(15, ij1Table.size());
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final Path scijavaCsv = root.resolve("scijava.csv");
			final Module m = context.getService(CommandService.class).run(QualityCurveCommand.class, true, "imp", IJ
				.openImage(Pixels.sample("chelsea.png").toString()), "seed", 1L, "target_psnr", 33.0, "roi", false, "csv",
				scijavaCsv.toString()).get();
			assertEquals(csv, Files.readAllLines(scijavaCsv));
			final ResultsTable table = (ResultsTable) m.getOutput("table");
			// the saved table has the table's decimal places
			final double[] mse = table.getColumn("mse"), saved = ij1Table.getColumn("mse");
			for (int i = 0; i < mse.length; i++)
				assertEquals(mse[i], saved[i], 1e-4 * mse[i], "row " + i);
			for (final String column : new String[] { "k", "knee", "target" })
				assertArrayEquals(ij1Table.getColumn(column), table.getColumn(column), column);
			final ImagePlus scijavaPlot = (ImagePlus) m.getOutput("plot");
			assertEquals("chelsea.png" + ImagePlusCurve.PLOT_SUFFIX, scijavaPlot.getTitle());
		}
	}

	@Test
	void sciJavaKMeansMakesTheSamePalette() throws Exception {
		final ImagePlus ij1 = IJ.openImage(out.resolve("chelsea-palette.png").toString());
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final Module m = context.getService(CommandService.class).run(KMeansCommand.class, true, "imp", IJ
				.openImage(Pixels.sample("chelsea.png").toString()), "colors", 6, "seed", 1L, "palette", true).get();
			final ImagePlus palette = (ImagePlus) m.getOutput("paletteImage");
			assertEquals("chelsea.png palette", palette.getTitle());
			assertEquals(ij1.getWidth(), palette.getWidth());
			assertEquals(ij1.getHeight(), palette.getHeight());
			for (int i = 0; i < 6; i++) {
				final Rectangle s = PaletteImage.swatch(6, i, false, 3);
				assertEquals(ij1.getProcessor().getPixel(s.x + 3, s.y + 3), palette.getProcessor().getPixel(s.x + 3, s.y +
					3), "swatch " + i);
			}
		}
	}
}
