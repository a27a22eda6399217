package org.kmeansquantize.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.testing.TestImages;

/**
 * Several quantizations at once in one JVM, as a script or a Fiji user running macros in parallel
 * would start them, give byte for byte what they give one at a time: file to file (compress and
 * decompress, label PNG and label TIFF, a failing input among them) and on ImageJ images.
 */
class ConcurrencyTest {

	private static final int THREADS = 6;

	@TempDir
	Path dir;

	@Test
	void filesCompressedAtOnceAreTheFilesCompressedOneAtATime() throws Exception {
		final Path[] inputs = { Paths.get("samples/chelsea.png"), Paths.get("samples/camera.png"), Paths.get(
			"samples/xyzc_16bit__spots.tif"), Paths.get("samples/xy_float__h2b_bg_corr.tif"), TestImages.rgbaPng(dir),
			TestImages.grey16Png(dir), Files.createFile(dir.resolve("empty.png")) };
		final String[] labelExt = { "png", "tif", "tif", "tif", "png", "tif", "png" };
		final String[] reconExt = { "png", "png", "tif", "tif", "png", "png", "png" };
		final Path one = Files.createDirectory(dir.resolve("one at a time"));
		final Path all = Files.createDirectory(dir.resolve("all at once"));
		final List<String> sequential = new ArrayList<>();
		for (int i = 0; i < inputs.length; i++)
			sequential.add(roundTrip(inputs[i], one, i, labelExt[i], reconExt[i]));
		final List<Callable<String>> jobs = new ArrayList<>();
		// every input twice, so that the same file is also read by two threads at once
		for (int round = 0; round < 2; round++)
			for (int i = 0; i < inputs.length; i++) {
				final int n = i, copy = round;
				jobs.add(() -> roundTrip(inputs[n], all, copy * inputs.length + n, labelExt[n], reconExt[n]));
			}
		final List<String> parallel = runAll(jobs);
		for (int i = 0; i < jobs.size(); i++) {
			final int n = i % inputs.length;
			assertEquals(sequential.get(n), parallel.get(i), inputs[n] + ": the same outcome");
			if (sequential.get(n) != null) continue;
			for (final String part : new String[] { "labels." + labelExt[n], "recon." + reconExt[n] })
				assertArrayEquals(Files.readAllBytes(one.resolve(n + "-" + part)), Files.readAllBytes(all.resolve(i +
					"-" + part)), inputs[n] + " " + part);
		}
	}

	@Test
	void imagesQuantizedAtOnceAreTheImagesQuantizedOneAtATime() throws Exception {
		final String[] samples = { "chelsea.png", "camera.png", "xyzc_16bit__spots.tif",
			"xy_float__h2b_bg_corr.tif" };
		final QuantizeSettings settings = QuantizeSettings.builder().colors(12).seed(5).build();
		final List<ImagePlus> images = new ArrayList<>();
		final List<ImagePlusQuantizer.Result> sequential = new ArrayList<>();
		for (final String s : samples) {
			final ImagePlus imp = IJ.openImage(Pixels.sample(s).toString());
			images.add(imp);
			sequential.add(ImagePlusQuantizer.quantize(settings, imp, false, true, Progress.NONE));
		}
		final List<Callable<ImagePlusQuantizer.Result>> jobs = new ArrayList<>();
		for (int round = 0; round < 2; round++)
			for (final ImagePlus imp : images)
				jobs.add(() -> ImagePlusQuantizer.quantize(settings, imp, false, true, Progress.NONE));
		final List<ImagePlusQuantizer.Result> parallel = runAll(jobs);
		for (int i = 0; i < jobs.size(); i++) {
			final ImagePlusQuantizer.Result s = sequential.get(i % samples.length), p = parallel.get(i);
			final String what = samples[i % samples.length];
			assertEquals(s.codebook(), p.codebook(), what);
			assertArrayEquals(Pixels.labels(s.labels()), Pixels.labels(p.labels()), what);
			assertArrayEquals(Pixels.values(s.reconstruction()), Pixels.values(p.reconstruction()), what);
			assertEquals(s.labels().getProperty("Info"), p.labels().getProperty("Info"), what);
		}
	}

	/**
	 * Compresses and decompresses into {@code out} as {@code n-labels.ext} and {@code n-recon.ext}.
	 *
	 * @return null on success, else the failure's message
	 */
	private static String roundTrip(final Path in, final Path out, final int n, final String labelExt,
		final String reconExt)
	{
		try {
			final Path labels = out.resolve(n + "-labels." + labelExt);
			FileCodec.compress(in, labels, QuantizeSettings.builder().colors(10).seed(3).build(), Progress.NONE);
			FileCodec.decompress(labels, out.resolve(n + "-recon." + reconExt), Progress.NONE);
			return null;
		}
		catch (final IOException e) {
			return e.getMessage();
		}
	}

	/** Runs the jobs on {@value #THREADS} threads, all started together; returns their results in order. */
	private static <T> List<T> runAll(final List<Callable<T>> jobs) throws InterruptedException,
		ExecutionException
	{
		final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			final List<Future<T>> futures = pool.invokeAll(jobs);
			final List<T> results = new ArrayList<>();
			for (final Future<T> f : futures)
				results.add(f.get());
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
