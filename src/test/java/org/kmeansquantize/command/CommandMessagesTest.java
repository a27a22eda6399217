package org.kmeansquantize.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageConverter;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.log.LogService;

import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * What the SciJava commands tell their caller (a script, a macro, Fiji): a bad image, selection or
 * codebook cancels the command with a one-line reason, sets no output and leaves the input as it
 * was; a codebook with fewer entries than asked for is a result, with a note on the status bar and
 * in the log.
 */
class CommandMessagesTest {

	@TempDir
	Path dir;

	@Test
	void imagesAndSelectionsWithNothingToTrainOnCancelKMeans() throws Exception {
		final ImagePlus allNaN = new ImagePlus("all NaN", new FloatProcessor(6, 4));
		allNaN.getProcessor().set(Float.NaN);
		final ImagePlus outside = new ImagePlus("outside", new ByteProcessor(10, 10));
		outside.setRoi(new Roi(20, 20, 5, 5));
		final FloatProcessor halfNaN = new FloatProcessor(10, 10);
		for (int i = 0; i < 100; i++)
			halfNaN.setf(i, i % 10 < 5 ? Float.NaN : i);
		final ImagePlus nanInside = new ImagePlus("NaN in the selection", halfNaN);
		nanInside.setRoi(new Roi(0, 0, 5, 10));
		final ImagePlus indexed = IJ.openImage(Pixels.sample("chelsea.png").toString());
		new ImageConverter(indexed).convertRGBtoIndexedColor(16);
		assertEquals(ImagePlus.COLOR_256, indexed.getType());
		final ImagePlus empty = new ImagePlus("no pixels", new ByteProcessor(0, 0));
		final ImagePlus camera = IJ.openImage(Pixels.sample("camera.png").toString());

		assertCancelled(KMeansCommand.class, "K-means: all NaN: the image has no pixel with a finite value to train on", allNaN,
			"colors", 4);
		assertCancelled(KMeansCommand.class, "K-means: outside: the mask (ROI) holds no pixel with a finite value to train on",
			outside, "colors", 4, "roi", true);
		assertCancelled(KMeansCommand.class, "K-means: NaN in the selection: the mask (ROI) holds no pixel with a finite value to train on",
			nanInside, "colors", 4, "roi", true);
		assertCancelled(KMeansCommand.class,
			"K-means: chelsea.png: 8-bit colour images are not supported: convert to RGB first (Image > Type > RGB Color)", indexed,
			"colors", 4);
		assertCancelled(KMeansCommand.class, "K-means: no pixels: the image has no pixels", empty, "colors", 4);
		assertCancelled(KMeansCommand.class, "K-means: camera.png: colors must be between 1 and 256, not 257", camera, "colors",
			257);
		assertCancelled(KMeansCommand.class, "K-means: camera.png: colors must be between 1 and 256, not -2", camera, "colors", -2);
	}

	@Test
	void codebooksThatDoNotFitCancelApplyAndReconstruct() throws Exception {
		final ImagePlusQuantizer.Result rgb = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).build(),
			IJ.openImage(Pixels.sample("chelsea.png").toString()), false, false, Progress.NONE);
		final Path rgbLabels = dir.resolve("chelsea-labels.tif");
		assertTrue(new FileSaver(rgb.labels()).saveAsTiff(rgbLabels.toString()));
		final Path empty = Files.createFile(dir.resolve("empty.txt"));
		final byte[] whole = Files.readAllBytes(rgbLabels);
		final Path cut = Files.write(dir.resolve("cut-labels.tif"), Arrays.copyOf(whole, 200));
		final ImagePlus camera = IJ.openImage(Pixels.sample("camera.png").toString());

		assertCancelled(ApplyCodebookCommand.class, "Apply codebook: the codebook has 3 channels but 'camera.png' has 1",
			camera, "codebook", rgbLabels.toString());
		assertCancelled(ApplyCodebookCommand.class, "Apply codebook: camera.png: no k-means codebook in empty.txt", camera,
			"codebook", empty.toString());
		// a cut label TIFF is refused by its structure before ImageJ reads it, naming it
		assertCancelled(ApplyCodebookCommand.class, "Apply codebook: camera.png: cannot read codebook cut-labels.tif: corrupt " +
			"TIFF file (tag 320 of page 1 claims 768 values, more than the file holds)", camera, "codebook", cut
				.toString());

		final ByteProcessor beyond = new ByteProcessor(8, 3);
		for (int i = 0; i < 24; i++)
			beyond.set(i, i == 13 ? 9 : i % 4);
		assertCancelled(ReconstructCommand.class, "Reconstruct: labels: label 9 has no entry in the codebook (it has 4)",
			new ImagePlus("labels", beyond), "codebook", rgbLabels.toString());
		assertCancelled(ReconstructCommand.class, "Reconstruct: 16-bit: a label image must be 8-bit", new ImagePlus("16-bit",
			new ShortProcessor(8, 3)), "codebook", rgbLabels.toString());
		assertCancelled(ReconstructCommand.class,
			"Reconstruct: 'camera.png' holds no k-means codebook: it is not a label image made by K-means", camera,
			"codebook", "");
	}

	/** Running out of memory and a bug cancel the command with one line naming the image, no Java text. */
	@Test
	void outOfMemoryAndBugsCancelWithOneLine() {
		final ImagePlus imp = new ImagePlus("big", new ByteProcessor(4, 4));
		try (Context context = new Context(StatusService.class, LogService.class)) {
			final StatusService status = context.getService(StatusService.class);
			final LogService log = context.getService(LogService.class);
			final Map<Throwable, String> expected = new LinkedHashMap<>();
			expected.put(new OutOfMemoryError("Java heap space"), "K-means: big: not enough memory for this image");
			expected.put(new NullPointerException("\"imp\" is null"), "K-means: big: an internal error of KMeans " +
				"Quantize (please report it with this image)");
			for (final Map.Entry<Throwable, String> e : expected.entrySet()) {
				final KMeansCommand command = new KMeansCommand();
				final boolean[] used = { false };
				CommandSupport.run(command, status, log, "K-means", imp, progress -> {
					if (e.getKey() instanceof Error) throw (Error) e.getKey();
					throw (RuntimeException) e.getKey();
				}, result -> used[0] = true);
				assertTrue(command.isCanceled());
				assertTrue(command.getCancelReason().startsWith(e.getValue()), command.getCancelReason());
				assertFalse(command.getCancelReason().matches(".*(Exception|Error|java\\.|\\n).*"), command
					.getCancelReason());
				assertFalse(used[0], "no result to use");
			}
		}
	}

	/** The quality curve's CSV never replaces the file the image came from. */
	@Test
	void aCurveCsvNamingTheImagesOwnFileIsRefused() throws Exception {
		final Path photo = Files.copy(Pixels.sample("camera.png"), dir.resolve("camera.png"));
		final byte[] before = Files.readAllBytes(photo);
		final ImagePlus imp = IJ.openImage(photo.toString());
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = (CommandModule) context.getService(CommandService.class).run(
				QualityCurveCommand.class, true, "imp", imp, "seed", 1L, "target_psnr", 0.0, "roi", false, "csv", dir
					.resolve(".").resolve("camera.png").toString()).get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason().startsWith("K-means quality curve: "), m.getCancelReason());
			assertTrue(m.getCancelReason().contains("camera.png"), m.getCancelReason());
		}
		assertArrayEquals(before, Files.readAllBytes(photo));
	}

	@Test
	void aCodebookOfAnotherRangeCancelsApplyAndReconstructUnlessForced() throws Exception {
		// the case: an 8-bit RGB codebook on the 16-bit 3-channel (12-bit data) BBBC022 image
		final ImagePlusQuantizer.Result rgb = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).build(),
			IJ.openImage(Pixels.sample("chelsea.png").toString()), false, false, Progress.NONE);
		final Path rgbLabels = dir.resolve("chelsea-labels.tif");
		assertTrue(new FileSaver(rgb.labels()).saveAsTiff(rgbLabels.toString()));
		final ImagePlus fluo = IJ.openImage(Pixels.sample("IXMtest_A02_s9.tif").toString());
		assertCancelled(ApplyCodebookCommand.class, "Apply codebook: the codebook holds 8-bit integers (0-255) but " +
			"'IXMtest_A02_s9.tif' holds 16-bit integers (0-65535); add force=true to use it anyway", fluo, "codebook",
			rgbLabels.toString());
		final ImagePlus fluoLabels = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4).build(), fluo,
			false, false, Progress.NONE).labels();
		fluoLabels.setTitle("fluo-labels");
		assertCancelled(ReconstructCommand.class, "Reconstruct: the codebook holds 8-bit integers (0-255) but the " +
			"codebook of 'fluo-labels' holds 16-bit integers (0-65535); add force=true to use it anyway", fluoLabels,
			"codebook", rgbLabels.toString());
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandService commands = context.getService(CommandService.class);
			final CommandModule apply = (CommandModule) commands.run(ApplyCodebookCommand.class, true, "imp", fluo,
				"codebook", rgbLabels.toString(), "force", true).get();
			assertFalse(apply.isCanceled(), apply.getCancelReason());
			assertArrayEquals(Pixels.labels(ImagePlusQuantizer.apply(rgb.codebook(), fluo, true, Progress.NONE)
				.labels()), Pixels.labels((ImagePlus) apply.getOutput("labels")));
			final CommandModule rebuild = (CommandModule) commands.run(ReconstructCommand.class, true, "imp",
				fluoLabels, "codebook", rgbLabels.toString(), "force", true).get();
			assertFalse(rebuild.isCanceled(), rebuild.getCancelReason());
			assertEquals(ImagePlus.COLOR_RGB, ((ImagePlus) rebuild.getOutput("reconstruction")).getType());
		}
	}

	@Test
	void fewerEntriesThanColoursIsAResultWithANote() throws Exception {
		final ByteProcessor ip = new ByteProcessor(12, 5);
		for (int i = 0; i < 60; i++)
			ip.set(i, 50 * (i % 3));
		final ImagePlus levels = new ImagePlus("levels", ip);
		try (Context context = new Context(CommandService.class, StatusService.class, EventService.class,
			LogService.class))
		{
			final StatusLog status = new StatusLog();
			context.getService(EventService.class).subscribe(status);
			final List<String> logged = new ArrayList<>();
			context.getService(LogService.class).addLogListener(m -> logged.add(m.text()));
			final CommandModule m = (CommandModule) context.getService(CommandService.class).run(KMeansCommand.class,
				true, "imp", levels, "colors", 16).get();
			assertFalse(m.isCanceled(), m.getCancelReason());
			assertNotNull(m.getOutput("labels"));
			final String note = "K-means: note: the image has only 3 distinct values; 3 of 16 entries used";
			assertTrue(logged.contains(note), logged.toString());
			// status events are delivered later, in no fixed order
			final List<String> shown = status.await(note, "Command finished: K-means");
			assertTrue(shown.contains(note), shown.toString());
		}
	}

	/**
	 * Runs a command on a copy-checked image and checks that it was cancelled with that reason, set
	 * no output, showed nothing and left the image's pixels as they were.
	 */
	private static void assertCancelled(final Class<? extends Command> command, final String reason,
		final ImagePlus imp, final Object... options) throws Exception
	{
		final double[][] before = imp.getWidth() == 0 ? null : Pixels.values(imp);
		final Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("imp", imp);
		for (int i = 0; i < options.length; i += 2)
			inputs.put((String) options[i], options[i + 1]);
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = (CommandModule) context.getService(CommandService.class).run(command, true, inputs)
				.get();
			assertTrue(m.isCanceled(), command.getSimpleName() + " on " + imp.getTitle() + " was not cancelled");
			assertEquals(reason, m.getCancelReason());
			for (final String output : m.getOutputs().keySet())
				assertNull(m.getOutput(output), output + " is set");
		}
		assertEquals(0, WindowManager.getImageCount(), "nothing shown");
		if (before != null) assertArrayEquals(before, Pixels.values(imp), "the input is unchanged");
	}

	/** Collects the status bar's messages. */
	public static final class StatusLog {

		private final List<String> messages = new ArrayList<>();

		/** @param e a status event */
		@EventHandler
		public synchronized void onStatus(final StatusEvent e) {
			if (e.getStatusMessage() != null && !e.getStatusMessage().isEmpty()) messages.add(e.getStatusMessage());
			notifyAll();
		}

		/** @return the messages so far, once all these have been shown (or after 10 s) */
		synchronized List<String> await(final String... expected) throws InterruptedException {
			final long end = System.currentTimeMillis() + 10_000;
			while (!messages.containsAll(Arrays.asList(expected)) && System.currentTimeMillis() < end)
				wait(100);
			return new ArrayList<>(messages);
		}
	}
}
