package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.command.KMeansCommand;
import org.kmeansquantize.testing.Pixels;

/**
 * The README's shared codebook in ImageJ: {@code scripts/train-shared.ijm} learns one codebook
 * from a folder opened as a stack, {@code scripts/quantize-folder.ijm codebook=} applies it to
 * every image, in the real ImageJ 1 under xvfb-run.
 */
@Tag("slow") // the real ImageJ 1 in a separate JVM
class SharedCodebookMacroTest {

	@TempDir
	Path root;

	@Test
	void oneCodebookLearnedFromTheFolderLabelsEveryImage() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		final Path in = Files.createDirectories(root.resolve("series in"));
		final Path out = Files.createDirectories(root.resolve("series out"));
		final Path shared = root.resolve("shared labels.tif");
		// three frames of one size and type: the photo, mirrored, and darker
		final ImageStack frames = new ImageStack(512, 512);
		final String[] names = { "t0.tif", "t1.tif", "t2.tif" };
		for (int t = 0; t < 3; t++) {
			final ImagePlus imp = IJ.openImage(Pixels.sample("camera.png").toString());
			final ImageProcessor ip = imp.getProcessor();
			if (t == 1) ip.flipHorizontal();
			if (t == 2) ip.multiply(0.7);
			IJ.saveAsTiff(imp, in.resolve(names[t]).toString());
			frames.addSlice(ip.duplicate());
		}
		final String trained = ImageJRunner.runBatch(root, Path.of("scripts", "train-shared.ijm").toAbsolutePath(),
			"input=[" + in + "] output=[" + shared + "] colors=6", 180);
		assertTrue(trained.contains("learned from 3 images"), trained);
		final String applied = ImageJRunner.runBatch(root, Path.of("scripts", "quantize-folder.ijm")
			.toAbsolutePath(), "input=[" + in + "] output=[" + out + "] codebook=[" + shared + "]", 180);
		assertTrue(applied.contains("quantized 3 images"), applied);
		final ImagePlus sharedLabels = IJ.openImage(shared.toString());
		assertNotNull(sharedLabels, trained);
		assertEquals(3, sharedLabels.getStackSize());
		final Codebook codebook = ImagePlusQuantizer.codebookOf(sharedLabels);
		assertEquals(6, codebook.size());
		// the codebook is K-means on the three frames as one stack, as the SciJava command learns it
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final Module m = context.getService(CommandService.class).run(KMeansCommand.class, true, "imp",
				new ImagePlus("frames", frames), "colors", 6, "seed", 1L).get();
			final Codebook expected = ImagePlusQuantizer.codebookOf((ImagePlus) m.getOutput("labels"));
			assertEquals(Arrays.deepToString(expected.asArrays()), Arrays.deepToString(codebook.asArrays()));
		}
		for (int t = 0; t < 3; t++) {
			final String base = names[t].replace(".tif", "");
			final Codebook applied1 = CodebookFormat.parse(new String(Files.readAllBytes(out.resolve(base +
				"-codebook.txt")), StandardCharsets.UTF_8));
			assertEquals(Arrays.deepToString(codebook.asArrays()), Arrays.deepToString(applied1.asArrays()), base);
			final ImagePlus labels = IJ.openImage(out.resolve(base + "-labels.tif").toString());
			final ImagePlus plane = new ImagePlus("plane", sharedLabels.getStack().getProcessor(t + 1));
			assertArrayEquals(Pixels.labels(plane), Pixels.labels(labels), base);
		}
	}
}
