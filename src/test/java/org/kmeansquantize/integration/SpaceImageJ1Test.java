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
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.testing.Pixels;

/** The {@code space} macro key in the real ImageJ 1 (a separate JVM under Xvfb). */
@Tag("slow")
class SpaceImageJ1Test {

	@TempDir
	Path root;

	@Test
	void spaceLabInAMacroGivesTheLabLabelsAndCodebook() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		final Path out = Files.createDirectories(root.resolve("out"));
		final Path slide = Paths.get(getClass().getResource("/fixtures/slide/os1-crop-256.png").toURI());
		final String macro = String.join("\n", //
			"setBatchMode(true);", //
			"var out = " + literal(out + File.separator) + ";", //
			"open(" + literal(slide.toString()) + ");", //
			"run(\"K-means\", \"colors=4 seed=1 space=lab\");", //
			"saveAs(\"Tiff\", out + \"lab-labels.tif\");", //
			"open(" + literal(slide.toString()) + ");", //
			"run(\"K-means\", \"colors=4 seed=1\");", //
			"saveAs(\"Tiff\", out + \"rgb-labels.tif\");", //
			"File.saveString(\"done\", out + \"done.txt\");", "");
		final Path file = root.resolve("space.ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		final String log = ImageJRunner.runBatch(root, file, null, 240);
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
		assertFalse(log.contains("unknown key"), log);

		final ImagePlus imp = IJ.openImage(slide.toString());
		for (final ColourSpace space : ColourSpace.values()) {
			final ImagePlusQuantizer.Result expected = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4)
				.space(space).build(), imp, false, false, Progress.NONE);
			final ImagePlus ij1 = IJ.openImage(out.resolve(space.key() + "-labels.tif").toString());
			assertArrayEquals(Pixels.labels(expected.labels()), Pixels.labels(ij1), space.key());
			assertEquals(expected.labels().getProperty(ImagePlusQuantizer.INFO_PROPERTY), ij1.getProperty(
				ImagePlusQuantizer.INFO_PROPERTY), space.key());
		}
	}
}
