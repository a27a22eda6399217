package org.kmeansquantize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.Opener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.cli.Main;

/**
 * The Spark job in local mode against the single-machine command line with a shared codebook:
 * the same files, settings and seed give the same codebook, error and labels.
 */
class QuantizeJobTest {

	private static final double RELATIVE = 1e-6;

	@TempDir
	Path tmp;

	/** 300 planes of 16-bit grey: one-plane TIFFs, multi-page TIFFs and 16-bit PNGs. */
	@Test
	void grey16TimeLapseMatchesTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final int planes = Datasets.grey16(in, 48, 40, 180, 12, 8, 24, 7);
		assertEquals(180 + 12 * 8 + 24, planes);
		// the command as it stands: 16-bit images get label TIFFs under the default --format auto
		compare(in, 8, 3, planes);
	}

	/** RGB: one-plane TIFFs, RGB TIFF stacks and PNGs. */
	@Test
	void rgbMatchesTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("rgb"));
		final int planes = Datasets.rgb(in, 40, 32, 16, 5, 11);
		// RGB PNGs would get palette PNGs under the command line's default --format auto
		compare(in, 6, 5, planes, "--format", "tif");
	}

	/**
	 * A file that cannot be read takes no part in training and is reported, as on the command line:
	 * the same codebook from the others, exit status 1, one line on stderr that names it.
	 */
	@Test
	void unreadableFileIsLeftOutAsOnTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("bad"));
		Datasets.grey16(in, 24, 20, 6, 1, 3, 0, 5);
		Files.write(in.resolve("t0003.tif"), "not an image".getBytes(StandardCharsets.US_ASCII));
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final CommandLine cl = QuantizeJob.commandLine();
		cl.setOut(new PrintWriter(out));
		cl.setErr(new PrintWriter(err));
		assertEquals(1, cl.execute("--master", "local[2]", "--input", in.toString(), "--output", tmp.resolve(
			"bad-spark").toString(), "--colors", "4", "--json"));
		assertTrue(err.toString().contains("t0003.tif"), err::toString);
		final String json = last(out.toString());
		assertEquals(1, (int) number(json, "failed"));
		assertEquals(7, (int) number(json, "images"));
		final CommandLine main = Main.commandLine();
		final StringWriter cliOut = new StringWriter();
		main.setOut(new PrintWriter(cliOut));
		main.setErr(new PrintWriter(new StringWriter()));
		assertEquals(1, main.execute("compress", in.toString(), "-o", tmp.resolve("bad-cli").toString(), "--colors",
			"4", "--shared-codebook", "--format", "tif", "--json"));
		assertClose(number(last(cliOut.toString()), "mse"), number(json, "mse"), "MSE");
	}

	/**
	 * A file: URI for input and output, and a --split-size so small that every multi-page TIFF is
	 * read as ranges of one or two planes by different tasks: the same codebook and labels as the
	 * command line, which reads each file whole.
	 */
	@Test
	void fileUrisAndSplitFilesMatchTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("split"));
		final int planes = Datasets.grey16(in, 48, 40, 10, 4, 8, 3, 17);
		final String[] spark = run(QuantizeJob.commandLine(), "--master", "local[2]", "--input", in.toUri().toString(),
			"--output", tmp.resolve("split-spark").toUri().toString(), "--colors", "6", "--seed", "2", "--split-size",
			"8k", "--json");
		final String json = last(spark[0]);
		// 4 stacks of 8 planes of 3840 bytes in ranges of 2 planes, and 13 whole files
		assertEquals(13 + 4 * 4, (int) number(json, "pieces"));
		final String[] cli = run(Main.commandLine(), "compress", in.toString(), "-o", tmp.resolve("split-cli").toString(),
			"--colors", "6", "--shared-codebook", "--seed", "2", "--json");
		assertSameAsCommandLine(in, tmp.resolve("split-spark"), json, tmp.resolve("split-cli"), last(cli[0]), 6, planes);
	}

	private void compare(final Path in, final int colors, final long seed, final int planes,
		final String... cliFormat) throws IOException
	{
		final Path sparkOut = tmp.resolve(in.getFileName() + "-spark");
		final Path cliOut = tmp.resolve(in.getFileName() + "-cli");
		final String[] spark = run(QuantizeJob.commandLine(), "--master", "local[2]", "--input", in.toString(),
			"--output", sparkOut.toString(), "--colors", "" + colors, "--seed", "" + seed, "--json");
		final List<String> args = new ArrayList<>(Arrays.asList("compress", in.toString(), "-o", cliOut.toString(),
			"--colors", "" + colors, "--shared-codebook", "--seed", "" + seed, "--json"));
		args.addAll(Arrays.asList(cliFormat));
		final String[] cli = run(Main.commandLine(), args.toArray(new String[0]));
		assertSameAsCommandLine(in, sparkOut, last(spark[0]), cliOut, last(cli[0]), colors, planes);
	}

	/**
	 * The job's output folder against the command line's for the same input: summary numbers,
	 * codebook (values within 10^-6 relative, equal counts), codebook.csv, and every label file's
	 * planes and LUT byte for byte.
	 */
	static void assertSameAsCommandLine(final Path in, final Path sparkOut, final String sparkJson, final Path cliOut,
		final String cliJson, final int colors, final int planes) throws IOException
	{
		assertEquals(planes, (int) number(sparkJson, "planes"));
		assertEquals(countFiles(in), (int) number(sparkJson, "images"));
		assertEquals(colors, (int) number(sparkJson, "entries"));
		assertEquals(number(cliJson, "colors"), number(sparkJson, "colors"));
		assertEquals(number(cliJson, "pixels"), number(sparkJson, "pixels"));
		assertClose(number(cliJson, "psnr"), number(sparkJson, "psnr"), "PSNR");
		assertTrue(number(sparkJson, "seconds") > 0);
		assertClose(number(cliJson, "mse"), number(sparkJson, "mse"), "MSE");

		final List<Path> sparkLabels = labelFiles(sparkOut), cliLabels = labelFiles(cliOut);
		assertEquals(countFiles(in), sparkLabels.size());
		assertEquals(cliLabels.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()), sparkLabels
			.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
		final Codebook sparkBook = codebookOf(sparkLabels.get(0)), cliBook = codebookOf(cliLabels.get(0));
		assertEquals(cliBook.size(), sparkBook.size());
		for (int i = 0; i < cliBook.size(); i++) {
			for (int c = 0; c < cliBook.channels(); c++)
				assertClose(cliBook.value(i, c), sparkBook.value(i, c), "entry " + i + " channel " + c);
			assertEquals(cliBook.count(i), sparkBook.count(i), "pixels of entry " + i);
		}
		final List<String> csv = Files.readAllLines(sparkOut.resolve(Summary.CODEBOOK));
		assertEquals(sparkBook.size() + 1, csv.size());
		assertTrue(csv.get(0).startsWith("label,count,"), csv.get(0));
		assertEquals(Double.toString(sparkBook.value(0, 0)), csv.get(1).split(",")[2]);
		for (int i = 0; i < sparkLabels.size(); i++)
			assertLabelsEqual(cliLabels.get(i), sparkLabels.get(i));
		final String summary = new String(Files.readAllBytes(sparkOut.resolve(Summary.SUMMARY)),
			StandardCharsets.UTF_8).trim();
		assertEquals(number(sparkJson, "mse"), number(summary, "mse"));
		try (Stream<Path> s = Files.list(sparkOut)) {
			assertEquals(Arrays.asList(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(
				Collectors.toList()), "temporary files left in " + sparkOut);
		}
	}

	static String[] run(final CommandLine cl, final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		cl.setOut(new PrintWriter(out));
		cl.setErr(new PrintWriter(err));
		final int status = cl.execute(args);
		assertEquals(0, status, () -> String.join(" ", args) + ": " + err);
		return new String[] { out.toString(), err.toString() };
	}

	static String last(final String out) {
		final String[] lines = out.trim().split("\r?\n");
		return lines[lines.length - 1];
	}

	static double number(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + key + "\":\\s*(-?[0-9.eE+-]+)").matcher(json);
		assertTrue(m.find(), () -> key + " missing in " + json);
		return Double.parseDouble(m.group(1));
	}

	static void assertClose(final double expected, final double actual, final String what) {
		final double scale = Math.max(Math.abs(expected), Math.abs(actual));
		assertTrue(Math.abs(expected - actual) <= RELATIVE * scale, () -> what + ": expected " + expected + ", got " +
			actual);
	}

	static int countFiles(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return (int) s.count();
		}
	}

	static List<Path> labelFiles(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().collect(Collectors.toCollection(
				ArrayList::new));
		}
	}

	static Codebook codebookOf(final Path labelTiff) {
		final ImagePlus imp = new Opener().openImage(labelTiff.toString());
		assertNotNull(imp, labelTiff.toString());
		return CodebookFormat.parse(imp.getInfoProperty());
	}

	static void assertLabelsEqual(final Path expected, final Path actual) {
		final ImagePlus e = new Opener().openImage(expected.toString()), a = new Opener().openImage(actual.toString());
		assertEquals(e.getStackSize(), a.getStackSize(), actual.toString());
		for (int i = 1; i <= e.getStackSize(); i++)
			assertArrayEquals((byte[]) e.getStack().getPixels(i), (byte[]) a.getStack().getPixels(i), actual + " plane " +
				i);
		assertArrayEquals(e.getProcessor().getLut().getBytes(), a.getProcessor().getLut().getBytes(), actual +
			" LUT");
	}
}
