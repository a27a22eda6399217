package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kmeansquantize.testing.ImageJRunner.literal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;

import org.kmeansquantize.command.KMeansCommand;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.testing.MacroRecording;
import org.kmeansquantize.testing.Pixels;

/**
 * The segmentation keys ({@code lut}, {@code masks}, {@code rois}, {@code measure}, {@code force}),
 * misspelt keys and unique titles in the real ImageJ 1 (a separate JVM under xvfb-run), against the
 * SciJava command run in this JVM, and the command's recorded options replayed.
 */
@Tag("slow")
class SegmentationImageJ1Test {

	@TempDir
	static Path root;
	static Path out;
	static String log;
	static String refused;

	@BeforeAll
	static void runImageJ() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		out = Files.createDirectories(root.resolve("out"));
		final String spots = literal(Pixels.sample("xyzc_16bit__spots.tif").toString());
		final String chelsea = literal(Pixels.sample("chelsea.png").toString());
		final String fluo = literal(Pixels.sample("IXMtest_A02_s9.tif").toString());
		final String macro = String.join("\n", //
			"setBatchMode(true);", //
			"var out = " + literal(out + File.separator) + ";", //
			"open(" + spots + ");", //
			"run(\"K-means\", \"colors=4 seed=1 masks rois measure\");", //
			"saveAs(\"Tiff\", out + \"spots-labels.tif\");", //
			"selectImage(\"xyzc_16bit__spots-masks\");", //
			"saveAs(\"Tiff\", out + \"spots-masks.tif\");", //
			"Table.save(out + \"spots-clusters.csv\", \"K-means clusters\");", //
			"n = roiManager(\"count\");", //
			"names = \"\";", //
			"for (i = 0; i < n; i++) { roiManager(\"select\", i); names = names + Roi.getName + \";\" + " +
				"getValue(\"selection.size\") + \"\\n\"; }", //
			"File.saveString(names, out + \"spots-rois.txt\");", //
			"roiManager(\"reset\");", //
			"selectImage(\"xyzc_16bit__spots.tif\");", //
			"run(\"K-means\", \"colours=8 seed=1 lut=codebook\");", //
			"saveAs(\"Tiff\", out + \"spots-codebook-lut.tif\");", //
			"selectImage(\"xyzc_16bit__spots.tif\");", //
			"run(\"K-means\", \"colors=3 seed=1\");", //
			"selectImage(\"xyzc_16bit__spots.tif\");", //
			"run(\"K-means\", \"colors=3 seed=1\");", //
			"print(\"second title: \" + getTitle());", //
			"run(\"Close All\");", //
			"open(" + chelsea + ");", //
			"run(\"K-means\", \"colors=4 seed=1\");", //
			"saveAs(\"Tiff\", out + \"chelsea-labels.tif\");", //
			"open(" + fluo + ");", //
			"run(\"Apply codebook\", \"codebook=[\" + out + \"chelsea-labels.tif] force\");", //
			"print(\"forced: \" + getTitle());", //
			"File.saveString(\"done\", out + \"done.txt\");", "");
		final Path file = root.resolve("segmentation.ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		log = ImageJRunner.runBatch(root, file, null, 240);
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
	}

	@Test
	void masksRoisAndMeasurementsMatchTheCommand() throws Exception {
		try (Context context = new Context(CommandService.class, StatusService.class, ConvertService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final Module m = commands.run(KMeansCommand.class, true, "imp", IJ.openImage(Pixels.sample(
				"xyzc_16bit__spots.tif").toString()), "colors", 4, "seed", 1L, "masks", true, "rois", true, "measure",
				true).get();
			final ImagePlus labels = (ImagePlus) m.getOutput("labels");
			final ImagePlus ij1Labels = IJ.openImage(out.resolve("spots-labels.tif").toString());
			assertArrayEquals(Pixels.labels(labels), Pixels.labels(ij1Labels));
			assertEquals(labels.getProcessor().getLut().getRGB(2), ij1Labels.getProcessor().getLut().getRGB(2));
			// distinct by default for 16-bit input; codebook when asked for
			final ImagePlus codebookLut = IJ.openImage(out.resolve("spots-codebook-lut.tif").toString());
			assertTrue(ij1Labels.getProcessor().getLut().getRGB(1) != codebookLut.getProcessor().getLut().getRGB(1));
			final ImagePlus masks = (ImagePlus) m.getOutput("maskImage");
			final ImagePlus ij1Masks = IJ.openImage(out.resolve("spots-masks.tif").toString());
			assertArrayEquals(masks.getDimensions(), ij1Masks.getDimensions());
			assertEquals(List.of(4, 17, 1), List.of(ij1Masks.getNChannels(), ij1Masks.getNSlices(), ij1Masks
				.getNFrames()));
			assertArrayEquals(Pixels.values(masks), Pixels.values(ij1Masks));
			assertEquals(masks.getCalibration().pixelDepth, ij1Masks.getCalibration().pixelDepth);
			final ResultsTable clusters = (ResultsTable) m.getOutput("clusters");
			final ResultsTable ij1Clusters = ResultsTable.open(out.resolve("spots-clusters.csv").toString());
			assertEquals(clusters.size(), ij1Clusters.size());
			for (int i = 0; i < clusters.size(); i++) {
				assertEquals(clusters.getValue("count", i), ij1Clusters.getValue("count", i));
				assertEquals(clusters.getValue("C2_mean", i), ij1Clusters.getValue("C2_mean", i), 1e-3);
			}
			final List<String> rois = Files.readAllLines(out.resolve("spots-rois.txt"));
			final List<ij.gui.Roi> selections = selections(m);
			assertEquals(selections.size(), rois.size());
			assertEquals(selections.get(5).getName() + ";" + selections.get(5).size(), rois.get(5));
		}
	}

	@Test
	void misspeltKeysAreLoggedAndTitlesStayUnique() {
		assertTrue(log.contains("K-means: unknown key 'colours' ignored"), log);
		assertTrue(log.contains("second title: xyzc_16bit__spots-labels-1"), log);
		assertTrue(log.contains("forced: IXMtest_A02_s9-labels"), log);
	}

	@Test
	void recordedOptionsReplayToTheSameOutputs() throws Exception {
		try (Context context = new Context(CommandService.class, StatusService.class, ConvertService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final Module m = commands.run(KMeansCommand.class, true, "imp", IJ.openImage(Pixels.sample(
				"chelsea.png").toString()), "colors", 5, "seed", 3L, "lut", "distinct", "masks", true, "rois", true,
				"measure", true).get();
			final String recorded = MacroRecording.record(m);
			assertTrue(recorded.contains("lut=distinct") && recorded.contains("masks=true") && recorded.contains(
				"rois=true") && recorded.contains("measure=true"), recorded);
			final CommandInfo info = commands.getCommand(KMeansCommand.class);
			final Map<String, Object> inputs = MacroRecording.replay(context, info, recorded);
			inputs.put("imp", IJ.openImage(Pixels.sample("chelsea.png").toString()));
			final Module again = commands.run(info, true, inputs).get();
			assertArrayEquals(Pixels.labels((ImagePlus) m.getOutput("labels")), Pixels.labels((ImagePlus) again
				.getOutput("labels")));
			assertArrayEquals(Pixels.values((ImagePlus) m.getOutput("maskImage")), Pixels.values((ImagePlus) again
				.getOutput("maskImage")));
			assertEquals(((ResultsTable) m.getOutput("clusters")).getColumnAsVariables("red_mean").length, 5);
			assertEquals(selections(m).size(), selections(again).size());
			assertEquals(ImagePlusQuantizer.codebookOf((ImagePlus) m.getOutput("labels")), ImagePlusQuantizer
				.codebookOf((ImagePlus) again.getOutput("labels")));
		}
	}

	private static List<ij.gui.Roi> selections(final Module m) {
		return org.kmeansquantize.command.KMeansCommandAccess.selections(m);
	}
}
