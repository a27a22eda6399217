package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kmeansquantize.testing.ImageJRunner.literal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.kmeansquantize.command.ApplyCodebookCommand;
import org.kmeansquantize.command.ReconstructCommand;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.testing.Pixels;

/**
 * The case in the real ImageJ 1 (a separate JVM under xvfb-run): an 8-bit RGB codebook
 * (K-means on chelsea.png) on the 16-bit 3-channel BBBC022 image. Apply codebook and Reconstruct
 * refuse it in one line and make nothing; with {@code force=true} they run and give what the
 * SciJava commands give with {@code force}; another channel count is refused even with it.
 */
@Tag("slow")
class CodebookFitImageJ1Test {

	private static final String APPLY_REFUSED = "the codebook holds 8-bit integers (0-255) but " +
		"'IXMtest_A02_s9.tif' holds 16-bit integers (0-65535); add force=true to use it anyway";

	private static final String RECONSTRUCT_REFUSED = "the codebook holds 8-bit integers (0-255) but the codebook " +
		"of 'fluo-labels.tif' holds 16-bit integers (0-65535); add force=true to use it anyway";

	@TempDir
	static Path root;
	static Path out;
	static Path rgbLabels;
	/** Everything ImageJ printed, its Log window included. */
	static String log;

	@BeforeAll
	static void runImageJ() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		out = Files.createDirectories(root.resolve("out"));
		rgbLabels = out.resolve("chelsea-labels.tif");
		final String codebook = "codebook=[" + rgbLabels + "]";
		final String macro = String.join("\n", //
			"setBatchMode(true);", //
			"var out = " + literal(out + File.separator) + ";", //
			"open(" + literal(Pixels.sample("chelsea.png").toString()) + ");", //
			"run(\"K-means\", \"colors=4 seed=1\");", //
			"saveAs(\"Tiff\", out + \"chelsea-labels.tif\");", //
			"run(\"Close All\");", //
			"open(" + literal(Pixels.sample("IXMtest_A02_s9.tif").toString()) + ");", //
			"run(\"K-means\", \"colors=4 seed=1\");", //
			"saveAs(\"Tiff\", out + \"fluo-labels.tif\");", //
			"before = nImages;", //
			"errors = \"\";", //
			"selectImage(\"IXMtest_A02_s9.tif\");", //
			"errors = errors + call(\"ij.Macro.eval\", " + literal("run('Apply codebook', '" + codebook + "');") +
				") + \"\\n\";", //
			"selectImage(\"fluo-labels.tif\");", //
			"errors = errors + call(\"ij.Macro.eval\", " + literal("run('Reconstruct', '" + codebook + "');") +
				") + \"\\n\";", //
			"print(\"images: \" + before + \" before, \" + nImages + \" after the refusals\");", //
			"selectImage(\"IXMtest_A02_s9.tif\");", //
			"run(\"Apply codebook\", \"" + codebook + " force=true\");", //
			"print(\"forced apply: \" + getTitle());", //
			"saveAs(\"Tiff\", out + \"forced-apply.tif\");", //
			"selectImage(\"fluo-labels.tif\");", //
			"run(\"Reconstruct\", \"" + codebook + " force=true\");", //
			"print(\"forced reconstruct: \" + getTitle() + \", \" + bitDepth() + \"-bit\");", //
			"saveAs(\"Tiff\", out + \"forced-reconstruct.tif\");", //
			"open(" + literal(Pixels.sample("camera.png").toString()) + ");", //
			"errors = errors + call(\"ij.Macro.eval\", " + literal("run('Apply codebook', '" + codebook +
				" force=true');") + ") + \"\\n\";", //
			"File.saveString(errors, out + \"errors.txt\");", //
			"File.saveString(\"done\", out + \"done.txt\");", "");
		final Path file = root.resolve("codebook-fit.ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		log = ImageJRunner.runBatch(root, file, null, 240);
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
	}

	@Test
	void aMismatchedCodebookIsRefusedInOneLineAndMakesNothing() throws Exception {
		assertEquals(List.of(APPLY_REFUSED, RECONSTRUCT_REFUSED, "the codebook has 3 channels but 'camera.png' has 1"),
			Files.readAllLines(out.resolve("errors.txt")));
		assertTrue(log.contains("images: 2 before, 2 after the refusals"), log);
		assertFalse(log.contains("Exception"), log);
	}

	@Test
	void withForceApplyAndReconstructRunAsTheSciJavaCommands() throws Exception {
		assertTrue(log.contains("forced apply: IXMtest_A02_s9-labels"), log);
		assertTrue(log.contains("forced reconstruct: fluo-reconstructed, 24-bit"), log);
		final ImagePlus applied = IJ.openImage(out.resolve("forced-apply.tif").toString());
		final ImagePlus rebuilt = IJ.openImage(out.resolve("forced-reconstruct.tif").toString());
		final Codebook rgb = ImagePlusQuantizer.codebookOf(IJ.openImage(rgbLabels.toString()));
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final ImagePlus fluo = IJ.openImage(Pixels.sample("IXMtest_A02_s9.tif").toString());
			final CommandModule refused = (CommandModule) commands.run(ApplyCodebookCommand.class, true, "imp", fluo,
				"codebook", rgbLabels.toString()).get();
			assertEquals(ImagePlusQuantizer.LABEL_APPLY + ": " + APPLY_REFUSED, refused.getCancelReason());
			final CommandModule apply = (CommandModule) commands.run(ApplyCodebookCommand.class, true, "imp", fluo,
				"codebook", rgbLabels.toString(), "force", true).get();
			assertFalse(apply.isCanceled(), apply.getCancelReason());
			final ImagePlus labels = (ImagePlus) apply.getOutput("labels");
			assertArrayEquals(Pixels.labels(labels), Pixels.labels(applied));
			final Codebook used = ImagePlusQuantizer.codebookOf(applied);
			assertEquals(rgb.size(), used.size());
			assertEquals(rgb.range(), used.range(), "the forced labels keep the codebook's own range");
			assertEquals(ImagePlusQuantizer.codebookOf(labels), used);

			final ImagePlus fluoLabels = IJ.openImage(out.resolve("fluo-labels.tif").toString());
			final CommandModule rebuild = (CommandModule) commands.run(ReconstructCommand.class, true, "imp",
				fluoLabels, "codebook", rgbLabels.toString(), "force", true).get();
			assertFalse(rebuild.isCanceled(), rebuild.getCancelReason());
			final ImagePlus reconstruction = (ImagePlus) rebuild.getOutput("reconstruction");
			assertEquals(ImagePlus.COLOR_RGB, rebuilt.getType());
			assertArrayEquals(new int[] { fluo.getWidth(), fluo.getHeight(), 1, 1, 1 }, rebuilt.getDimensions());
			assertArrayEquals(Pixels.values(reconstruction), Pixels.values(rebuilt));
		}
	}
}
