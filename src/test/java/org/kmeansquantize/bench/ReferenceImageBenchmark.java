package org.kmeansquantize.bench;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

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

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.io.ImageFiles;

/**
 * The whole engine (training and assignment, as {@code compress --colors K} runs them on a single
 * file, {@link WarmEngine#trainAndAssign}) on a real image file at the performance issue's k
 * values, warm. By default the bundled RGB photo; other files with {@code -p image=PATH,PATH},
 * e.g. {@code bench/jmh.sh ReferenceImageBenchmark -p image=../shared/images/coffee.png}.
 * Relative paths are from the project folder, where {@code bench/jmh.sh} runs. It measures, it
 * does not assert.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceImageBenchmark {

	/** The image file. */
	@Param({ "samples/chelsea.png" })
	public String image;

	/** Codebook entries. */
	@Param({ "16", "64", "256" })
	public int colors;

	private InputImage input;
	private QuantizeSettings settings;

	/**
	 * Reads the image once.
	 *
	 * @throws IOException if it cannot be read
	 */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		input = ImageFiles.read(Paths.get(image));
		settings = QuantizeSettings.builder().colors(colors).build();
	}

	/** @return the assignment of a freshly trained codebook */
	@Benchmark
	public Assignment trainAndAssign() {
		return WarmEngine.trainAndAssign(input, settings);
	}
}
