package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.labelfile.LabelPng;
import org.kmeansquantize.io.PngEncoder;
import org.kmeansquantize.testing.RawFiles;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.SampleRange;
import org.kmeansquantize.io.ImageFiles;

/**
 * The command line in this JVM: the JSON report, and every error: exit status not 0, exactly one
 * line on stderr, no output file (nor temporary file) left, the input unchanged byte for byte.
 */
class CommandLineTest {

	@TempDir
	Path dir;

	private Path chelsea;

	@BeforeEach
	void copySample() throws IOException {
		chelsea = Files.copy(Paths.get("samples/chelsea.png"), dir.resolve("chelsea.png"));
	}

	@Test
	void compressAndDecompressPrintOneJsonObjectLast() throws IOException {
		final Path labels = dir.resolve("labels.png"), recon = dir.resolve("recon.png");
		final CliRun c = CliRun.of("compress", chelsea.toString(), "-o", labels.toString(), "--colors", "8", "--seed",
			"3", "--json");
		assertEquals(0, c.exit, c.err);
		assertEquals("", c.err);
		final Map<String, String> j = CliRun.json(c.out);
		for (final String key : new String[] { "colors", "mse", "psnr", "seconds", "input_bytes", "output_bytes", "k",
			"entries", "channels", "width", "height", "pixels", "read_seconds", "write_seconds", "total_seconds" })
			assertTrue(j.containsKey(key), key + " in " + c.out);
		assertEquals("8", j.get("k"));
		assertEquals("3", j.get("channels"));
		assertEquals("451", j.get("width"));
		assertEquals("300", j.get("height"));
		assertEquals("135300", j.get("pixels"));
		assertEquals(String.valueOf(Files.size(chelsea)), j.get("input_bytes"));
		assertEquals(String.valueOf(Files.size(labels)), j.get("output_bytes"));
		final double mse = Double.parseDouble(j.get("mse"));
		assertEquals(10 * Math.log10(255 * 255 / mse), Double.parseDouble(j.get("psnr")), 1e-9);
		assertTrue(Double.parseDouble(j.get("seconds")) <= Double.parseDouble(j.get("total_seconds")));
		final CliRun d = CliRun.of("decompress", labels.toString(), "-o", recon.toString(), "--json");
		assertEquals(0, d.exit, d.err);
		assertEquals(j.get("colors"), CliRun.json(d.out).get("colors"));
		assertEquals("null", CliRun.json(d.out).get("mse"), "decompress has no original to compare with");
	}

	/** More colours than the image has values: a valid result, said so on stderr; stdout is the report alone. */
	@Test
	void fewerDistinctValuesThanColorsIsNotedOnStderr() throws IOException {
		final BufferedImage levels = new BufferedImage(9, 4, BufferedImage.TYPE_BYTE_GRAY);
		for (int i = 0; i < 36; i++)
			levels.getRaster().setSample(i % 9, i / 9, 0, 40 * (i % 3));
		final Path in = dir.resolve("levels.png");
		ImageIO.write(levels, "png", in.toFile());
		final Path labels = dir.resolve("levels-labels.png");
		final CliRun json = CliRun.of("compress", in.toString(), "-o", labels.toString(), "--colors", "16", "--json");
		assertEquals(0, json.exit, json.err);
		assertEquals("kmeans-quantize compress: note: the image has only 3 distinct values; 3 of 16 entries used",
			json.err.trim());
		assertEquals(1, json.out.trim().split("\r?\n").length, "stdout is the JSON line alone: " + json.out);
		assertEquals("16", CliRun.json(json.out).get("k"));
		assertEquals("3", CliRun.json(json.out).get("entries"));
		final CliRun plain = CliRun.of("compress", in.toString(), "-o", dir.resolve("levels-labels.tif").toString(),
			"--colors", "256");
		assertEquals(0, plain.exit, plain.err);
		assertEquals("kmeans-quantize compress: note: the image has only 3 distinct values; 3 of 256 entries used",
			plain.err.trim());
		assertTrue(plain.out.contains("3 of 3 codebook entries used"), plain.out);
		final CliRun exact = CliRun.of("compress", in.toString(), "-o", labels.toString(), "--colors", "3");
		assertEquals("", exact.err, "nothing to say when every entry asked for is used");

		final ImagePlus nan = IJ.createImage("nan", "32-bit black", 6, 5, 1);
		for (int i = 0; i < 30; i++)
			nan.getProcessor().setf(i, i % 5 == 0 ? Float.NaN : i % 5 == 1 ? Float.NEGATIVE_INFINITY : i % 2 * 0.5f);
		final Path nanTif = dir.resolve("nan.tif");
		IJ.saveAsTiff(nan, nanTif.toString());
		final CliRun r = CliRun.of("compress", nanTif.toString(), "-o", dir.resolve("nan-labels.tif").toString(),
			"--colors", "8", "--json");
		assertEquals(0, r.exit, r.err);
		assertEquals("kmeans-quantize compress: note: the image has only 2 distinct finite values; 2 of 8 entries " +
			"used, and one more for its NaN and infinite pixels", r.err.trim());
		assertEquals("3", CliRun.json(r.out).get("entries"));
	}

	@Test
	void optionsComeFromTheSharedSettingsSpec() {
		final CliRun help = CliRun.of("compress", "--help");
		assertEquals(0, help.exit);
		for (final String option : new String[] { "--colors", "--seed", "--batch", "--iterations", "--refine",
			"--tolerance", "--scaling", "--space", "--json" })
			assertTrue(help.out.contains(option), option);
		assertTrue(help.out.contains("Number of codebook entries k"), help.out);
	}

	@Test
	void floatDataHaveThePsnrOfTheirRangeAndSameSeedSameOutput() throws IOException {
		final Path in = Paths.get("samples/xy_float__h2b_bg_corr.tif");
		final Path a = dir.resolve("a.tif"), b = dir.resolve("b.tif");
		final CliRun ra = CliRun.of("compress", in.toString(), "-o", a.toString(), "--colors", "5", "--json");
		final CliRun rb = CliRun.of("compress", in.toString(), "-o", b.toString(), "--colors", "5", "--json");
		assertEquals(0, ra.exit, ra.err);
		final double mse = Double.parseDouble(CliRun.json(ra.out).get("mse"));
		final double range = Psnr.extent(ImageFiles.read(in).pixels(), Progress.NONE).peak();
		assertEquals(Psnr.of(mse, range), Double.parseDouble(CliRun.json(ra.out).get("psnr")), 1e-9);
		assertEquals(CliRun.json(ra.out).get("mse"), CliRun.json(rb.out).get("mse"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-3", "257", "300", "abc", "1.5", "" })
	void badColorsAreRefused(final String k) throws IOException {
		fails("compress", chelsea.toString(), "-o", out("png"), "--colors", k);
	}

	@Test
	void badOptionsAreRefused() throws IOException {
		fails("compress", chelsea.toString(), "-o", out("png"), "--frobnicate");
		fails("compress", chelsea.toString(), "-o", out("png"), "--scaling", "loud");
		fails("compress", chelsea.toString(), "-o", out("png"), "--tolerance", "2");
		fails("compress", chelsea.toString(), "-o", out("png"), "--batch", "1");
		fails("compress", chelsea.toString());
		fails("compress", "-o", out("png"));
		fails("compress", chelsea.toString(), "-o", out("jpg"));
		fails("decompress", chelsea.toString(), "-o", out("png"), "--colors", "4");
		fails("squeeze", chelsea.toString());
		fails();
	}

	@Test
	void badInputsAreRefused() throws IOException {
		final byte[] png = Files.readAllBytes(chelsea);
		final Path empty = Files.createFile(dir.resolve("empty.png"));
		final Path text = Files.write(dir.resolve("text.png"), "hello".getBytes("US-ASCII"));
		final Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
		final byte[] tif = Files.readAllBytes(Paths.get("samples/IXMtest_A02_s9.tif"));
		final Path cutTif = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(tif, tif.length - 1000));
		final Path gif = dir.resolve("image.gif");
		ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile());
		final Path tiffAsJpg = Files.copy(Paths.get("samples/xy_float__h2b_bg_corr.tif"), dir.resolve("renamed.jpg"));
		for (final Path in : new Path[] { empty, text, cutPng, cutTif, gif, dir.resolve("missing.png"), dir })
			fails("compress", in.toString(), "-o", out("tif"));
		assertEquals(0, CliRun.of("compress", tiffAsJpg.toString(), "-o", out("tif")).exit,
			"the format comes from the content, not the name");
		Files.delete(dir.resolve("out.tif"));
		fails("decompress", chelsea.toString(), "-o", out("png"));
		fails("decompress", cutPng.toString(), "-o", out("png"));
		fails("decompress", text.toString(), "-o", out("png"));
	}

	@Test
	void imagesWithoutPixelsAndUnsupportedSampleTypesAreRefused() throws IOException {
		final String[][] cases = { { "width0.png", "the image has no pixels (0x5)" }, { "height0.png",
			"the image has no pixels (7x0)" }, { "width0.tif", "the image has no pixels (0x5)" }, { "height0.tif",
				"the image has no pixels (7x0)" }, { "4-bit.tif", "Unsupported BitsPerSample: 4" }, { "64-bit-int.tif",
					"Unsupported BitsPerSample: 64" }, { "16-bit-float.tif", "16-bit float" } };
		Files.write(dir.resolve("width0.png"), RawFiles.png(0, 5));
		Files.write(dir.resolve("height0.png"), RawFiles.png(7, 0));
		Files.write(dir.resolve("width0.tif"), RawFiles.tiff(0, 5, 8, 1));
		Files.write(dir.resolve("height0.tif"), RawFiles.tiff(7, 0, 8, 1));
		Files.write(dir.resolve("4-bit.tif"), RawFiles.tiff(8, 4, 4, 1));
		Files.write(dir.resolve("64-bit-int.tif"), RawFiles.tiff(8, 4, 64, 1));
		Files.write(dir.resolve("16-bit-float.tif"), RawFiles.tiff(8, 4, 16, 3));
		for (final String[] c : cases) {
			final Path in = dir.resolve(c[0]);
			final byte[] before = Files.readAllBytes(in);
			final CliRun r = fails("compress", in.toString(), "-o", out("tif"));
			assertEquals(Main.EXIT_FAILURE, r.exit);
			assertTrue(r.err.startsWith("kmeans-quantize compress: " + in + ": "), r.err);
			assertTrue(r.err.contains(c[1]), r.err);
			assertArrayEquals(before, Files.readAllBytes(in));
		}
		Files.write(dir.resolve("ok.tif"), RawFiles.tiff(7, 5, 8, 1));
		assertEquals(0, CliRun.of("compress", dir.resolve("ok.tif").toString(), "-o", out("tif")).exit,
			"the hand-written TIFF is fine but for its size");
	}

	@Test
	void labelFilesThatDoNotMatchTheirCodebookAreRefused() throws IOException {
		final Codebook three = new Codebook(new double[][] { { 10 }, { 20 }, { 30 } }, new long[3], SampleRange.UINT8,
			false);
		final ImageLayout grey = new ImageLayout(ImageLayout.Type.GRAY8, 5, 4, 1, 1, 1, "none", "tiff");
		final ByteProcessor cycle = new ByteProcessor(5, 4);
		for (int i = 0; i < 20; i++)
			cycle.set(i, i == 7 ? 5 : i % 3);
		final ImagePlus beyond = new ImagePlus("beyond", cycle);
		beyond.setProperty("Info", grey.format() + CodebookFormat.format(three));
		final Path beyondTif = dir.resolve("beyond.tif");
		assertTrue(new FileSaver(beyond).saveAsTiff(beyondTif.toString()));
		final String beyondErr = fails("decompress", beyondTif.toString(), "-o", out("tif")).err.trim();
		assertTrue(beyondErr.endsWith(beyondTif + ": corrupt label file (label 5 has no entry in the codebook (it has 3))"),
			beyondErr);

		final ImagePlus rgb = new ImagePlus("rgb", cycle);
		rgb.setProperty("Info", new ImageLayout(ImageLayout.Type.RGB, 5, 4, 1, 1, 1, "none", "png").format() +
			CodebookFormat.format(three));
		final Path rgbTif = dir.resolve("rgb.tif");
		assertTrue(new FileSaver(rgb).saveAsTiff(rgbTif.toString()));
		assertTrue(fails("decompress", rgbTif.toString(), "-o", out("png")).err.contains(
			"corrupt k-means label TIFF (the codebook has 1 values per entry but a RGB, 5x4 image has 3)"));

		final ByteArrayOutputStream png = new ByteArrayOutputStream();
		new PngEncoder(5, 4, PngEncoder.INDEXED, 4).palette(new byte[9]).text(LabelPng.KEYWORD, new ImageLayout(
			ImageLayout.Type.GRAY8, 5, 4, 1, 1, 1, "none", "png").format() + CodebookFormat.format(three)).write(png, (
				y, row) -> Arrays.fill(row, (byte) 0x99));
		final Path beyondPng = Files.write(dir.resolve("beyond.png"), png.toByteArray());
		assertTrue(fails("decompress", beyondPng.toString(), "-o", out("png")).err.trim().endsWith(
			": corrupt label file (label 9 has no entry in the codebook (it has 3))"));

		final Path labels = dir.resolve("labels.tif");
		assertEquals(0, CliRun.of("compress", chelsea.toString(), "-o", labels.toString(), "--colors", "4").exit);
		final byte[] whole = Files.readAllBytes(labels);
		final Path cut = Files.write(dir.resolve("cut-labels.tif"), Arrays.copyOf(whole, whole.length / 2));
		assertTrue(fails("decompress", cut.toString(), "-o", out("tif")).err.contains("truncated TIFF file"));
	}

	@Test
	void allNanImageFailsWithoutOutput() throws IOException {
		final ImagePlus nan = IJ.createImage("nan", "32-bit black", 16, 8, 1);
		nan.getProcessor().set(Double.NaN);
		final Path in = dir.resolve("nan.tif");
		IJ.saveAsTiff(nan, in.toString());
		final CliRun r = fails("compress", in.toString(), "-o", out("tif"));
		assertTrue(r.err.contains("finite"), r.err);
	}

	@ParameterizedTest
	@ValueSource(strings = { "samples/IXMtest_A02_s9.tif", "samples/xyzc_16bit__spots.tif",
		"samples/xy_float__h2b_bg_corr.tif", "grey16" })
	void palettePngOutputForWhatItCannotHoldSaysUseTif(final String name) throws IOException {
		final Path in;
		if ("grey16".equals(name)) {
			final ImagePlus imp = IJ.createImage("g", "16-bit ramp", 20, 10, 1);
			in = dir.resolve("grey16.tif");
			IJ.saveAsTiff(imp, in.toString());
		}
		else in = Files.copy(Paths.get(name), dir.resolve(Paths.get(name).getFileName()));
		final CliRun r = fails("compress", in.toString(), "-o", out("png"), "--colors", "4");
		assertTrue(r.err.contains("use .tif"), r.err);
	}

	@Test
	void decompressToFormatsThatCannotHoldTheImageIsRefused() throws IOException {
		final Path labels = dir.resolve("spots.tif");
		assertEquals(0, CliRun.of("compress", "samples/xyzc_16bit__spots.tif", "-o", labels.toString(), "--colors", "3")
			.exit);
		assertTrue(fails("decompress", labels.toString(), "-o", out("png")).err.contains("use .tif"));
		final BufferedImage rgba = new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB);
		rgba.setRGB(1, 1, 0x80ff0000);
		final Path rgbaPng = dir.resolve("rgba.png");
		ImageIO.write(rgba, "png", rgbaPng.toFile());
		final Path rgbaLabels = dir.resolve("rgba-labels.png");
		assertEquals(0, CliRun.of("compress", rgbaPng.toString(), "-o", rgbaLabels.toString(), "--colors", "2").exit);
		assertTrue(fails("decompress", rgbaLabels.toString(), "-o", out("tif")).err.contains(".png"));
	}

	@Test
	void outputEqualToInputIsRefused() throws IOException {
		fails("compress", chelsea.toString(), "-o", chelsea.toString());
		fails("compress", chelsea.toString(), "-o", dir.resolve(".").resolve("chelsea.png").toString());
		final Path labels = dir.resolve("labels.tif");
		assertEquals(0, CliRun.of("compress", chelsea.toString(), "-o", labels.toString(), "--colors", "2").exit);
		final byte[] before = Files.readAllBytes(labels);
		final CliRun r = CliRun.of("decompress", labels.toString(), "-o", labels.toString());
		assertNotEquals(0, r.exit);
		assertEquals(1, r.errLines().length, r.err);
		assertArrayEquals(before, Files.readAllBytes(labels));
	}

	@Test
	void missingOutputFolderIsRefused() throws IOException {
		fails("compress", chelsea.toString(), "-o", dir.resolve("no-such-folder").resolve("out.png").toString());
	}

	@Test
	void readOnlyOutputFolderIsRefused() throws IOException {
		final Path readOnly = Files.createDirectory(dir.resolve("read-only"));
		assertTrue(readOnly.toFile().setWritable(false, false));
		try {
			assumeFalse(Files.isWritable(readOnly), "root writes into read-only folders");
			final CliRun r = CliRun.of("compress", chelsea.toString(), "-o", readOnly.resolve("out.png").toString());
			assertNotEquals(0, r.exit);
			assertEquals(1, r.errLines().length, r.err);
			assertTrue(r.err.contains("permission denied"), r.err);
			try (Stream<Path> s = Files.list(readOnly)) {
				assertEquals(0, s.count());
			}
		}
		finally {
			readOnly.toFile().setWritable(true, false);
		}
	}

	/** A real full disk: a 64 KiB tmpfs (needs root, else skipped; AtomicOutputTest covers it without). */
	@Test
	@Tag("slow") // mounts a file system with separate processes
	void fullDiskLeavesNoOutput() throws IOException, InterruptedException {
		final Path small = tmpfs("small-disk", "size=64k");
		try {
			for (final String name : new String[] { "labels.png", "labels.tif" }) {
				final Path target = small.resolve(name);
				final CliRun r = fails("compress", chelsea.toString(), "-o", target.toString(), "--colors", "256");
				assertEquals("kmeans-quantize compress: cannot write " + target + " (No space left on device)", r.err
					.trim());
				assertEquals(0, count(small));
			}
			final Path labels = dir.resolve("labels.png");
			assertEquals(0, CliRun.of("compress", chelsea.toString(), "-o", labels.toString(), "--colors", "64").exit);
			for (final String name : new String[] { "recon.png", "recon.tif" }) {
				final Path target = small.resolve(name);
				final CliRun r = fails("decompress", labels.toString(), "-o", target.toString());
				assertEquals("kmeans-quantize decompress: cannot write " + target + " (No space left on device)", r.err
					.trim());
				assertEquals(0, count(small));
			}
		}
		finally {
			unmount(small);
		}
	}

	/** A read-only file system, which root cannot write either (needs root to mount, else skipped). */
	@Test
	@Tag("slow") // mounts a file system with separate processes
	void readOnlyFileSystemIsRefused() throws IOException, InterruptedException {
		final Path readOnly = tmpfs("read-only-disk", "ro,size=64k");
		try {
			final CliRun r = fails("compress", chelsea.toString(), "-o", readOnly.resolve("out.png").toString());
			assertEquals("kmeans-quantize compress: cannot write to output folder " + readOnly +
				" (Read-only file system)", r.err.trim());
		}
		finally {
			unmount(readOnly);
		}
	}

	/**
	 * Mounts a tmpfs with these options on a new folder of {@link #dir}; skips the test where that
	 * is not permitted.
	 */
	private Path tmpfs(final String name, final String options) throws IOException, InterruptedException {
		final Path mount = Files.createDirectory(dir.resolve(name));
		final String[] result = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount.toString());
		assumeTrue("0".equals(result[0]), "cannot mount a tmpfs here (needs root): " + result[1]);
		return mount;
	}

	private static void unmount(final Path mount) throws IOException, InterruptedException {
		final String[] result = run("umount", mount.toString());
		assertEquals("0", result[0], "umount " + mount + ": " + result[1]);
	}

	/** @return exit status (or "none" if the program cannot be run) and output of a program */
	private static String[] run(final String... command) throws InterruptedException {
		try {
			final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!p.waitFor(30, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return new String[] { "timeout", output };
			}
			return new String[] { String.valueOf(p.exitValue()), output };
		}
		catch (final IOException e) {
			return new String[] { "none", e.getMessage() };
		}
	}

	private static long count(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.count();
		}
	}

	private String out(final String ext) {
		return dir.resolve("out." + ext).toString();
	}

	/** Runs a failing command and checks the error contract; returns the run. */
	private CliRun fails(final String... args) throws IOException {
		final Set<String> before = listing();
		final byte[] input = Files.readAllBytes(chelsea);
		final CliRun r = CliRun.of(args);
		assertNotEquals(0, r.exit, String.join(" ", args));
		assertEquals(1, r.errLines().length, "one line on stderr for " + String.join(" ", args) + ": " + r.err);
		assertFalse(r.err.contains("\tat "), r.err);
		assertEquals("", r.out.trim(), "nothing on stdout");
		assertEquals(before, listing(), "no file created or removed by " + String.join(" ", args));
		assertArrayEquals(input, Files.readAllBytes(chelsea), "input unchanged");
		return r;
	}

	private Set<String> listing() throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
		}
	}
}
