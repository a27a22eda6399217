package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.testing.TiffBytes;

/** The TIFF structure walk: real files pass, crafted structures are refused fast with the reason. */
class TiffStructureTest {

	@TempDir
	Path dir;

	private static final Duration FAST = Duration.ofSeconds(2);

	@Test
	void realTiffsPass() throws IOException {
		final TiffStructure spots = TiffStructure.read(Paths.get("samples/xyzc_16bit__spots.tif"));
		assertTrue(spots.pages() > 1);
		assertTrue(spots.uniform());
		assertEquals(16, spots.first().bits());
		assertFalse(spots.bigTiff());
		assertEquals(3, TiffStructure.read(Paths.get("samples/IXMtest_A02_s9.tif")).pages());
		// tiled JPEG TIFF: walked (tiles in the file), not decoded
		final TiffStructure tiled = TiffStructure.read(Paths.get("/work/shared/images/coffee_jpeg_tiled.tif"));
		assertTrue(tiled.first().tiled());
	}

	@Test
	void anIfdPointingToItselfIsRefusedFast() throws IOException {
		final TiffBytes.Page[] pages = { new TiffBytes.Page(4, 4, 8, 1) };
		final byte[] tiff = TiffBytes.pages(pages);
		TiffBytes.setNext(tiff, 8, 8);
		assertRefused(tiff, "loops");
	}

	@Test
	void aTwoIfdCycleIsRefusedFast() throws IOException {
		final TiffBytes.Page[] pages = { new TiffBytes.Page(4, 4, 8, 1), new TiffBytes.Page(4, 4, 8, 1) };
		final byte[] tiff = TiffBytes.pages(pages);
		TiffBytes.setNext(tiff, TiffBytes.ifdOffset(pages, 1), 8);
		assertRefused(tiff, "loops");
	}

	@Test
	void aMillionIfdsSharingOneStripAreRefusedFast() throws IOException {
		assertRefused(TiffBytes.sharedStrip(1_000_000), "share their image data");
	}

	@Test
	void pagesOfDifferentSizeOrTypeAreNotUniform() throws IOException {
		final Path size = write(TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1), new TiffBytes.Page(5, 4, 8, 1)));
		final TiffStructure s = TiffStructure.read(size);
		assertFalse(s.uniform());
		final IOException e = assertThrows(IOException.class, s::requireUniform);
		assertTrue(e.getMessage().contains("pages differ in size or type"), e.getMessage());
		assertTrue(e.getMessage().contains("page 2 is 5x4"), e.getMessage());
		final Path type = write(TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1), new TiffBytes.Page(4, 4, 16, 1)));
		assertFalse(TiffStructure.read(type).uniform());
		assertTrue(TiffStructure.read(write(TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1), new TiffBytes.Page(4, 4,
			8, 1)))).uniform());
	}

	@Test
	void stripsBeyondTheFileAreRefused() throws IOException {
		final byte[] tiff = TiffBytes.pages(new TiffBytes.Page(16, 16, 8, 1));
		assertRefused(Arrays.copyOf(tiff, tiff.length - 10), "truncated");
	}

	@Test
	void absurdTagCountsAndOffsetsAreRefused() throws IOException {
		final byte[] tags = TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1));
		tags[8] = (byte) 0xff;
		tags[9] = (byte) 0xff;
		assertRefused(tags, "tags");
		final byte[] offset = TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1));
		offset[4] = (byte) 0xff;
		offset[5] = (byte) 0xff;
		assertRefused(offset, "outside the file");
	}

	@Test
	void aPlaneOverTwoGigapixelsIsRefusedWithTheReason() throws IOException {
		final byte[] tiff = TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1));
		// width 65536 and height 65536 (the entries' values): 2^32 pixels in one plane
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.putInt(8 + 2 + 8, 65536);
		b.putInt(8 + 2 + 12 + 8, 65536);
		assertRefused(tiff, "more than the 2147483639 pixels one plane may have");
	}

	/**
	 * Fuzz seed 3, case 1902: the strip byte counts given an unknown field type and 5.5 million
	 * values. The TIFF spec says to skip such a tag; ImageJ's decoder reads them all, an int each,
	 * for minutes past the end of the file.
	 */
	@Test
	void anUnknownTypeWithMoreValuesThanTheFileIsRefused() throws IOException {
		final byte[] tiff = TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1));
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		final int n = b.getShort(8);
		for (int e = 10; e < 10 + 12 * n; e += 12)
			if (b.getShort(e) == 279) b.putShort(e + 2, (short) 0).putInt(e + 4, 5_505_235);
		assertRefused(tiff, "tag 279 of page 1 claims 5505235 values of unknown type 0, more than the file holds");
	}

	/**
	 * Fuzz seed 2, case 2133: a label TIFF whose ImageJ metadata header claims 738 million entries;
	 * ImageJ's decoder allocates an array of that many before reading any (an OutOfMemoryError).
	 */
	@Test
	void imageJMetadataClaimingMoreEntriesThanItHasIsRefused() throws IOException {
		final ij.ImagePlus imp = new ij.ImagePlus("info", new ij.process.ByteProcessor(4, 4));
		imp.setProperty("Info", "some text");
		imp.setProperty("Label", "a slice label");
		final Path file = dir.resolve("info.tif");
		assertTrue(new ij.io.FileSaver(imp).saveAsTiff(file.toString()));
		TiffStructure.read(file);
		final byte[] tiff = Files.readAllBytes(file);
		final boolean intel = tiff[0] == 'I';
		final int at = indexOf(tiff, (intel ? "JIJI" : "IJIJ").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		assertTrue(at > 0, "ImageJ wrote its metadata");
		java.nio.ByteBuffer.wrap(tiff).order(intel ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN)
			.putInt(at + 8, 738_197_551);
		assertRefused(tiff, "the ImageJ metadata of page 1 claims 738197551 entries");
	}

	private static int indexOf(final byte[] data, final byte[] what) {
		for (int i = 0; i + what.length <= data.length; i++)
			if (Arrays.equals(Arrays.copyOfRange(data, i, i + what.length), what)) return i;
		return -1;
	}

	@Test
	void bigTiffHeadersAreWalked() throws IOException {
		final TiffStructure s = TiffStructure.read(write(TiffBytes.bigTiff(new TiffBytes.Page(6, 5, 8, 1))));
		assertTrue(s.bigTiff());
		assertEquals(1, s.pages());
		assertEquals(6, s.first().width());
	}

	private void assertRefused(final byte[] tiff, final String why) throws IOException {
		final Path file = write(tiff);
		final IOException e = assertTimeoutPreemptively(FAST, () -> assertThrows(IOException.class,
			() -> TiffStructure.read(file)));
		assertTrue(e.getMessage().contains(why), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	private Path write(final byte[] tiff) throws IOException {
		final Path file = Files.createTempFile(dir, "crafted", ".tif");
		Files.write(file, tiff);
		return file;
	}
}
