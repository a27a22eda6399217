package org.kmeansquantize.labelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.process.LUT;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.TiffFiles;

/** The label TIFF as ImageJ sees it: 8-bit labels, the codebook LUT, the metadata in "Info". */
class LabelTiffTest {

	@TempDir
	Path dir;

	@Test
	void hyperstackLabelsReopenInImageJWithIndicesAndLutUnchanged() throws IOException {
		final Path in = Paths.get("samples/xyzc_16bit__spots.tif");
		final Path out = dir.resolve("spots-labels.tif");
		FileCodec.compress(in, out, QuantizeSettings.builder().colors(6).build(), Progress.NONE);
		final ImagePlus labels = IJ.openImage(out.toString());
		assertEquals(ImagePlus.GRAY8, labels.getType());
		assertEquals(1, labels.getNChannels());
		assertEquals(17, labels.getNSlices());
		assertEquals(1, labels.getNFrames());
		final Codebook codebook = CodebookFormat.parse(labels.getInfoProperty());
		assertEquals(ImageLayout.parse(labels.getInfoProperty()), ImageFiles.read(in).layout());
		final InputImage original = ImageFiles.read(in);
		final LUT expected = CodebookLut.lut(codebook, ((TiffFiles.TiffImage) original).imagePlus());
		final LUT lut = labels.getProcessor().getLut();
		assertArrayEquals(bytes(expected, 0), bytes(lut, 0), "red");
		assertArrayEquals(bytes(expected, 1), bytes(lut, 1), "green");
		assertArrayEquals(bytes(expected, 2), bytes(lut, 2), "blue");
		// the indices are those a fresh assignment with the stored codebook gives
		final int w = labels.getWidth(), h = labels.getHeight();
		final byte[] assigned = new byte[w * h * 17];
		KMeansQuantizer.assign(codebook, original.pixels(), ArrayImgs.unsignedBytes(assigned, w, h, 17, 1),
			Progress.NONE);
		for (int z = 0; z < 17; z++) {
			final byte[] plane = (byte[]) labels.getStack().getPixels(z + 1);
			for (int i = 0; i < w * h; i++)
				assertEquals(assigned[z * w * h + i], plane[i], "slice " + z + " pixel " + i);
		}
	}

	@Test
	void pngInputGetsTheCodebookColoursAsLut() throws IOException {
		final Path out = dir.resolve("chelsea-labels.tif");
		FileCodec.compress(Paths.get("samples/chelsea.png"), out, QuantizeSettings.builder().colors(5).build(),
			Progress.NONE);
		final ImagePlus labels = IJ.openImage(out.toString());
		final Codebook codebook = CodebookFormat.parse(labels.getInfoProperty());
		final LUT lut = labels.getProcessor().getLut();
		for (int i = 0; i < codebook.size(); i++) {
			assertEquals((int) codebook.fitted(i, 0), lut.getRed(i));
			assertEquals((int) codebook.fitted(i, 1), lut.getGreen(i));
			assertEquals((int) codebook.fitted(i, 2), lut.getBlue(i));
		}
		final LabelImage back = LabelTiff.read(out, Files.size(out));
		assertEquals(codebook, back.codebook());
		assertArrayEquals((byte[]) labels.getStack().getPixels(1), back.plane(0));
	}

	@Test
	void aTiffWithoutMetadataIsNotALabelTiff() throws IOException {
		final Path plain = dir.resolve("plain.tif");
		IJ.saveAsTiff(IJ.createImage("plain", "8-bit ramp", 20, 10, 1), plain.toString());
		final IOException e = assertThrows(IOException.class, () -> LabelTiff.read(
			plain, Files.size(plain)));
		assertTrue(e.getMessage().contains("not a k-means label TIFF"), e.getMessage());
	}

	private static byte[] bytes(final LUT lut, final int channel) {
		final byte[] b = new byte[256];
		if (channel == 0) lut.getReds(b);
		else if (channel == 1) lut.getGreens(b);
		else lut.getBlues(b);
		return b;
	}
}
