package org.kmeansquantize.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.labelfile.CodebookLut;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * A TIFF hyperstack opened as an ImageJ virtual stack (planes read from disk when needed) gives the
 * same codebook as the same file in memory, and its labels, computed plane by plane while
 * {@code FileSaver} writes them, equal the in-memory labels.
 */
class VirtualStackTest {

	@Test
	void virtualStackQuantizesLikeTheStackInMemory(@TempDir final Path dir) {
		final int w = 96, h = 64, nc = 2, nz = 6;
		final ImageStack stack = new ImageStack(w, h);
		final Random rnd = new Random(5);
		for (int i = 0; i < nc * nz; i++) {
			final short[] p = new short[w * h];
			for (int j = 0; j < p.length; j++)
				p[j] = (short) (((i % nc) + 1) * 700 + ((j % w) / 12) * 150 + rnd.nextInt(60));
			stack.addSlice(new ShortProcessor(w, h, p, null));
		}
		final ImagePlus imp = new ImagePlus("stack", stack);
		imp.setDimensions(nc, nz, 1);
		imp.setOpenAsHyperStack(true);
		final String file = dir.resolve("stack.tif").toString();
		assertTrue(new FileSaver(imp).saveAsTiffStack(file));

		final ImagePlus held = IJ.openImage(file);
		final ImagePlus virtual = IJ.openVirtual(file);
		assertTrue(virtual.getStack().isVirtual());
		assertEquals(nc, virtual.getNChannels());
		final PixelSource heldPixels = ImagePlusPixels.pixels(held);
		final PixelSource virtualPixels = ImagePlusPixels.pixels(virtual);
		assertTrue(virtualPixels.isLoadedOnDemand());

		final QuantizeSettings s = QuantizeSettings.builder().colors(7).build();
		final Codebook cb = KMeansQuantizer.train(s, heldPixels, null, Progress.NONE);
		assertEquals(cb, KMeansQuantizer.train(s, virtualPixels, null, Progress.NONE));

		final ImagePlus heldLabels = ImagePlusAdapter.newLabelImage(held, "labels");
		final Assignment a = KMeansQuantizer.assign(cb, heldPixels, ImagePlusAdapter.labelPixels(heldLabels),
			Progress.NONE);

		final ImagePlus lazy = ImagePlusAdapter.lazyLabelImage(virtual, cb, "lazy labels", false, ColourSpace.RGB);
		final String out = dir.resolve("labels.tif").toString();
		assertTrue(new FileSaver(lazy).saveAsTiffStack(out));
		final ImagePlus written = IJ.openImage(out);
		assertEquals(nz, written.getStackSize());
		for (int z = 1; z <= nz; z++)
			assertArrayEquals((byte[]) heldLabels.getStack().getPixels(z), (byte[]) written.getStack().getPixels(z),
				"plane " + z);
		final ImagePlusAdapter.LabelStack ls = (ImagePlusAdapter.LabelStack) lazy.getStack();
		assertArrayEquals(a.counts(), ls.counts());
		assertEquals(a.mse(), ls.mse(), 1e-9 * a.mse());
		// the codebook's LUT travels with the file
		assertEquals(CodebookLut.lut(cb, held).getRed(3) & 0xff, written.getProcessor().getLut().getRed(3));
	}
}
