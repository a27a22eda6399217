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
