package org.kmeansquantize.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import scala.Tuple2;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.LloydStats;
import org.kmeansquantize.core.PartSample;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SharedCodebook;
import org.kmeansquantize.core.SharedModel;
import org.kmeansquantize.core.SharedTraining;

/**
 * {@link SharedTraining}'s contract run on Spark: the sampling pass and the per-part Lloyd
 * statistics on the executors, the start, the centre updates and the stopping rule on the driver.
 * Only part samples (about {@link SharedTraining#SAMPLE} pixels in all) and one merged
 * {@link LloydStats} per Spark partition and pass reach the driver. Merging is exact, so the
 * codebook equals that of {@link SharedTraining#train} on one machine, bit for bit, however the
 * parts are spread over partitions.
 */
final class SparkTraining {

	private SparkTraining() {}

	/** The codebook and how many exact passes it took. */
	static final class Result {

		final Codebook codebook;
		final int passes;

		Result(final Codebook codebook, final int passes) {
			this.codebook = codebook;
			this.passes = passes;
		}
	}

	/**
	 * @param sc the Spark context
	 * @param images every file's pixels, cached
	 * @param firstPart per file index, the part index of its first plane (a piece's parts start at
	 *          its file's first part plus its own first)
	 * @param totalPixels N, the pixels of all files
	 * @param settings the settings
	 * @return the shared codebook
	 */
	static Result train(final JavaSparkContext sc, final JavaRDD<ImageSource> images,
		final Broadcast<long[]> firstPart, final long totalPixels, final QuantizeSettings settings)
	{
		final double p = SharedTraining.probability(totalPixels);
		final long seed = settings.seed();
		final List<PartSample> samples = images.flatMap(img -> {
			final List<PartSample> s = new ArrayList<>();
			final long first = firstPart.value()[img.file] + img.first;
			for (long q = 0; q < img.planes(); q++)
				s.add(SharedTraining.sample(img.pixels, q, first + q, seed, p));
			return s.iterator();
		}).collect();
		final SharedCodebook r = SharedTraining.refine(SharedTraining.start(settings, samples, Progress.NONE),
			settings, model -> pass(sc, images, firstPart, model));
		return new Result(r.codebook, r.passes);
	}

	/**
	 * One exact Lloyd pass over all parts: each Spark partition merges the statistics of its parts
	 * and returns them keyed by its first part; the driver merges those in part order.
	 */
	private static LloydStats pass(final JavaSparkContext sc, final JavaRDD<ImageSource> images,
		final Broadcast<long[]> firstPart, final SharedModel model)
	{
		final Broadcast<SharedModel> centres = sc.broadcast(model);
		final int k = model.centres(), nc = model.channels();
		final List<Tuple2<Long, LloydStats>> parts = new ArrayList<>(images.mapPartitions(it -> {
			final SharedModel m = centres.value();
			LloydStats s = LloydStats.empty(k, nc);
			long first = Long.MAX_VALUE;
			while (it.hasNext()) {
				final ImageSource img = it.next();
				first = Math.min(first, firstPart.value()[img.file] + img.first);
				for (long q = 0; q < img.planes(); q++)
					s = s.merge(img.stats(m, q));
			}
			return first == Long.MAX_VALUE ? Collections.emptyIterator() : Collections.singletonList(new Tuple2<>(first,
				s)).iterator();
		}).collect());
		centres.destroy();
		parts.sort(Comparator.comparingLong(Tuple2::_1));
		LloydStats total = LloydStats.empty(k, nc);
		for (final Tuple2<Long, LloydStats> s : parts)
			total = total.merge(s._2);
		return total;
	}
}
