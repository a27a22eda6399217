package org.kmeansquantize.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SampleRange;

/** The shared runs on small synthetic images whose answers are known. */
class ImagePlusQuantizerTest {

	@TempDir
	Path dir;

	@Test
	void wellSeparatedLevelsAreFoundExactlyAndLabelsKeepTheLayout() {
		final ImagePlus imp = levels16(new int[] { 100, 1000, 30000 }, 3);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.setUnit("mm");
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(3).build(),
			imp, false, true, Progress.NONE);
		assertEquals(3, r.codebook().size());
		assertEquals(100, r.codebook().value(0, 0));
		assertEquals(1000, r.codebook().value(1, 0));
		assertEquals(30000, r.codebook().value(2, 0));
		final ImagePlus labels = r.labels();
		assertEquals("levels-labels", labels.getTitle());
		assertEquals(ImagePlus.GRAY8, labels.getType());
		assertEquals(3, labels.getNSlices());
		assertEquals(0.25, labels.getCalibration().pixelWidth);
		assertEquals("mm", labels.getCalibration().getUnit());
		assertEquals(CodebookFormat.format(r.codebook()), labels.getProperty("Info"));
		assertEquals(0.0, r.assignment().mse());
		assertArrayEquals(Pixels.values(imp), Pixels.values(r.reconstruction()));
		assertEquals("levels-reconstructed", r.reconstruction().getTitle());
		assertEquals(3, r.table().size());
	}

	@Test
	void labelImagesDoNotInheritADensityCalibration() {
		final ByteProcessor ip = new ByteProcessor(6, 4);
		for (int i = 0; i < 24; i++)
			ip.set(i, i % 3 * 100);
		final ImagePlus imp = new ImagePlus("optical density", ip);
		imp.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] { 5, 0.01 }, "OD");
		final ImagePlus labels = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(3).build(), imp, false,
			false, Progress.NONE).labels();
		assertFalse(labels.getCalibration().calibrated(), "label 2 would read as " + labels.getCalibration()
			.getCValue(2));
		assertTrue(imp.getCalibration().calibrated(), "the input's calibration was changed");
	}

	@Test
	void roiRestrictsTrainingButEveryPixelIsLabelled() {
		final ByteProcessor ip = new ByteProcessor(20, 10);
		for (int y = 0; y < 10; y++)
			for (int x = 0; x < 20; x++)
				ip.set(x, y, x < 10 ? 10 : 200);
		final ImagePlus imp = new ImagePlus("halves", ip);
		assertEquals("roi is set but the image has no area selection", assertThrows(IllegalArgumentException.class,
			() -> ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(2).build(), imp, true, false,
				Progress.NONE)).getMessage());
		imp.setRoi(0, 0, 10, 10);
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(2).build(),
			imp, true, false, Progress.NONE);
		assertEquals(1, r.codebook().size());
		assertEquals(10, r.codebook().value(0, 0));
		assertEquals(200, r.codebook().count(0));
		assertEquals("the selection has only 1 distinct value; 1 of 2 entries used", r.note());
		final ImagePlusQuantizer.Result all = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(2)
			.build(), imp, false, false, Progress.NONE);
		assertEquals(2, all.codebook().size());
		assertNull(all.note(), "every entry asked for is used");
		assertEquals("the image has only 2 distinct values; 2 of 5 entries used", ImagePlusQuantizer.quantize(
			QuantizeSettings.builder().colors(5).build(), imp, false, true, Progress.NONE).note());
	}

	@Test
	void reconstructionTakesTheCodebooksTypeAndLayout() {
		final ImagePlus labels = labels(4, 3, 2, new int[] { 0, 1, 1, 0 });
		labels.getCalibration().pixelHeight = 2;
		final ImagePlus rgb = ImagePlusQuantizer.reconstruct(codebook(SampleRange.UINT8, new double[][] { { 10, 20,
			30 }, { 200, 100, 50 } }), labels, Progress.NONE);
		assertEquals(ImagePlus.COLOR_RGB, rgb.getType());
		assertArrayEquals(new int[] { 4, 3, 1, 2, 1 }, rgb.getDimensions());
		assertEquals(2, rgb.getCalibration().pixelHeight);
		assertEquals(200, Pixels.values(rgb)[0][1]);
		assertEquals(50, Pixels.values(rgb)[2][1]);
		assertEquals("cells-reconstructed", rgb.getTitle());

		final ImagePlus grey8 = ImagePlusQuantizer.reconstruct(codebook(SampleRange.UINT8, new double[][] { { 3 }, {
			250 } }), labels, Progress.NONE);
		assertEquals(ImagePlus.GRAY8, grey8.getType());
		assertEquals(250, Pixels.values(grey8)[0][1]);

		final ImagePlus grey16 = ImagePlusQuantizer.reconstruct(codebook(SampleRange.UINT16, new double[][] { { 300 },
			{ 4000 } }), labels, Progress.NONE);
		assertEquals(ImagePlus.GRAY16, grey16.getType());
		assertEquals(4000, Pixels.values(grey16)[0][1]);
		assertEquals(300, grey16.getDisplayRangeMin());
		assertEquals(4000, grey16.getDisplayRangeMax());

		final Codebook withNaN = new Codebook(new double[][] { { -1.5 }, { Double.NaN } }, new long[] { 1, 1 },
			SampleRange.FLOAT32, true);
		final ImagePlus grey32 = ImagePlusQuantizer.reconstruct(withNaN, labels, Progress.NONE);
		assertEquals(ImagePlus.GRAY32, grey32.getType());
		assertEquals(-1.5, Pixels.values(grey32)[0][0]);
		assertTrue(Double.isNaN(Pixels.values(grey32)[0][1]));

		final ImagePlus composite = ImagePlusQuantizer.reconstruct(codebook(SampleRange.UINT16, new double[][] { { 5,
			600 }, { 70, 8000 } }), labels, Progress.NONE);
		assertTrue(composite instanceof CompositeImage);
		assertArrayEquals(new int[] { 4, 3, 2, 2, 1 }, composite.getDimensions());
		assertEquals(70, Pixels.values(composite)[0][1]);
		assertEquals(8000, Pixels.values(composite)[1][1]);
		assertEquals(8000, ((CompositeImage) composite).getChannelLut(2).max);
		assertEquals(70, ((CompositeImage) composite).getChannelLut(1).max);

		final ImagePlus beyond = labels(4, 3, 1, new int[] { 0, 5 });
		assertEquals("label 5 has no entry in the codebook (it has 2)", assertThrows(IllegalArgumentException.class,
			() -> ImagePlusQuantizer.reconstruct(codebook(SampleRange.UINT8, new double[][] { { 1 }, { 2 } }), beyond,
				Progress.NONE)).getMessage());
	}

	@Test
	void aFloatImageRoundTripsThroughItsLabelImage() {
		final ImagePlus imp = IJ.openImage(Pixels.sample("xy_float__h2b_bg_corr.tif").toString());
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).build(),
			imp, false, true, Progress.NONE);
		assertEquals(ImagePlus.GRAY32, r.reconstruction().getType());
		final ImagePlus rebuilt = ImagePlusQuantizer.reconstruct(ImagePlusQuantizer.codebookOf(r.labels()), r
			.labels(), Progress.NONE);
		assertEquals(ImagePlus.GRAY32, rebuilt.getType());
		assertArrayEquals(Pixels.values(r.reconstruction()), Pixels.values(rebuilt));
		assertEquals(r.assignment().mse(), Pixels.mse(Pixels.values(imp), Pixels.values(rebuilt)), 1e-6 * r
			.assignment().mse());
	}

	@Test
	void nanAndInfinitiesShareOneEntryAndComeBackAsNan() {
		final FloatProcessor fp = new FloatProcessor(9, 7);
		for (int i = 0; i < 63; i++)
			fp.setf(i, i % 10 == 0 ? Float.NaN : i % 10 == 1 ? Float.POSITIVE_INFINITY : i % 10 == 2
				? Float.NEGATIVE_INFINITY : i % 3);
		final ImagePlus imp = new ImagePlus("infinities", fp);
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(8).build(),
			imp, false, true, Progress.NONE);
		assertEquals(4, r.codebook().size(), "three levels and the non-finite entry");
		assertEquals(3, r.codebook().nonFiniteLabel());
		assertEquals("the image has only 3 distinct finite values; 3 of 8 entries used, and one more for its NaN " +
			"and infinite pixels", r.note());
		final int[] labels = Pixels.labels(r.labels());
		final double[] back = Pixels.values(r.reconstruction())[0];
		for (int i = 0; i < 63; i++) {
			final boolean finite = Float.isFinite(fp.getf(i));
			assertEquals(finite ? fp.getf(i) % 3 : 3, labels[i], "pixel " + i);
			assertEquals(!finite, Double.isNaN(back[i]), "pixel " + i);
			if (finite) assertEquals(fp.getf(i), back[i]);
		}
	}

	@Test
	void codebooksComeFromLabelTiffsAndTextFiles() throws Exception {
		final ImagePlus imp = levels16(new int[] { 100, 1000, 30000 }, 2);
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(3).build(),
			imp, false, false, Progress.NONE);
		final Path tiff = dir.resolve("my labels.tif");
		assertTrue(new FileSaver(r.labels()).saveAsTiffStack(tiff.toString()));
		assertEquals(r.codebook(), ImagePlusQuantizer.readCodebook(tiff.toString()));
		assertEquals(r.codebook(), ImagePlusQuantizer.codebookFor(r.labels(), ""));
		assertEquals(r.codebook(), ImagePlusQuantizer.codebookFor(r.labels(), " " + tiff + " "));
		final Path text = dir.resolve("codebook.txt");
		Files.write(text, CodebookFormat.format(r.codebook()).getBytes(StandardCharsets.UTF_8));
		assertEquals(r.codebook(), ImagePlusQuantizer.readCodebook(text.toString()));

		final Path plainTiff = dir.resolve("input.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(plainTiff.toString()));
		assertEquals("no k-means codebook in input.tif", assertThrows(IllegalArgumentException.class,
			() -> ImagePlusQuantizer.readCodebook(plainTiff.toString())).getMessage());
		assertEquals("codebook 'nowhere.txt' is neither an open image nor a file", assertThrows(
			IllegalArgumentException.class, () -> ImagePlusQuantizer.readCodebook("nowhere.txt")).getMessage());
		assertEquals("no codebook given: name an open label image, a label TIFF or a codebook file", assertThrows(
			IllegalArgumentException.class, () -> ImagePlusQuantizer.readCodebook(" ")).getMessage());
		assertEquals("'levels' holds no k-means codebook: it is not a label image made by K-means", assertThrows(
			IllegalArgumentException.class, () -> ImagePlusQuantizer.codebookOf(imp)).getMessage());
	}

	@Test
	void applyLabelsAnotherImageWithItsOwnCounts() {
		final ImagePlusQuantizer.Result trained = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(3)
			.build(), levels16(new int[] { 100, 1000, 30000 }, 1), false, false, Progress.NONE);
		final ImagePlusQuantizer.Result applied = ImagePlusQuantizer.apply(trained.codebook(), levels16(new int[] {
			90, 90, 29000 }, 1), Progress.NONE);
		assertNull(applied.reconstruction());
		assertEquals(trained.codebook().value(2, 0), applied.codebook().value(2, 0));
		assertEquals(0, applied.codebook().count(1));
		assertEquals(applied.codebook(), ImagePlusQuantizer.codebookOf(applied.labels()));
		final ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(4, 4));
		assertEquals("the codebook has 1 channel but 'rgb' has 3", assertThrows(IllegalArgumentException.class,
			() -> ImagePlusQuantizer.apply(trained.codebook(), rgb, Progress.NONE)).getMessage());
	}

	@Test
	void percentProgressPassesOnAtMostOneReportPerPercent() {
		final List<String> shown = new ArrayList<>();
		final PercentProgress p = new PercentProgress() {

			@Override
			protected void show(final String phase, final int percent) {
				shown.add(phase + " " + percent);
			}

			@Override
			public boolean isCanceled() {
				return false;
			}
		};
		for (int i = 0; i <= 10000; i++)
			p.report("a", i / 10000.0);
		p.report("b", 1);
		assertEquals(102, shown.size());
		assertEquals("a 0", shown.get(0));
		assertEquals("a 100", shown.get(100));
		assertEquals("b 100", shown.get(101));
	}

	/** A 16-bit stack of 6x4 planes whose pixels cycle through the given levels. */
	private static ImagePlus levels16(final int[] levels, final int slices) {
		final ImageStack stack = new ImageStack(6, 4);
		int n = 0;
		for (int z = 0; z < slices; z++) {
			final ShortProcessor ip = new ShortProcessor(6, 4);
			for (int i = 0; i < 24; i++)
				ip.set(i, levels[n++ % levels.length]);
			stack.addSlice(ip);
		}
		return new ImagePlus("levels", stack);
	}

	/** A label stack named like a K-means output whose pixels cycle through the given labels. */
	private static ImagePlus labels(final int w, final int h, final int slices, final int[] cycle) {
		final ImageStack stack = new ImageStack(w, h);
		int n = 0;
		for (int z = 0; z < slices; z++) {
			final ByteProcessor ip = new ByteProcessor(w, h);
			for (int i = 0; i < w * h; i++)
				ip.set(i, cycle[n++ % cycle.length]);
			stack.addSlice(ip);
		}
		return new ImagePlus("cells" + ImagePlusQuantizer.LABELS_SUFFIX + ".tif", stack);
	}

	private static Codebook codebook(final SampleRange range, final double[][] values) {
		return new Codebook(values, new long[values.length], range, false);
	}
}
