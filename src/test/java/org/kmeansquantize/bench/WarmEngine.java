package org.kmeansquantize.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kmeansquantize.batch.Report;
import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.TrainedCodebook;
import org.kmeansquantize.core.Threads;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.labelfile.LabelImage;

/**
 * The engine's time in a warm JVM, as in Fiji: for every image and k, training and assignment as
 * {@code compress IN -o OUT.png --colors K} runs them on a single file (default settings and
 * seed, labels allocated as the command line allocates them), {@code W} times and for at least
 * {@code S} seconds to warm up, and then {@code R} times measured. Each image is read once, with {@link ImageFiles#read}; reading and
 * writing files are not timed. Prints one JSON line per case: image, k, median and minimum
 * seconds of the measured runs, the MSE (the command line's {@code mse} for the same image and k)
 * and the codebook's entries. A benchmark, not a test: it measures, it does not assert.
 * <p>
 * {@code java -cp CLASSPATH org.kmeansquantize.bench.WarmEngine [--warmup W] [--warmup-seconds S]
 * [--runs R] [--k 16,64,256] IMAGE...}, with the test class path as {@code bench/jmh.sh} builds it (or
 * {@code bench/warm.sh}, which builds it and runs this). An image that cannot be read gets a line
 * {@code {"image": ..., "error": ...}} instead, and the exit status is 1.
 * </p>
 */
public final class WarmEngine {

	/** Warm-up runs per case unless {@code --warmup} says otherwise. */
	public static final int DEFAULT_WARMUP = 3;

	/** Measured runs per case unless {@code --runs} says otherwise. */
	public static final int DEFAULT_RUNS = 5;

	private static final String USAGE =
		"usage: WarmEngine [--warmup W] [--warmup-seconds S] [--runs R] [--k 16,64,256] IMAGE...";

	private WarmEngine() {}

	/** What the measured runs of one image at one k gave. */
	public static final class Timing {

		private final int k;
		private final double medianSeconds, minSeconds, mse;
		private final int entries;

		Timing(final int k, final double[] seconds, final double mse, final int entries) {
			this.k = k;
			final double[] s = seconds.clone();
			Arrays.sort(s);
			final int n = s.length;
			this.medianSeconds = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
			this.minSeconds = s[0];
			this.mse = mse;
			this.entries = entries;
		}

		/** @return the codebook size asked for */
		public int k() {
			return k;
		}

		/** @return the median of the measured runs' training and assignment, in seconds */
		public double medianSeconds() {
			return medianSeconds;
		}

		/** @return the fastest measured run, in seconds */
		public double minSeconds() {
			return minSeconds;
		}

		/** @return the assignment's mean squared error (every run gives the same: the seed is fixed) */
		public double mse() {
			return mse;
		}

		/** @return the codebook's entries */
		public int entries() {
			return entries;
		}
	}

	/**
	 * Trains and assigns {@code warmup + runs} times, each as {@link #trainAndAssign} does.
	 *
	 * @param image the image, read once
	 * @param k the codebook size, {@code --colors}
	 * @param warmup runs before the measured ones, at least 0
	 * @param runs measured runs, at least 1
	 * @return the measured times and the result
	 * @throws IllegalArgumentException if the counts are out of range or the engine refuses the image
	 */
	public static Timing measure(final InputImage image, final int k, final int warmup, final int runs) {
		return measure(image, k, warmup, 0, runs);
	}

	/**
	 * Trains and assigns as {@link #measure(InputImage, int, int, int)} does, with warm-up runs
	 * until both {@code warmup} runs and {@code warmupSeconds} seconds are done (as JMH warms up for
	 * a time): a fast case needs more runs than a slow one before the JIT has compiled its code.
	 *
	 * @param warmupSeconds least time spent warming up, at least 0
	 * @return the measured times and the result
	 */
	public static Timing measure(final InputImage image, final int k, final int warmup, final double warmupSeconds,
		final int runs)
	{
		if (warmup < 0 || runs < 1 || !(warmupSeconds >= 0)) throw new IllegalArgumentException(
			"warm-up runs and seconds must be at least 0 and measured runs at least 1, not " + warmup + ", " +
				warmupSeconds + " and " + runs);
		final QuantizeSettings settings = QuantizeSettings.builder().colors(k).build();
		final double[] seconds = new double[runs];
		Assignment a = null;
		final long warmStart = System.nanoTime();
		for (int i = 0; i < warmup || System.nanoTime() - warmStart < warmupSeconds * 1e9; i++)
			a = trainAndAssign(image, settings);
		for (int i = 0; i < runs; i++) {
			final long start = System.nanoTime();
			a = trainAndAssign(image, settings);
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		return new Timing(k, seconds, a.finiteSamples() == 0 ? Double.NaN : a.sumSquaredError() / a
			.finiteSamples(), a.counts().length);
	}

	/**
	 * What {@code compress} does between reading and writing a single file with RGB distances and
	 * no dithering: learns a codebook, allocates the labels, assigns every pixel, on a pool of as
	 * many threads as processors (as the command line, and Fiji with ImageJ's default thread count).
	 *
	 * @param image the image
	 * @param settings the engine's settings
	 * @return the assignment: pixels per entry (one count per codebook entry) and the error
	 * @throws IllegalArgumentException if the engine refuses the image
	 */
	public static Assignment trainAndAssign(final InputImage image, final QuantizeSettings settings) {
		return Threads.call(Threads.processors(), () -> {
			final TrainedCodebook cb = KMeansQuantizer.learn(settings, image.pixels(), null, Progress.NONE);
			final LabelImage labels = LabelImage.allocate(image.layout(), cb.codebook());
			return cb.assign(labels.labels(), Progress.NONE);
		});
	}

	/**
	 * Measures every image at every k and prints one JSON line per case on stdout.
	 *
	 * @param args options and image files, see the class description
	 */
	public static void main(final String[] args) {
		final Options o;
		try {
			o = Options.parse(args);
		}
		catch (final IllegalArgumentException e) {
			System.err.println(e.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		System.exit(run(o, System.out) ? 0 : 1);
	}

	/** @return whether every image was read and measured */
	private static boolean run(final Options o, final PrintStream out) {
		boolean ok = true;
		for (final Path file : o.images) {
			final String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
			final InputImage image;
			try {
				image = ImageFiles.read(file);
			}
			catch (final IOException e) {
				out.println(Report.json(line(name, "error", e.getMessage())));
				ok = false;
				continue;
			}
			for (final int k : o.ks) {
				try {
					final Timing t = measure(image, k, o.warmup, o.warmupSeconds, o.runs);
					final Map<String, Object> m = line(name, "k", k);
					m.put("warmup", o.warmup);
					m.put("warmup_s", o.warmupSeconds);
					m.put("runs", o.runs);
					m.put("median_s", t.medianSeconds());
					m.put("min_s", t.minSeconds());
					m.put("mse", t.mse());
					m.put("entries", t.entries());
					out.println(Report.json(m));
				}
				catch (final IllegalArgumentException e) {
					final Map<String, Object> m = line(name, "k", k);
					m.put("error", file + ": " + e.getMessage());
					out.println(Report.json(m));
					ok = false;
				}
				out.flush();
			}
		}
		return ok;
	}

	private static Map<String, Object> line(final String image, final String key, final Object value) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("image", image);
		m.put(key, value);
		return m;
	}

	/** The command line's options. */
	private static final class Options {

		int warmup = DEFAULT_WARMUP, runs = DEFAULT_RUNS;
		double warmupSeconds;
		int[] ks = { 16, 64, 256 };
		final List<Path> images = new ArrayList<>();

		static Options parse(final String[] args) {
			final Options o = new Options();
			for (int i = 0; i < args.length; i++) {
				final String a = args[i];
				if (a.equals("--warmup") || a.equals("--warmup-seconds") || a.equals("--runs") || a.equals("--k")) {
					if (i + 1 == args.length) throw new IllegalArgumentException(a + " needs a value");
					final String v = args[++i];
					try {
						if (a.equals("--warmup")) o.warmup = Integer.parseInt(v);
						else if (a.equals("--warmup-seconds")) o.warmupSeconds = Double.parseDouble(v);
						else if (a.equals("--runs")) o.runs = Integer.parseInt(v);
						else o.ks = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
					}
					catch (final NumberFormatException e) {
						throw new IllegalArgumentException(a + " needs whole numbers, not " + v);
					}
				}
				else if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a);
				else o.images.add(Paths.get(a));
			}
			if (o.warmup < 0 || o.runs < 1) throw new IllegalArgumentException(
				"--warmup must be at least 0 and --runs at least 1");
			if (o.ks.length == 0 || Arrays.stream(o.ks).anyMatch(k -> k < QuantizeSettings.MIN_COLORS ||
				k > QuantizeSettings.MAX_COLORS)) throw new IllegalArgumentException("--k needs values from " +
					QuantizeSettings.MIN_COLORS + " to " + QuantizeSettings.MAX_COLORS);
			if (o.images.isEmpty()) throw new IllegalArgumentException("no image given");
			return o;
		}
	}
}
