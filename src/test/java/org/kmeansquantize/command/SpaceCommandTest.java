package org.kmeansquantize.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.testing.Pixels;

/** The {@code space} input of the SciJava K-means command. */
class SpaceCommandTest {

	@Test
	void spaceLabRunsInLabAndAGreyImageIsRefusedInOneLine() throws Exception {
		final ImagePlus slide = IJ.openImage(Paths.get(getClass().getResource("/fixtures/slide/os1-crop-256.png")
			.toURI()).toString());
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			check(context, slide);
		}
	}

	private static void check(final Context context, final ImagePlus slide) throws Exception {
		final CommandModule lab = run(context, slide, "lab");
		assertFalse(lab.isCanceled(), lab.getCancelReason());
		final ImagePlusQuantizer.Result direct = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4)
			.space(ColourSpace.LAB).build(), slide, false, false, Progress.NONE);
		final ImagePlus labels = (ImagePlus) lab.getOutput("labels");
		assertArrayEquals(Pixels.labels(direct.labels()), Pixels.labels(labels));
		assertEquals(CodebookFormat.format(direct.codebook()), labels.getProperty(ImagePlusQuantizer.INFO_PROPERTY));
		final ImagePlus rgbLabels = (ImagePlus) run(context, slide, "rgb").getOutput("labels");
		assertFalse(labels.getProperty(ImagePlusQuantizer.INFO_PROPERTY).equals(rgbLabels.getProperty(
			ImagePlusQuantizer.INFO_PROPERTY)), "the same codebook in both spaces");

		final CommandModule grey = run(context, IJ.openImage(Pixels.sample("camera.png").toString()),
			"lab");
		assertTrue(grey.isCanceled());
		assertEquals("K-means: camera.png: space=lab needs an RGB image (3 channels of 8 bits), not 1 channel of 8 bits", grey
			.getCancelReason());
	}

	private static CommandModule run(final Context context, final ImagePlus imp, final String space)
		throws Exception
	{
		final Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("imp", imp);
		inputs.put("colors", 4);
		inputs.put(QuantizeSettings.KEY_SPACE, space);
		return (CommandModule) context.getService(CommandService.class).run(KMeansCommand.class, true, inputs).get();
	}
}
