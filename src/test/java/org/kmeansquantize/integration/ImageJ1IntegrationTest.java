package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kmeansquantize.testing.ImageJRunner.literal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.LUT;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;

import org.kmeansquantize.command.ApplyCodebookCommand;
import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.labelfile.CodebookLut;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.command.KMeansCommand;
import org.kmeansquantize.ij1.KMeansOptions;
import org.kmeansquantize.testing.MacroRecording;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.command.ReconstructCommand;

/**
 * The plugin in the real ImageJ 1 (a separate JVM under xvfb-run, plugins folder as the README
 * says), against the SciJava commands run in this JVM on the same images: one macro quantizes an
 * RGB photo, a 16-bit two-channel z-stack and an 8-bit grey photo with {@code reconstruct} as a
 * bare keyword and as {@code reconstruct=true}, applies the saved label TIFFs as codebooks,
 * reconstructs from them, and replays the option string Fiji's recorder writes for a command run.
 */
@Tag("slow") // the real ImageJ 1 in a separate JVM
class ImageJ1IntegrationTest {

	private static final String[][] SAMPLES = { { "chelsea", "chelsea.png" }, { "spots",
		"xyzc_16bit__spots.tif" }, { "camera", "camera.png" } };

	/** A selection on the photo: x, y, width, height. */
	private static final String ROI = "40, 30, 120, 90";
	/** Runs that must fail, each in a nested macro whose abort message is collected. */
	private static final String[] ERROR_RUNS = { "run('K-means', 'colors=0');", "run('K-means', 'roi=true');",
		"run('K-means', 'reconstruct=maybe');", "run('Apply codebook', 'codebook=[/no such/file.txt]');",
		"run('Reconstruct', 'codebook=');" };

	@TempDir
	static Path root;
	static Path out;
	/** What Fiji's recorder writes for a K-means run with every option away from its default. */
	static String recorded;
	static ImagePlus recordedLabels;
	/** Everything ImageJ printed, its Log window included. */
	static String log;

	@BeforeAll
	static void runImageJ() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		out = Files.createDirectories(root.resolve("out dir"));
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final Module m = context.getService(CommandService.class).run(KMeansCommand.class, true, "imp", IJ
				.openImage(Pixels.sample("chelsea.png").toString()), "colors", 12, "seed", 7L, "batch", 2048,
				"iterations", 50, "refine", 20, "tolerance", 1e-4, "scaling", "standardize", "roi", false, "reconstruct",
				true).get();
			recorded = MacroRecording.record(m);
			recordedLabels = (ImagePlus) m.getOutput("labels");
		}
		final StringBuilder macro = new StringBuilder("setBatchMode(true);\n");
		macro.append("var out = ").append(literal(out + File.separator)).append(";\n");
		macro.append(String.join("\n", //
			"function saveOutputs(short, prefix) {", //
			"	selectImage(short + \"-labels\");", //
			"	saveAs(\"Tiff\", out + prefix + \"-labels.tif\");", //
			"	if (isOpen(short + \"-reconstructed\")) {", //
			"		selectImage(short + \"-reconstructed\");", //
			"		saveAs(\"Tiff\", out + prefix + \"-reconstructed.tif\");", //
			"	}", //
			"	Table.save(out + prefix + \"-codebook.csv\", \"K-means codebook\");", //
			"	run(\"Close All\");", //
			"}", //
			"function quantize(path, name, options, tag) {", //
			"	open(path);", //
			"	run(\"K-means\", options);", //
			"	saveOutputs(File.getNameWithoutExtension(path), name + \"-\" + tag);", //
			"}", //
			"function applyAndRebuild(path, name) {", //
			"	open(path);", //
			"	run(\"Apply codebook\", \"codebook=[\" + out + name + \"-bare-labels.tif]\");", //
			"	saveOutputs(File.getNameWithoutExtension(path), name + \"-applied\");", //
			"	open(out + name + \"-bare-labels.tif\");", //
			"	run(\"Reconstruct\", \"codebook=\");", //
			"	saveAs(\"Tiff\", out + name + \"-rebuilt.tif\");", //
			"	run(\"Close All\");", //
			"}", ""));
		for (final String[] s : SAMPLES) {
			final String path = literal(Pixels.sample(s[1]).toString()), name = literal(s[0]);
			macro.append("quantize(" + path + ", " + name + ", \"colors=8 seed=1 reconstruct\", \"bare\");\n");
			macro.append("quantize(" + path + ", " + name + ", \"colors=8 seed=1 reconstruct=true\", \"true\");\n");
			macro.append("applyAndRebuild(" + path + ", " + name + ");\n");
		}
		macro.append("quantize(" + literal(Pixels.sample("chelsea.png").toString()) + ", \"chelsea\", " + literal(
			recorded) + ", \"recorded\");\n");
		macro.append(String.join("\n", //
			"open(" + literal(Pixels.sample("chelsea.png").toString()) + ");", //
			"makeRectangle(" + ROI + ");", //
			"run(\"K-means\", \"colors=4 seed=1 roi\");", //
			"saveOutputs(\"chelsea\", \"chelsea-roi\");", //
			"open(" + literal(Pixels.sample("camera.png").toString()) + ");", //
			"errors = \"\";", ""));
		final String rgbCodebook = "codebook=[" + out.resolve("chelsea-bare-labels.tif") + "]";
		final List<String> errorRuns = new ArrayList<>(Arrays.asList(ERROR_RUNS));
		errorRuns.add("run('Apply codebook', '" + rgbCodebook + "');");
		errorRuns.add("newImage('bad labels', '8-bit black', 8, 8, 1); setPixel(3, 3, 200); run('Reconstruct', '" +
			rgbCodebook + "');");
		errorRuns.add("newImage('all NaN', '32-bit black', 8, 8, 1); for (i = 0; i < 64; i++) setPixel(i % 8, " +
			"floor(i / 8), NaN); run('K-means', 'colors=4');");
		errorRuns.add("newImage('small', '8-bit black', 8, 8, 1); makeRectangle(20, 20, 5, 5); " +
			"run('K-means', 'colors=4 roi');");
		errorRuns.add("open(" + literal(Pixels.sample("chelsea.png").toString()) +
			"); run('8-bit Color', 'number=16'); run('K-means', 'colors=4');");
		for (final String run : errorRuns)
			macro.append("errors = errors + call(\"ij.Macro.eval\", " + literal(run) + ") + \"\\n\";\n");
		macro.append(String.join("\n", //
			"newImage(\"levels\", \"8-bit black\", 9, 4, 1);", //
			"for (i = 0; i < 36; i++) setPixel(i % 9, floor(i / 9), 40 * (i % 3));", //
			"run(\"K-means\", \"colors=16\");", ""));
		macro.append("File.saveString(errors, out + \"errors.txt\");\n");
		macro.append("File.saveString(\"done\", out + \"done.txt\");\n");
		final Path file = root.resolve("quantize.ijm");
		Files.write(file, macro.toString().getBytes(StandardCharsets.UTF_8));
		log = ImageJRunner.runBatch(root, file, null, 180);
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void bareKeywordAndTrueGiveTheSameResult(final int sample) {
		final String name = SAMPLES[sample][0];
		final ImagePlus bare = open(name + "-bare-labels.tif"), asTrue = open(name + "-true-labels.tif");
		assertArrayEquals(Pixels.labels(bare), Pixels.labels(asTrue));
		assertEquals(bare.getProperty("Info"), asTrue.getProperty("Info"));
		assertArrayEquals(Pixels.values(open(name + "-bare-reconstructed.tif")), Pixels.values(open(name +
			"-true-reconstructed.tif")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void labelImageHasTheInputsShapeAndTheCodebookAsLut(final int sample) {
		final ImagePlus original = original(sample);
		final ImagePlus labels = open(SAMPLES[sample][0] + "-true-labels.tif");
		assertEquals(ImagePlus.GRAY8, labels.getType());
		assertEquals(original.getWidth(), labels.getWidth());
		assertEquals(original.getHeight(), labels.getHeight());
		assertEquals(1, labels.getNChannels());
		assertEquals(original.getNSlices(), labels.getNSlices());
		assertEquals(original.getNFrames(), labels.getNFrames());
		if (SAMPLES[sample][0].equals("spots")) assertEquals(17, labels.getNSlices());
		assertEquals(0, labels.getDisplayRangeMin());
		assertEquals(255, labels.getDisplayRangeMax());
		final Codebook codebook = ImagePlusQuantizer.codebookOf(labels);
		assertEquals(8, codebook.size());
		assertEquals(original.getType() == ImagePlus.COLOR_RGB ? 3 : original.getNChannels(), codebook.channels());
		final LUT lut = labels.getProcessor().getLut();
		// the default lut=auto: RGB input shows the codebook's colours, every other type distinct colours
		final boolean rgb = original.getType() == ImagePlus.COLOR_RGB;
		final LUT expected = rgb ? CodebookLut.lut(codebook, original) : CodebookLut.distinct();
		for (int i = 0; i < codebook.size(); i++) {
			if (rgb) {
				assertEquals((int) codebook.fitted(i, 0), lut.getRed(i), "red of entry " + i);
				assertEquals((int) codebook.fitted(i, 1), lut.getGreen(i), "green of entry " + i);
				assertEquals((int) codebook.fitted(i, 2), lut.getBlue(i), "blue of entry " + i);
			}
			assertEquals(expected.getRGB(i), lut.getRGB(i), "LUT entry " + i);
		}
		final int[] labelValues = Pixels.labels(labels);
		final long[] counts = new long[codebook.size()];
		for (final int l : labelValues)
			counts[l]++;
		for (int i = 0; i < codebook.size(); i++)
			assertEquals(counts[i], codebook.count(i), "count of label " + i);
		assertNearest(Pixels.values(original), labelValues, codebook);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void tableHasOneRowPerEntry(final int sample) throws Exception {
		final String name = SAMPLES[sample][0];
		final Codebook codebook = ImagePlusQuantizer.codebookOf(open(name + "-true-labels.tif"));
		final List<String> lines = Files.readAllLines(out.resolve(name + "-true-codebook.csv"));
		final String header = sample == 0 ? "label,count,red,green,blue" : sample == 1 ? "label,count,C1,C2"
			: "label,count,value";
		assertEquals(header, lines.get(0));
		assertEquals(8, lines.size() - 1);
		for (int i = 0; i < 8; i++) {
			final String[] f = lines.get(i + 1).split(",");
			assertEquals(i, Integer.parseInt(f[0]));
			assertEquals(codebook.count(i), Long.parseLong(f[1]));
			for (int c = 0; c < codebook.channels(); c++)
				assertEquals(codebook.value(i, c), Double.parseDouble(f[2 + c]), 5e-4);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void reconstructionErrorIsWhatTheCodebookImplies(final int sample) {
		final String name = SAMPLES[sample][0];
		final ImagePlus original = original(sample);
		final ImagePlus labels = open(name + "-true-labels.tif");
		final ImagePlus reconstruction = open(name + "-true-reconstructed.tif");
		assertEquals(original.getType(), reconstruction.getType());
		assertArrayEquals(original.getDimensions(), reconstruction.getDimensions());
		final Codebook codebook = ImagePlusQuantizer.codebookOf(labels);
		final int[] l = Pixels.labels(labels);
		final double[][] rec = Pixels.values(reconstruction), orig = Pixels.values(original);
		for (int c = 0; c < rec.length; c++)
			for (int i = 0; i < l.length; i++)
				assertEquals(codebook.fitted(l[i], c), rec[c][i], "pixel " + i + " channel " + c);
		final double mse = Pixels.mse(rec, orig);
		assertEquals(Pixels.impliedMse(orig, l, codebook), mse, 1e-9 * mse);
		// measured: 0.084 (chelsea), 0.128 (spots, two channels: k-means error falls as k^(-2/d)), 0.0096
		// (camera) of the variance; one level would give 1
		final double variance = Pixels.variance(orig);
		assertTrue(mse > 0 && mse < 0.2 * variance, "MSE " + mse + " against a variance of " + variance);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void applyAndReconstructPluginsAgreeWithKMeans(final int sample) throws Exception {
		final String name = SAMPLES[sample][0];
		final ImagePlus labels = open(name + "-bare-labels.tif");
		final ImagePlus applied = open(name + "-applied-labels.tif");
		assertArrayEquals(Pixels.labels(labels), Pixels.labels(applied));
		assertEquals(ImagePlusQuantizer.codebookOf(labels), ImagePlusQuantizer.codebookOf(applied));
		assertEquals(Files.readAllLines(out.resolve(name + "-bare-codebook.csv")), Files.readAllLines(out.resolve(
			name + "-applied-codebook.csv")));
		final ImagePlus rebuilt = open(name + "-rebuilt.tif");
		final ImagePlus reconstructed = open(name + "-bare-reconstructed.tif");
		assertEquals(reconstructed.getType(), rebuilt.getType());
		assertArrayEquals(reconstructed.getDimensions(), rebuilt.getDimensions());
		assertEquals(reconstructed.isComposite(), rebuilt.isComposite());
		assertArrayEquals(Pixels.values(reconstructed), Pixels.values(rebuilt));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void sciJavaCommandsGiveWhatImageJ1Gave(final int sample) throws Exception {
		final String name = SAMPLES[sample][0];
		final ImagePlus ij1Labels = open(name + "-true-labels.tif");
		final Path labelTiff = out.resolve(name + "-true-labels.tif");
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final Module kmeans = commands.run(KMeansCommand.class, true, "imp", original(sample), "colors", 8, "seed",
				1L, "reconstruct", true).get();
			final ImagePlus labels = (ImagePlus) kmeans.getOutput("labels");
			assertArrayEquals(Pixels.labels(ij1Labels), Pixels.labels(labels));
			assertEquals(ImagePlusQuantizer.codebookOf(ij1Labels), ImagePlusQuantizer.codebookOf(labels));
			final ResultsTable table = (ResultsTable) kmeans.getOutput("table");
			assertEquals(8, table.size());
			final ImagePlus reconstruction = (ImagePlus) kmeans.getOutput("reconstruction");
			assertArrayEquals(Pixels.values(open(name + "-true-reconstructed.tif")), Pixels.values(reconstruction));

			final Module apply = commands.run(ApplyCodebookCommand.class, true, "imp", original(sample), "codebook",
				labelTiff.toString()).get();
			assertArrayEquals(Pixels.labels(ij1Labels), Pixels.labels((ImagePlus) apply.getOutput("labels")));

			final Module rebuild = commands.run(ReconstructCommand.class, true, "imp", ij1Labels, "codebook", "")
				.get();
			final ImagePlus rebuilt = (ImagePlus) rebuild.getOutput("reconstruction");
			final ImagePlus original = original(sample);
			assertEquals(original.getType(), rebuilt.getType());
			assertArrayEquals(original.getDimensions(), rebuilt.getDimensions());
			assertEquals(original.getNChannels() > 1, rebuilt.isComposite());
			assertArrayEquals(Pixels.values(reconstruction), Pixels.values(rebuilt));
		}
	}

	@Test
	void recordedOptionsReplayToTheSameResult() {
		assertEquals("imp=chelsea.png colors=12 seed=7 space=rgb scaling=standardize dither=false lut=auto " +
			"roi=false reconstruct=true palette=false masks=false rois=false measure=false batch=2048 iterations=50 " +
			"refine=20 tolerance=1.0E-4",
			recorded);
		final QuantizeSettings expected = QuantizeSettings.builder().colors(12).seed(7).batch(2048).iterations(50)
			.refine(20).tolerance(1e-4).scaling(ChannelScaling.STANDARDIZE).build();
		final KMeansOptions parsed = KMeansOptions.parse(recorded);
		assertEquals(expected, parsed.settings());
		assertTrue(parsed.reconstruct());
		assertFalse(parsed.palette());
		// replayed by the real ImageJ 1 through the bridge
		final ImagePlus ij1 = open("chelsea-recorded-labels.tif");
		assertArrayEquals(Pixels.labels(recordedLabels), Pixels.labels(ij1));
		assertEquals(ImagePlusQuantizer.codebookOf(recordedLabels), ImagePlusQuantizer.codebookOf(ij1));
		assertEquals(12, ImagePlusQuantizer.codebookOf(ij1).size());
		assertNotNull(open("chelsea-recorded-reconstructed.tif"));
	}

	@Test
	void recordedOptionsReplayThroughTheCommand() throws Exception {
		try (Context context = new Context(CommandService.class, StatusService.class, ConvertService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final CommandInfo info = commands.getCommand(KMeansCommand.class);
			final Map<String, Object> inputs = MacroRecording.replay(context, info, recorded);
			assertEquals(16, inputs.size(), "replayed " + inputs.keySet());
			inputs.put("imp", IJ.openImage(Pixels.sample("chelsea.png").toString()));
			final Module m = commands.run(info, true, inputs).get();
			final ImagePlus labels = (ImagePlus) m.getOutput("labels");
			assertArrayEquals(Pixels.labels(recordedLabels), Pixels.labels(labels));
			assertEquals(ImagePlusQuantizer.codebookOf(recordedLabels), ImagePlusQuantizer.codebookOf(labels));
			assertNotNull(m.getOutput("reconstruction"));
		}
	}

	@Test
	void errorsAbortTheMacroWithAOneLineMessage() throws Exception {
		assertEquals(List.of("camera.png: colors must be between 1 and 256, not 0",
			"camera.png: roi is set but the image has no area selection",
			"camera.png: reconstruct must be true or false, not 'maybe'",
			"camera.png: codebook '/no such/file.txt' is neither an open image nor a file",
			"'camera.png' holds no k-means codebook: it is not a label image made by K-means",
			"the codebook has 3 channels but 'camera.png' has 1",
			"bad labels: label 200 has no entry in the codebook (it has 8)",
			"all NaN: the image has no pixel with a finite value to train on",
			"small: the mask (ROI) holds no pixel with a finite value to train on",
			"chelsea.png: 8-bit colour images are not supported: convert to RGB first (Image > Type > RGB Color)"), Files
				.readAllLines(out.resolve("errors.txt")));
	}

	@Test
	void fewerEntriesThanColoursAreNotedInTheLog() {
		assertTrue(log.contains("K-means: note: the image has only 3 distinct values; 3 of 16 entries used"), log);
	}

	@Test
	void roiTrainsOnTheSelectionOnly() throws Exception {
		final ImagePlus ij1 = open("chelsea-roi-labels.tif");
		final Codebook codebook = ImagePlusQuantizer.codebookOf(ij1);
		final ImagePlus imp = IJ.openImage(Pixels.sample("chelsea.png").toString());
		final int[] r = Arrays.stream(ROI.split(", ")).mapToInt(Integer::parseInt).toArray();
		imp.setRoi(r[0], r[1], r[2], r[3]);
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final Module withRoi = commands.run(KMeansCommand.class, true, "imp", imp, "colors", 4, "seed", 1L, "roi",
				true).get();
			final ImagePlus labels = (ImagePlus) withRoi.getOutput("labels");
			assertArrayEquals(Pixels.labels(labels), Pixels.labels(ij1));
			assertEquals(ImagePlusQuantizer.codebookOf(labels), codebook);
			final Module whole = commands.run(KMeansCommand.class, true, "imp", IJ.openImage(Pixels.sample(
				"chelsea.png").toString()), "colors", 4, "seed", 1L).get();
			assertTrue(!ImagePlusQuantizer.codebookOf((ImagePlus) whole.getOutput("labels")).equals(codebook),
				"the selection made no difference");
		}
		long total = 0;
		for (int i = 0; i < codebook.size(); i++)
			total += codebook.count(i);
		assertEquals((long) ij1.getWidth() * ij1.getHeight(), total, "every pixel is labelled");
	}

	@Test
	void folderMacroQuantizesEveryImage() throws Exception {
		final Path in = Files.createDirectories(root.resolve("folder in"));
		final Path folderOut = Files.createDirectories(root.resolve("folder out"));
		Files.copy(Pixels.sample("chelsea.png"), in.resolve("chelsea.png"));
		Files.copy(Pixels.sample("camera.png"), in.resolve("camera.png"));
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		final String log = ImageJRunner.runBatch(root, Path.of("scripts", "quantize-folder.ijm").toAbsolutePath(),
			"input=[" + in + "] output=[" + folderOut + "] colors=6", 180);
		assertTrue(log.contains("quantized 2 images"), log);
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			for (final String name : new String[] { "chelsea", "camera" }) {
				final ImagePlus labels = IJ.openImage(folderOut.resolve(name + "-labels.tif").toString());
				assertNotNull(labels, name);
				final Codebook codebook = CodebookFormat.parse(new String(Files.readAllBytes(folderOut.resolve(name +
					"-codebook.txt")), StandardCharsets.UTF_8));
				assertEquals(ImagePlusQuantizer.codebookOf(labels), codebook);
				assertEquals(6, codebook.size());
				final Module m = context.getService(CommandService.class).run(KMeansCommand.class, true, "imp", IJ
					.openImage(Pixels.sample(name + ".png").toString()), "colors", 6, "seed", 1L).get();
				assertArrayEquals(Pixels.labels((ImagePlus) m.getOutput("labels")), Pixels.labels(labels));
			}
		}
		assertEquals(4, Files.list(folderOut).count());
	}

	/** Every label is a nearest codebook entry of its pixel (ties allowed). */
	private static void assertNearest(final double[][] values, final int[] labels, final Codebook codebook) {
		for (int i = 0; i < labels.length; i++) {
			double best = Double.POSITIVE_INFINITY;
			final double[] d = new double[codebook.size()];
			for (int e = 0; e < codebook.size(); e++) {
				for (int c = 0; c < values.length; c++) {
					final double diff = values[c][i] - codebook.fitted(e, c);
					d[e] += diff * diff;
				}
				best = Math.min(best, d[e]);
			}
			final int pixel = i;
			assertTrue(d[labels[i]] <= best + 1e-6, () -> "pixel " + pixel + " has label " + labels[pixel] +
				" at squared distance " + d[labels[pixel]] + " but the nearest is at " + Arrays.stream(d).min()
					.getAsDouble());
		}
	}

	private static ImagePlus original(final int sample) {
		return IJ.openImage(Pixels.sample(SAMPLES[sample][1]).toString());
	}

	private static ImagePlus open(final String file) {
		final ImagePlus imp = IJ.openImage(out.resolve(file).toString());
		assertNotNull(imp, file);
		return imp;
	}
}
