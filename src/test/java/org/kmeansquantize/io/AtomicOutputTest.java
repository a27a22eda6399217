package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear complete or not at all. */
class AtomicOutputTest {

	@TempDir
	Path dir;

	@Test
	void commitReplacesTheTargetAndLeavesNothingElse() throws IOException {
		final Path target = Files.write(dir.resolve("out.png"), new byte[] { 1, 2, 3 });
		try (AtomicOutput out = AtomicOutput.create(target)) {
			assertEquals(dir, out.temp().getParent(), "the temporary file is beside the target");
			try (OutputStream s = out.stream()) {
				s.write(new byte[] { 9, 8 });
			}
			assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target), "untouched until committed");
			out.commit();
			assertEquals(2, out.size());
		}
		assertArrayEquals(new byte[] { 9, 8 }, Files.readAllBytes(target));
		assertEquals(1, count(dir));
	}

	@Test
	void closingWithoutCommitLeavesNothing() throws IOException {
		final Path target = dir.resolve("out.tif");
		try (AtomicOutput out = AtomicOutput.create(target)) {
			try (OutputStream s = out.stream()) {
				s.write(new byte[100]);
			}
			assertTrue(Files.exists(out.temp()));
		}
		assertFalse(Files.exists(target));
		assertEquals(0, count(dir));
	}

	@Test
	void missingFoldersAndFolderTargetsAreRefused() throws IOException {
		final IOException missing = assertThrows(IOException.class, () -> AtomicOutput.create(dir.resolve(
			"no/such/out.png")));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
		final Path sub = Files.createDirectory(dir.resolve("sub.png"));
		assertThrows(IOException.class, () -> AtomicOutput.create(sub));
		final Path file = Files.createFile(dir.resolve("file"));
		assertThrows(IOException.class, () -> AtomicOutput.create(file.resolve("out.png")));
	}

	private static long count(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}
}
