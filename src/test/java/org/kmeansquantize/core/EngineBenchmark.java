package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.kmeansquantize.io.ImagePlusPixels;

/**
 * The engine's phases on a 16-megapixel RGB photo-like image (mirror-tiled gradients with noise),
 * held as an ImgLib2 {@code ArrayImg} or as an ImageJ {@code ImagePlus}, on 1 and 2 threads:
 * distinct-colour counting and sampling, mini-batch k-means, one exact refinement pass, and the
 * assignment pass; beside them, a pass that only reads every pixel once (the memory-bandwidth floor
 * of this machine). Run with {@code bench/jmh.sh}; it measures, it does not assert.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xmx2g" })
public class EngineBenchmark {

	/** Image width and height. */
	private static final int W = 4096, H = 4096;

	/** How the image is held. */
	@Param({ "ArrayImg", "ImagePlus" })
	public String backing;

	/** Threads the engine may use. */
	@Param({ "1", "2" })
	public int threads;

	/** Codebook entries. */
	@Param({ "128" })
	public int colors;

	private int[] argb;
	private PixelSource source;
	private TrainingSet set;
	private float[] sample;
	private double[] centres;
	private Codebook codebook;
	private PlanarImg<UnsignedByteType, ByteArray> labels;

	/** Builds the image, trains once, and keeps what the phases start from. */
	@Setup(Level.Trial)
	public void setUp() {
		argb = new int[W * H];
		final SplittableRandom rnd = new SplittableRandom(1);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				final int tx = (x / 512) % 2 == 0 ? x % 512 : 511 - x % 512;
				final int ty = (y / 512) % 2 == 0 ? y % 512 : 511 - y % 512;
				final int r = Math.min(255, tx / 2 + rnd.nextInt(8)), g = Math.min(255, ty / 2 + rnd.nextInt(8));
				final int b = (tx * ty / 1024 + rnd.nextInt(8)) & 0xff;
				argb[y * W + x] = 0xff000000 | r << 16 | g << 8 | b;
			}
		if (backing.equals("ImagePlus")) source = ImagePlusPixels.pixels(new ImagePlus("bench", new ColorProcessor(W,
			H, argb)));
		else source = PixelSource.ofArgb(ArrayImgs.argbs(argb, W, H), false);
		final QuantizeSettings s = QuantizeSettings.builder().colors(colors).build();
		set = run(() -> KMeansQuantizerAccess.prepare(s, source));
		sample = set.sample(Math.max(1 << 16, 256 * colors), new SplittableRandom(2));
		centres = KMeansPlusPlus.seed(sample, null, Math.min(sample.length / 3, 32 * colors), 3, colors,
			new SplittableRandom(3));
		codebook = run(() -> KMeansQuantizer.train(s, source, null, Progress.NONE));
		final List<ByteArray> planes = new ArrayList<>();
		planes.add(new ByteArray(new byte[W * H]));
		labels = new PlanarImg<>(planes, source.pixelDimensions(), new Fraction());
		labels.setLinkedType(new UnsignedByteType(labels));
	}

	private <T> T run(final java.util.concurrent.Callable<T> c) {
		return Parallelization.runWithNumThreads(threads, c);
	}

	/** @return the sum of all pixels, read once: the memory-bandwidth floor */
	@Benchmark
	public long readEveryPixelOnce() {
		return run(() -> {
			final int n = argb.length, parts = threads;
			final List<Integer> chunks = new ArrayList<>();
			for (int i = 0; i < parts; i++)
				chunks.add(i);
			long sum = 0;
			for (final long s : Parallelization.getTaskExecutor().forEachApply(chunks, i -> {
				long t = 0;
				for (int p = (int) ((long) n * i / parts), end = (int) ((long) n * (i + 1) / parts); p < end; p++)
					t += argb[p] & 0xff;
				return t;
			}))
				sum += s;
			return sum;
		});
	}

	/** @return the training set: distinct colours counted over all pixels */
	@Benchmark
	public TrainingSet countingAndSampling() {
		return run(() -> KMeansQuantizerAccess.prepare(QuantizeSettings.builder().colors(colors).build(), source));
	}

	/** @param bh sink */
	@Benchmark
	public void miniBatch(final Blackhole bh) {
		final double[] c = centres.clone();
		MiniBatchKMeans.run(c, colors, sample, sample.length / 3, 3, QuantizeSettings.DEFAULT_BATCH,
			QuantizeSettings.DEFAULT_ITERATIONS, new SplittableRandom(4), Progress.NONE);
		bh.consume(c);
	}

	/** @return one exact Lloyd pass over the distinct colours, without bounds */
	@Benchmark
	public TrainingSet.Partial refinementPass() {
		return run(() -> set.lloyd(centres, colors, Progress.NONE));
	}

	/** @return the assignment pass writing 8-bit labels */
	@Benchmark
	public Assignment assignment() {
		return run(() -> KMeansQuantizer.assign(codebook, source, labels, Progress.NONE));
	}

	/** @return the whole engine: training and assignment */
	@Benchmark
	public Assignment trainAndAssign() {
		return run(() -> KMeansQuantizer.assign(KMeansQuantizer.train(QuantizeSettings.builder().colors(colors)
			.build(), source, null, Progress.NONE), source, labels, Progress.NONE));
	}
}
