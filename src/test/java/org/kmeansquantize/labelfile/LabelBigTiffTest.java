package org.kmeansquantize.labelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.PaletteFiles;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusAdapter;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.TiffFiles;

/**
 * Label files past 4 GB are BigTIFF: with the threshold lowered, a small label file is written as
 * BigTIFF, and decompress and palette read it to the same results as from the classic label TIFF.
 */
class LabelBigTiffTest {

	private static final Path SPOTS = Paths.get("samples/xyzc_16bit__spots.tif");

	@TempDir
	Path dir;

	private long threshold;

	@BeforeEach
	void remember() {
		threshold = LabelTiff.bigTiffThreshold;
	}

	@AfterEach
	void restore() {
		LabelTiff.bigTiffThreshold = threshold;
	}

	private static boolean isBigTiff(final Path file) throws IOException {
		final byte[] b = Files.readAllBytes(file);
		return b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 43;
	}

	@Test
	void bigTiffLabelsDecompressAndPaletteAsTheClassicOnes() throws IOException {
		final QuantizeSettings settings = QuantizeSettings.builder().colors(6).build();
		final Path classic = dir.resolve("classic.tif"), big = dir.resolve("big.tif");
		FileCodec.compress(SPOTS, classic, settings, Progress.NONE);
		LabelTiff.bigTiffThreshold = 0;
		FileCodec.compress(SPOTS, big, settings, Progress.NONE);
		assertTrue(isBigTiff(big));
		assertTrue(!isBigTiff(classic));

		final LabelImage a = LabelTiff.read(classic, Files.size(classic));
		final LabelImage b = LabelTiff.read(big, Files.size(big));
		assertEquals(a.metadata(), b.metadata());
		assertEquals(a.planeCount(), b.planeCount());
		for (int i = 0; i < a.planeCount(); i++)
			assertArrayEquals(a.plane(i), b.plane(i), "plane " + i);

		// the LUT, calibration and hyperstack dimensions survive
		final ImagePlus ca = TiffFiles.open(classic, Files.size(classic));
		final ImagePlus cb = TiffFiles.open(big, Files.size(big));
		assertEquals(ca.getNSlices(), cb.getNSlices());
		assertEquals(ca.getNFrames(), cb.getNFrames());
		assertEquals(ca.getCalibration().pixelWidth, cb.getCalibration().pixelWidth, 1e-6);
		assertEquals(ca.getCalibration().pixelDepth, cb.getCalibration().pixelDepth, 1e-6);
		assertEquals(ca.getCalibration().getUnit(), cb.getCalibration().getUnit());

		final Path ra = dir.resolve("ra.tif"), rb = dir.resolve("rb.tif");
		FileCodec.decompress(classic, ra, Progress.NONE);
		FileCodec.decompress(big, rb, Progress.NONE);
		assertArrayEquals(Files.readAllBytes(ra), Files.readAllBytes(rb));

		assertArrayEquals(PaletteFiles.read(classic).counts(), PaletteFiles.read(big).counts());
	}

	/** The plane-by-plane path: a virtual label stack, computed while the BigTIFF is written. */
	@Test
	void virtualLabelStackStreamsIntoABigTiff() throws IOException {
		final Path classic = dir.resolve("classic.tif"), big = dir.resolve("big.tif");
		FileCodec.compress(SPOTS, classic, QuantizeSettings.builder().colors(5).build(), Progress.NONE);
		final LabelImage labels = LabelTiff.read(classic, Files.size(classic));
		final Codebook codebook = labels.codebook();
		final ImagePlus input = TiffFiles.openVirtual(SPOTS, Files.size(SPOTS));
		final ImagePlus lazy = ImagePlusAdapter.lazyLabelImage(input, codebook, "labels", false, ColourSpace.RGB);
		lazy.setProperty("Info", labels.metadata());
		LabelTiff.bigTiffThreshold = 0;
		LabelTiff.writeImage(lazy, big);
		assertTrue(isBigTiff(big));
		final LabelImage back = LabelTiff.read(big, Files.size(big));
		assertEquals(new ImageLayout(ImageLayout.Type.GRAY16, 89, 88, 2, 17, 1, "composite", "tiff").describe(), back
			.layout().describe());
		for (int i = 0; i < labels.planeCount(); i++)
			assertArrayEquals(labels.plane(i), back.plane(i), "plane " + i);
	}
}
