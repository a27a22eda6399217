package org.kmeansquantize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.batch.FolderCodec;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.SharedTraining;

/**
 * Training on Spark equals {@link SharedTraining#train} on one machine, bit for bit, whatever the
 * number of partitions: the merges are exact and the driver runs the same loop.
 */
class SparkTrainingTest {

	@TempDir
	Path tmp;

	@Test
	void codebookEqualsTheSingleMachineTrainingForAnyPartitioning() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		Datasets.grey16(in, 32, 24, 40, 4, 5, 6, 3);
		final List<Path> files = ImageFolder.list(in.toString());
		final QuantizeSettings settings = QuantizeSettings.builder().colors(5).seed(9).build();
		final Codebook expected = SharedTraining.train(settings, images(files), Progress.NONE);
		final SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("test").set("spark.ui.enabled",
			"false");
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			for (final int partitions : new int[] { 1, 3, 50 }) {
				final Map<String, Object> summary = QuantizeJob.run(sc, Storage.list(in.toString(), null), tmp.resolve("out" +
					partitions).toString(), settings, FolderCodec.OutputFormat.TIFF, partitions, 1L << 30).values();
				final Codebook actual = CodebookFormat.parse(new String(Files.readAllBytes(tmp.resolve("out" + partitions)
					.resolve(Summary.CODEBOOK_TEXT))));
				assertEquals(CodebookFormat.format(expected), CodebookFormat.format(actual), "partitions " + partitions);
				assertEquals(5, ((Number) summary.get("entries")).intValue());
				assertEquals(0, ((Number) summary.get("failed")).intValue());
			}
		}
	}

	private static List<SharedTraining.Image> images(final List<Path> files) {
		final List<SharedTraining.Image> images = new ArrayList<>();
		for (final Path f : files)
			images.add(new SharedTraining.Image() {

				@Override
				public long[] pixelDimensions() {
					return open().pixelDimensions();
				}

				@Override
				public PixelSource open() {
					try {
						return ImageFiles.read(f).pixels();
					}
					catch (final IOException e) {
						throw new UncheckedIOException(e);
					}
				}
			});
		return images;
	}
}
