package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.Pixels;

/** {@code --space} on the command line, in this JVM. */
class SpaceCommandLineTest {

	@TempDir
	Path dir;

	@Test
	void labCompressesAnRgbSlideAsTheFijiCommandDoesAndDecompressesToItsCodebook() throws Exception {
		final Path slide = Paths.get(SpaceCommandLineTest.class.getResource("/fixtures/slide/os1-crop-256.png")
			.toURI());
		final Path labels = dir.resolve("lab.png"), recon = dir.resolve("lab-rgb.png");
		final CliRun c = CliRun.of("compress", slide.toString(), "-o", labels.toString(), "--colors", "4", "--space",
			"lab", "--json");
		assertEquals(0, c.exit, c.err);
		final ImagePlusQuantizer.Result fiji = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).space(
			ColourSpace.LAB).build(), IJ.openImage(slide.toString()), false, true, Progress.NONE);
		assertEquals(fiji.assignment().mse(), Double.parseDouble(CliRun.json(c.out).get("mse")), 1e-9);
		assertEquals(0, CliRun.of("decompress", labels.toString(), "-o", recon.toString()).exit);
		assertArrayEquals(Pixels.values(fiji.reconstruction()), Pixels.values(IJ.openImage(recon.toString())));

		final Path rgb = dir.resolve("rgb.png");
		assertEquals(0, CliRun.of("compress", slide.toString(), "-o", rgb.toString(), "--colors", "4").exit);
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(rgb), Files.readAllBytes(labels)),
			"Lab gives another codebook");
		final Path rgbAgain = dir.resolve("rgb-again.png");
		assertEquals(0, CliRun.of("compress", slide.toString(), "-o", rgbAgain.toString(), "--colors", "4",
			"--space", "rgb").exit);
		assertArrayEquals(Files.readAllBytes(rgb), Files.readAllBytes(rgbAgain), "--space rgb is the default");
	}

	@Test
	void labIsRefusedInOneLineForWhatItCannotDo() throws IOException {
		final Path grey = Pixels.sample("camera.png");
		refused("space=lab needs an RGB image (3 channels of 8 bits), not 1 channel of 8 bits", "compress", grey
			.toString(), "-o", dir.resolve("camera.png").toString(), "--space", "lab");
		refused("space must be 'rgb' or 'lab'", "compress", grey.toString(), "-o", dir.resolve("camera.png")
			.toString(), "--space", "hsv");
		refused("scaling=standardize cannot be combined with space=lab", "compress", Pixels.sample("chelsea.png")
			.toString(), "-o", dir.resolve("c.png").toString(), "--space", "lab", "--scaling", "standardize");
		final Path in = Files.createDirectory(dir.resolve("in"));
		Files.copy(Pixels.sample("chelsea.png"), in.resolve("chelsea.png"));
		final CliRun shared = CliRun.of("compress", in.toString(), "-o", dir.resolve("out").toString(),
			"--shared-codebook", "--space", "lab");
		assertNotEquals(0, shared.exit);
		assertTrue(shared.err.contains("space=lab is not supported for a shared codebook"), shared.err);
		assertFalse(shared.err.contains("\tat "), shared.err);
		assertFalse(Files.exists(dir.resolve("out").resolve("chelsea.png")));
	}

	private void refused(final String message, final String... args) throws IOException {
		final List<Path> before = listing();
		final CliRun r = CliRun.of(args);
		assertNotEquals(0, r.exit, String.join(" ", args));
		assertEquals(1, r.errLines().length, r.err);
		assertTrue(r.err.contains(message), r.err);
		assertEquals(before, listing(), "nothing written");
	}

	private List<Path> listing() throws IOException {
		try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
			return s.sorted().collect(java.util.stream.Collectors.toList());
		}
	}
}
