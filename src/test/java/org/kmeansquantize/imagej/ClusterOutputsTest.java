package org.kmeansquantize.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.LUT;

import org.junit.jupiter.api.Test;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.labelfile.CodebookLut;
import org.kmeansquantize.labelfile.LabelLut;
import org.kmeansquantize.testing.Pixels;

/** The segmentation outputs on real images: LUT, masks, selections, measurements, codebook fit. */
class ClusterOutputsTest {

	private static final LabelOutputs ALL = LabelOutputs.NONE.withMasks(true).withRois(true).withMeasure(true);

	@Test
	void fluorescenceStackGetsDistinctLabelsMasksRoisAndMeasurements() {
		final ImagePlus imp = IJ.openImage(Pixels.sample("xyzc_16bit__spots.tif").toString());
		imp.getCalibration().pixelDepth = 0.5;
		final int k = 4;
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(k).build(),
			imp, ALL, Progress.NONE);
		final int w = imp.getWidth(), h = imp.getHeight(), nz = imp.getNSlices();
		// distinct LUT (the default for 16-bit): label 0 black, neighbours far apart
		final LUT lut = r.labels().getProcessor().getLut();
		assertEquals(0, lut.getRGB(0) & 0xffffff);
		for (int i = 1; i < k; i++)
			assertTrue(distance(lut.getRGB(i), lut.getRGB(i + 1)) > 120, "labels " + i + " and " + (i + 1) +
				" look alike");
		final int[] labels = Pixels.labels(r.labels());
		// masks: one channel per entry with the input's slices and calibration; every pixel in one mask
		final ImagePlus masks = r.masks();
		assertEquals("xyzc_16bit__spots-masks", masks.getTitle());
		assertEquals(List.of(k, nz, 1), List.of(masks.getNChannels(), masks.getNSlices(), masks.getNFrames()));
		assertEquals(imp.getCalibration().pixelWidth, masks.getCalibration().pixelWidth);
		assertEquals(0.5, masks.getCalibration().pixelDepth);
		for (int z = 0; z < nz; z++) {
			final byte[][] planes = new byte[k][];
			for (int e = 0; e < k; e++)
				planes[e] = (byte[]) masks.getStack().getPixels(masks.getStackIndex(e + 1, z + 1, 1));
			for (int i = 0; i < w * h; i++) {
				int on = 0;
				for (int e = 0; e < k; e++) {
					final int v = planes[e][i] & 0xff;
					assertTrue(v == 0 || v == 255);
					if (v == 255) {
						on++;
						assertEquals(e, labels[z * w * h + i]);
					}
				}
				assertEquals(1, on);
			}
		}
		// selections: per plane, the pixels of each label, named and positioned
		final List<Roi> rois = r.rois();
		long covered = 0;
		for (final Roi roi : rois) {
			assertTrue(roi.getName().matches("label \\d z\\d+ t1"), roi.getName());
			final int e = Integer.parseInt(roi.getName().split(" ")[1]);
			final int z = roi.getZPosition();
			final Rectangle b = roi.getBounds();
			for (int y = b.y; y < b.y + b.height; y++)
				for (int x = b.x; x < b.x + b.width; x++)
					if (roi.contains(x, y)) {
						assertEquals(e, labels[(z - 1) * w * h + y * w + x]);
						covered++;
					}
		}
		assertEquals((long) w * h * nz, covered);
		// measurements: counts, volume in calibrated units, per-channel statistics
		final ResultsTable t = r.clusters();
		assertEquals(k, t.size());
		final double[][] values = Pixels.values(imp);
		final double voxel = imp.getCalibration().pixelWidth * imp.getCalibration().pixelHeight * 0.5;
		long total = 0;
		for (int e = 0; e < k; e++) {
			final long count = (long) t.getValue("count", e);
			total += count;
			assertEquals(r.codebook().count(e), count);
			assertEquals(count * voxel, t.getValue("volume", e), 1e-9 * count);
			for (int c = 0; c < 2; c++) {
				double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
				for (int i = 0; i < labels.length; i++)
					if (labels[i] == e) {
						sum += values[c][i];
						min = Math.min(min, values[c][i]);
						max = Math.max(max, values[c][i]);
					}
				assertEquals(sum / count, t.getValue("C" + (c + 1) + "_mean", e), 1e-9 * Math.abs(sum / count));
				assertEquals(min, t.getValue("C" + (c + 1) + "_min", e));
				assertEquals(max, t.getValue("C" + (c + 1) + "_max", e));
			}
		}
		assertEquals(labels.length, total);
	}

	@Test
	void singlePlaneMasksAreOneSlicePerEntryAndRgbKeepsItsCodebookLut() {
		final ImagePlus imp = IJ.openImage(Pixels.sample("chelsea.png").toString());
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(5).build(),
			imp, ALL, Progress.NONE);
		assertEquals(5, r.masks().getStackSize());
		assertEquals("label 2", r.masks().getStack().getSliceLabel(3));
		assertEquals(CodebookLut.lut(r.codebook(), imp).getRGB(2), r.labels().getProcessor().getLut().getRGB(2));
		assertEquals(5, r.rois().size());
		assertEquals("label 0", r.rois().get(0).getName());
		assertEquals("area", r.clusters().getColumnHeading(2));
		assertEquals(1.0, sum(r.clusters(), "share"), 1e-12);
		final ImagePlusQuantizer.Result d = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(5).build(),
			imp, LabelOutputs.NONE.withLut(LabelLut.DISTINCT), Progress.NONE);
		assertEquals(CodebookLut.distinct().getRGB(3), d.labels().getProcessor().getLut().getRGB(3));
		assertNull(d.masks());
		assertNull(d.rois());
		assertNull(d.clusters());
	}

	@Test
	void aCodebookOfAnotherRangeIsRefusedUnlessForced() {
		// the case: an 8-bit RGB codebook on the 16-bit 3-channel (12-bit data) BBBC022 image
		final ImagePlus rgb = IJ.openImage(Pixels.sample("chelsea.png").toString());
		final Codebook eight = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).build(), rgb, false,
			false, Progress.NONE).codebook();
		final ImagePlus fluo = IJ.openImage(Pixels.sample("IXMtest_A02_s9.tif").toString());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePlusQuantizer
			.apply(eight, fluo, Progress.NONE));
		assertEquals("the codebook holds 8-bit integers (0-255) but 'IXMtest_A02_s9.tif' holds 16-bit integers " +
			"(0-65535); add force=true to use it anyway", e.getMessage());
		assertEquals(4, ImagePlusQuantizer.apply(eight, fluo, true, Progress.NONE).codebook().size());
		final ImagePlus grey = IJ.openImage(Pixels.sample("camera.png").toString());
		assertEquals("the codebook has 3 channels but 'camera.png' has 1", assertThrows(
			IllegalArgumentException.class, () -> ImagePlusQuantizer.apply(eight, grey, true, Progress.NONE))
				.getMessage());
	}

	@Test
	void misspeltKeysAreNamed() {
		assertEquals(List.of("colours", "mask", "codebook"), MacroKeys.unknown(
			"imp=[a b.tif] colours=8 seed=1 mask codebook=[x=1 y] reconstruct", ImagePlusQuantizer.QUANTIZE_KEYS));
		assertNull(MacroKeys.warning("K-means", "colors=8 masks rois=true lut=distinct",
			ImagePlusQuantizer.QUANTIZE_KEYS));
		assertTrue(MacroKeys.warning("K-means", "colours=8", ImagePlusQuantizer.QUANTIZE_KEYS).startsWith(
			"K-means: unknown key 'colours' ignored (keys: colors, seed"));
	}

	private static double sum(final ResultsTable t, final String column) {
		double s = 0;
		for (int i = 0; i < t.size(); i++)
			s += t.getValue(column, i);
		return s;
	}

	private static double distance(final int a, final int b) {
		double s = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			final int d = (a >> shift & 0xff) - (b >> shift & 0xff);
			s += d * d;
		}
		return Math.sqrt(s);
	}
}
