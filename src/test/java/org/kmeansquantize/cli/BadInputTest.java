package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.testing.TiffBytes;

/**
 * The "Bad input" list of docs/command-line.md, item by item, through the command line: every
 * refusal is one line on stderr that names the file, with exit status 1, no stack trace and no
 * Java exception name, and no input is ever replaced.
 */
class BadInputTest {

	@TempDir
	Path dir;

	/** Bad input: an output that is an input, by any spelling of its path. */
	@Test
	void noCommandWritesOverItsInput() throws Exception {
		final Path photo = Files.copy(Paths.get("samples/camera.png"), dir.resolve("photo.png"));
		final byte[] before = Files.readAllBytes(photo);
		final Path link = Files.createSymbolicLink(dir.resolve("link.png"), photo);
		final Path hard = Files.createLink(dir.resolve("hard.png"), photo);
		final Path dotted = dir.resolve(".").resolve("photo.png");
		final Path label = dir.resolve("label.png");
		assertEquals(0, CliRun.of("compress", photo.toString(), "-o", label.toString(), "--colors", "4").exit);
		final byte[] labelBytes = Files.readAllBytes(label);
		for (final Path same : new Path[] { photo, link, hard, dotted }) {
			refused(CliRun.of("curve", photo.toString(), "-o", same.toString()), photo);
			refused(CliRun.of("curve", photo.toString(), "-o", dir.resolve("x.csv").toString(), "--png", same
				.toString()), photo);
			refused(CliRun.of("compress", photo.toString(), "-o", same.toString()), photo);
		}
		final Path labelLink = Files.createSymbolicLink(dir.resolve("label-link.png"), label);
		refused(CliRun.of("palette", label.toString(), "-o", labelLink.toString()), label);
		refused(CliRun.of("palette", label.toString(), "-o", label.toString()), label);
		refused(CliRun.of("decompress", label.toString(), "-o", labelLink.toString()), label);
		assertArrayEquals(before, Files.readAllBytes(photo));
		assertArrayEquals(labelBytes, Files.readAllBytes(label));
		assertFalse(Files.exists(dir.resolve("x.csv")), "nothing written when one output is refused");
	}

	/** Bad input: a folder run whose output folder is its input folder never replaces an input. */
	@Test
	void aFolderRunNeverWritesOverItsInputs() throws Exception {
		final Path in = Files.createDirectory(dir.resolve("in"));
		final Path photo = Files.copy(Paths.get("samples/camera.png"), in.resolve("a.png"));
		final byte[] before = Files.readAllBytes(photo);
		final Path linkToIn = Files.createSymbolicLink(dir.resolve("in-link"), in);
		final CliRun c = CliRun.of("compress", in.toString(), "-o", linkToIn.toString(), "--colors", "4");
		assertEquals(1, c.exit);
		assertTrue(c.err.contains("would overwrite an input"), c.err);
		assertArrayEquals(before, Files.readAllBytes(photo));
	}

	/** Bad input: a CMYK JPEG is refused in one line (javax.imageio would read it as RGBA). */
	@Test
	void cmykJpegsAreRefused() throws Exception {
		final Path cmyk = Files.copy(Paths.get("src/test/resources/fixtures/cmyk.jpg"), dir.resolve("cmyk.jpg"));
		final Path out = dir.resolve("out.png");
		final CliRun c = CliRun.of("compress", cmyk.toString(), "-o", out.toString());
		refused(c, cmyk);
		assertTrue(c.err.contains("CMYK"), c.err);
		assertFalse(Files.exists(out));
	}

	/** Bad input: a TIFF whose IFD chain loops, refused in about a second. */
	@Test
	void loopingTiffsAreRefusedFast() throws Exception {
		final TiffBytes.Page[] pages = { new TiffBytes.Page(4, 4, 8, 1), new TiffBytes.Page(4, 4, 8, 1) };
		final byte[] bytes = TiffBytes.pages(pages);
		TiffBytes.setNext(bytes, TiffBytes.ifdOffset(pages, 1), 8);
		final Path tiff = Files.write(dir.resolve("loop.tif"), bytes);
		final long start = System.nanoTime();
		for (final String cmd : new String[] { "compress", "curve", "palette" }) {
			final CliRun c = CliRun.of(cmd, tiff.toString(), "-o", dir.resolve("o." + (cmd.equals("curve") ? "csv"
				: "png")).toString());
			refused(c, tiff);
			assertTrue(c.err.contains("loops"), c.err);
		}
		assertTrue(System.nanoTime() - start < 3_000_000_000L);
	}

	/** Bad input: pages of different size or type are refused, never read as page 1 alone. */
	@Test
	void tiffPagesOfDifferentSizeAreRefused() throws Exception {
		final Path tiff = Files.write(dir.resolve("mixed.tif"), TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1),
			new TiffBytes.Page(6, 4, 16, 1)));
		final CliRun c = CliRun.of("compress", tiff.toString(), "-o", dir.resolve("o.tif").toString());
		refused(c, tiff);
		assertTrue(c.err.contains("pages differ in size or type"), c.err);
	}

	/** Bad input: absurd codebooks (entries 10^8, -1, NaN in an integer codebook) refused before allocating. */
	@Test
	void absurdCodebooksAreRefused() throws Exception {
		final Path label = dir.resolve("label.png");
		assertEquals(0, CliRun.of("compress", "samples/camera.png", "-o", label.toString(), "--colors", "3").exit);
		final Path text = dir.resolve("codebook.txt");
		assertEquals(0, CliRun.of("palette", label.toString(), "-o", dir.resolve("p.png").toString()).exit);
		final String good = org.kmeansquantize.labelfile.CodebookFormat.format(org.kmeansquantize.batch.PaletteFiles
			.read(label).codebook());
		final String[][] cases = { { "entries 3", "entries 100000000", "100000000 entries" }, { "entries 3",
			"entries -1", "-1 entries" } };
		for (final String[] c : cases) {
			Files.write(text, good.replace(c[0], c[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			final CliRun r = CliRun.of("palette", text.toString(), "-o", dir.resolve("p.png").toString());
			refused(r, text);
			assertTrue(r.err.contains(c[2]), r.err);
		}
		final String[] lines = good.split("\n");
		final String entry = lines[lines.length - 2];
		Files.write(text, good.replace(entry, entry.substring(0, entry.indexOf(' ')) + " NaN").getBytes(
			java.nio.charset.StandardCharsets.US_ASCII));
		final CliRun nan = CliRun.of("palette", text.toString(), "-o", dir.resolve("p.png").toString());
		refused(nan, text);
		assertTrue(nan.err.contains("NaN in a codebook of integer values"), nan.err);
	}

	/** Bad input: a label PNG whose metadata inflates beyond the limit is refused without inflating it all. */
	@Test
	void metadataBombsAreRefused() throws Exception {
		final java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
		final StringBuilder big = new StringBuilder(40 << 20);
		for (int i = 0; i < (40 << 20); i++)
			big.append(' ');
		new org.kmeansquantize.io.PngEncoder(4, 4, org.kmeansquantize.io.PngEncoder.INDEXED, 8).palette(new byte[3])
			.text(org.kmeansquantize.labelfile.LabelPng.KEYWORD, big.toString()).write(png, (y, row) -> {});
		final Path bomb = Files.write(dir.resolve("bomb.png"), png.toByteArray());
		assertTrue(Files.size(bomb) < 1 << 20);
		final CliRun c = CliRun.of("decompress", bomb.toString(), "-o", dir.resolve("o.png").toString());
		refused(c, bomb);
		assertTrue(c.err.contains("inflates to more than"), c.err);
		refused(CliRun.of("palette", bomb.toString(), "-o", dir.resolve("p.png").toString()), bomb);
	}

	/** Bad input: palette refuses label files whose labels the codebook lacks, as decompress does. */
	@Test
	void paletteRefusesLabelsBeyondTheCodebook() throws Exception {
		final java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
		final org.kmeansquantize.core.Codebook three = org.kmeansquantize.labelfile.CodebookFormat.parse(
			"kmeans-quantize codebook 1\nchannels 1\nrange integer 8 0.0 255.0\nweights 1.0\nnonfinite false\n" +
				"entries 3\n1 0.0\n1 100.0\n1 200.0\nend\n");
		new org.kmeansquantize.io.PngEncoder(5, 4, org.kmeansquantize.io.PngEncoder.INDEXED, 4).palette(new byte[9])
			.text(org.kmeansquantize.labelfile.LabelPng.KEYWORD, new org.kmeansquantize.io.ImageLayout(
				org.kmeansquantize.io.ImageLayout.Type.GRAY8, 5, 4, 1, 1, 1, "none", "png").format() +
				org.kmeansquantize.labelfile.CodebookFormat.format(three)).write(png, (y, row) -> java.util.Arrays.fill(
					row, (byte) 0x99));
		final Path beyond = Files.write(dir.resolve("beyond.png"), png.toByteArray());
		final CliRun c = CliRun.of("palette", beyond.toString(), "-o", dir.resolve("p.png").toString());
		refused(c, beyond);
		assertTrue(c.err.contains("label 9"), c.err);
	}

	/** One line on stderr, exit 1, naming {@code file}, no exception name or trace. */
	static void refused(final CliRun c, final Path file) {
		assertEquals(1, c.exit, c.err + c.out);
		oneLine(c.err, file);
	}

	static void oneLine(final String err, final Path file) {
		final String[] lines = err.trim().split("\r?\n");
		assertEquals(1, lines.length, err);
		assertTrue(lines[0].contains(file.toString()) || lines[0].contains(file.getFileName().toString()), err);
		assertFalse(lines[0].matches(".*(Exception|Error\\b|java\\.|\\tat ).*"), err);
	}

	/** @return a copy of a sample in the test folder */
	Path sample(final String name) throws IOException {
		return Files.copy(Paths.get("samples", name), dir.resolve(name));
	}
}
