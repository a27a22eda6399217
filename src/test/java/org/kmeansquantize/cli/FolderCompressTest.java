package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which two files of a folder run are compressed side by side. */
class FolderCompressTest {

	@TempDir
	Path dir;

	@Test
	void filesOfOneNameAreNeverSideBySide() throws IOException {
		final Path png = Files.copy(Paths.get("samples/camera.png"), dir.resolve("camera.png"));
		final Path tif = Files.copy(Paths.get("samples/camera.png"), dir.resolve("camera.tif"));
		final Path other = Files.copy(Paths.get("samples/chelsea.png"), dir.resolve("chelsea.png"));
		// one name: which of the two fails for the other's output must not depend on timing
		assertFalse(FolderCompress.pairable(png, tif));
		assertTrue(FolderCompress.pairable(tif, other));
		assertTrue(FolderCompress.pairable(png, other));
	}
}
