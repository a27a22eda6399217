package org.kmeansquantize.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.storage.StorageLevel;

import org.kmeansquantize.batch.Report;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.SampleRange;

/**
 * The baseline of the README's benchmark: Spark MLlib's {@link KMeans} (k-means|| initialisation,
 * Lloyd iterations) on the same pixels as {@link QuantizeJob}, each pixel a vector of its channel
 * values, cached in memory. Prints one JSON line: the time to read the pixels, the time to train,
 * the iterations' cap, and the mean squared error per value of the reconstruction with the learned
 * centres (rounded into the pixel type, as a label image's reconstruction holds them). Measures;
 * writes nothing.
 * <p>
 * {@code java -cp kmeans-quantize-spark.jar org.kmeansquantize.spark.MllibBenchmark local[2] DIR K SEED [MAXITER]}
 * </p>
 */
public final class MllibBenchmark {

	private MllibBenchmark() {}

	/**
	 * @param args master, input folder or glob, k, seed, and optionally the iteration cap (default 100)
	 * @throws Exception if reading fails
	 */
	public static void main(final String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		final String master = args[0];
		final List<Path> files = ImageFolder.list(args[1]);
		final int k = Integer.parseInt(args[2]);
		final long seed = Long.parseLong(args[3]);
		final int maxIter = args.length > 4 ? Integer.parseInt(args[4]) : 100;
		final SparkConf conf = new SparkConf().setAppName("mllib-kmeans").setMaster(master).set("spark.ui.enabled",
			"false");
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			final List<String> paths = new ArrayList<>();
			for (final Path p : files)
				paths.add(p.toAbsolutePath().toString());
			final long start = System.nanoTime();
			final JavaRDD<Vector> pixels = sc.parallelize(paths, Math.min(paths.size(), 2 * sc.defaultParallelism()))
				.flatMap(p -> vectors(p).iterator()).persist(StorageLevel.MEMORY_ONLY());
			final long n = pixels.count();
			final long read = System.nanoTime();
			final KMeansModel model = new KMeans().setK(k).setSeed(seed).setMaxIterations(maxIter).setInitializationMode(
				KMeans.K_MEANS_PARALLEL()).run(pixels.rdd());
			final long trained = System.nanoTime();
			final SampleRange range = ImageFiles.read(files.get(0)).pixels().range();
			final Vector[] centres = model.clusterCenters();
			final double[][] fitted = new double[centres.length][];
			for (int j = 0; j < centres.length; j++) {
				fitted[j] = centres[j].toArray().clone();
				for (int c = 0; c < fitted[j].length; c++)
					fitted[j][c] = range.fit(fitted[j][c]);
			}
			final Broadcast<KMeansModel> bm = sc.broadcast(model);
			final double sse = pixels.mapToDouble(v -> {
				final double[] f = fitted[bm.value().predict(v)];
				double e = 0;
				for (int c = 0; c < f.length; c++) {
					final double d = v.apply(c) - f[c];
					e += d * d;
				}
				return e;
			}).sum();
			final int nc = centres[0].size();
			final Map<String, Object> r = new LinkedHashMap<>();
			r.put("method", "mllib-kmeans");
			r.put("k", k);
			r.put("pixels", n);
			r.put("max_iterations", maxIter);
			r.put("mse", sse / ((double) n * nc));
			r.put("cost", model.computeCost(pixels.rdd()) / ((double) n * nc));
			r.put("read_seconds", (read - start) / 1e9);
			r.put("train_seconds", (trained - read) / 1e9);
			r.put("seconds", (trained - start) / 1e9);
			System.out.println(Report.json(r));
		}
	}

	/** @return every pixel of the file as a vector of its channel values, in the engine's order */
	private static List<Vector> vectors(final String path) throws java.io.IOException {
		final PixelSource src = ImageFiles.read(Paths.get(path)).pixels();
		final int nc = src.channels();
		final long size = src.size();
		final PixelSource.Reader reader = src.reader();
		final int block = 1 << 14;
		final float[] buf = new float[block * nc];
		final List<Vector> out = new ArrayList<>((int) size);
		for (long b = 0; b < size; b += block) {
			final int m = (int) Math.min(block, size - b);
			reader.read(b, m, buf);
			for (int i = 0; i < m; i++) {
				final double[] v = new double[nc];
				for (int c = 0; c < nc; c++)
					v[c] = buf[i * nc + c];
				out.add(Vectors.dense(v));
			}
		}
		return out;
	}
}
