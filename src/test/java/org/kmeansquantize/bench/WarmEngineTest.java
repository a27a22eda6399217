package org.kmeansquantize.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.ImageFiles;

/**
 * The warm-engine harness runs what {@code compress --colors K} runs: on the bundled samples its
 * MSE and codebook size are the command line's, to the last bit.
 */
class WarmEngineTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource({ "chelsea.png, 16", "camera.png, 64" })
	void measuresWhatTheCommandLineComputes(final String name, final int k) throws IOException {
		final Path in = Paths.get("samples", name);
		final Report r = FileCodec.compress(in, dir.resolve("out.png"), QuantizeSettings.builder().colors(k).build(),
			Progress.NONE);
		final WarmEngine.Timing t = WarmEngine.measure(ImageFiles.read(in), k, 0, 2);
		assertEquals((Double) r.get(ReportField.MSE), t.mse(), 0.0);
		assertEquals(r.get(ReportField.ENTRIES), t.entries());
		assertEquals(k, t.k());
		assertTrue(t.minSeconds() > 0 && t.minSeconds() <= t.medianSeconds(), t.minSeconds() + " " + t
			.medianSeconds());
	}

	@Test
	void refusesNoMeasuredRun() throws IOException {
		assertThrows(IllegalArgumentException.class, () -> WarmEngine.measure(ImageFiles.read(Paths.get(
			"samples/camera.png")), 16, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> WarmEngine.measure(ImageFiles.read(Paths.get(
			"samples/camera.png")), 16, 0, -1.0, 1));
	}
}
