package org.kmeansquantize.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a folder or glob gives, and in which order. */
class ImageFolderTest {

	@TempDir
	Path dir;

	private List<String> names(final String in) throws IOException {
		return ImageFolder.list(in).stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
	}

	@Test
	void aFolderGivesItsImagesByNameWithoutHiddenFilesOrSubfolders() throws IOException {
		for (final String n : new String[] { "b.TIF", "a10.png", "a2.png", "c.jpeg", "d.txt", ".hidden.png",
			"summary.csv", "e.tiff", "f.jpg" })
			Files.write(dir.resolve(n), new byte[] { 1 });
		Files.createDirectory(dir.resolve("sub.png"));
		assertTrue(ImageFolder.isFolderInput(dir.toString()));
		assertEquals(List.of("a10.png", "a2.png", "b.TIF", "c.jpeg", "e.tiff", "f.jpg"), names(dir.toString()));
	}

	@Test
	void aGlobGivesTheMatchingNamesOfItsFolder() throws IOException {
		for (final String n : new String[] { "t1.tif", "t2.tif", "t3.png", "u1.tif", ".t4.tif" })
			Files.write(dir.resolve(n), new byte[] { 1 });
		assertTrue(ImageFolder.isFolderInput(dir + "/t*.tif"));
		assertFalse(ImageFolder.isFolderInput(dir + "/t1.tif"));
		assertEquals(List.of("t1.tif", "t2.tif"), names(dir + "/t*.tif"));
		assertEquals(List.of("t1.tif", "t3.png", "u1.tif"), names(dir + "/{t1,t3,u1}.*"));
		assertEquals(List.of("t2.tif", "t3.png"), names(dir + "/t[23].*"));
		final IOException none = assertThrows(IOException.class, () -> ImageFolder.list(dir + "/x*.tif"));
		assertTrue(none.getMessage().startsWith("no file matches"), none.getMessage());
		final IOException deep = assertThrows(IOException.class, () -> ImageFolder.list(dir + "/*/a.tif"));
		assertTrue(deep.getMessage().contains("file name only"), deep.getMessage());
	}

	@Test
	void aFolderWithoutImagesIsAnError() throws IOException {
		Files.write(dir.resolve("notes.txt"), new byte[] { 1 });
		final IOException e = assertThrows(IOException.class, () -> ImageFolder.list(dir.toString()));
		assertTrue(e.getMessage().contains("holds no .png"), e.getMessage());
	}
}
