package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
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

import org.kmeansquantize.io.ImagePlusPixels;

/**
 * The assignment pass of a 16-megapixel 8- or 16-bit grey ImageJ image (a smooth gradient with
 * noise, 16 levels), on 1 and 2 threads, beside a pass that only reads every pixel once (the
 * memory-bandwidth floor for that pixel type). Run with
 * {@code bench/jmh.sh GreyAssignmentBenchmark}; it measures, it does not assert.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xmx2g" })
public class GreyAssignmentBenchmark {

	private static final int W = 4096, H = 4096;

	/** Bits per pixel: 8 or 16. */
	@Param({ "8", "16" })
	public int bits;

	/** Threads the engine may use. */
	@Param({ "1", "2" })
	public int threads;

	private Object pixels;
	private PixelSource source;
	private Codebook codebook;
	private PlanarImg<UnsignedByteType, ByteArray> labels;

	/** Builds the image and trains once. */
	@Setup(Level.Trial)
	public void setUp() {
		final SplittableRandom rnd = new SplittableRandom(1);
		final ImagePlus imp;
		if (bits == 8) {
			final byte[] p = new byte[W * H];
			for (int i = 0; i < p.length; i++)
				p[i] = (byte) Math.min(255, (i % W) * 240 / W + rnd.nextInt(16));
			pixels = p;
			imp = new ImagePlus("grey8", new ByteProcessor(W, H, p));
		}
		else {
			final short[] p = new short[W * H];
			for (int i = 0; i < p.length; i++)
				p[i] = (short) ((i % W) * 60000 / W + rnd.nextInt(4096));
			pixels = p;
			imp = new ImagePlus("grey16", new ShortProcessor(W, H, p, null));
		}
		source = ImagePlusPixels.pixels(imp);
		codebook = Parallelization.runWithNumThreads(threads, () -> KMeansQuantizer.train(QuantizeSettings.builder()
			.colors(16).build(), source, null, Progress.NONE));
		final List<ByteArray> planes = new ArrayList<>();
		planes.add(new ByteArray(new byte[W * H]));
		labels = new PlanarImg<>(planes, source.pixelDimensions(), new Fraction());
		labels.setLinkedType(new UnsignedByteType(labels));
	}

	/** @return the sum of all pixels, read once on the benchmark's threads: the floor */
	@Benchmark
	public long readEveryPixelOnce() {
		return Parallelization.runWithNumThreads(threads, () -> {
			final int n = W * H, parts = threads;
			final List<Integer> chunks = new ArrayList<>();
			for (int i = 0; i < parts; i++)
				chunks.add(i);
			long sum = 0;
			for (final long s : Parallelization.getTaskExecutor().forEachApply(chunks, i -> {
				long t = 0;
				final int from = (int) ((long) n * i / parts), to = (int) ((long) n * (i + 1) / parts);
				if (pixels instanceof byte[]) {
					final byte[] p = (byte[]) pixels;
					for (int q = from; q < to; q++)
						t += p[q] & 0xff;
				}
				else {
					final short[] p = (short[]) pixels;
					for (int q = from; q < to; q++)
						t += p[q] & 0xffff;
				}
				return t;
			}))
				sum += s;
			return sum;
		});
	}

	/** @return the assignment pass writing 8-bit labels */
	@Benchmark
	public Assignment assignment() {
		return Parallelization.runWithNumThreads(threads, () -> KMeansQuantizer.assign(codebook, source, labels,
			Progress.NONE));
	}
}
