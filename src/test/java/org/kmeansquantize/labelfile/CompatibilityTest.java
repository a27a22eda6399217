package org.kmeansquantize.labelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.Progress;

/**
 * Label files written by format version 1 (src/test/resources/fixtures/v1) still decompress to
 * exactly what version 1 reconstructed.
 */
class CompatibilityTest {

	private static final Path FIXTURES = Paths.get("src/test/resources/fixtures/v1");

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource({ "rgba-k6.labels.png, rgba-k6.recon.png, rgba, 6, 1", "hyperstack-k5.labels.tif, " +
		"hyperstack-k5.recon.tif, gray16, 5, 3" })
	void version1FilesDecompressAsBefore(final String labels, final String recon, final String type, final int k,
		final int slices) throws IOException
	{
		final Path out = dir.resolve(recon);
		final Report r = FileCodec.decompress(FIXTURES.resolve(labels), out, Progress.NONE);
		assertEquals(type, r.get(ReportField.TYPE));
		assertEquals(k, r.get(ReportField.ENTRIES));
		assertEquals(slices, r.get(ReportField.SLICES));
		final InputImage now = ImageFiles.read(out), then = ImageFiles.read(FIXTURES.resolve(recon));
		assertEquals(then.layout(), now.layout());
		final int n = (int) now.pixels().size() * now.pixels().channels();
		final float[] a = new float[n], b = new float[n];
		then.pixels().reader().read(0, (int) now.pixels().size(), a);
		now.pixels().reader().read(0, (int) now.pixels().size(), b);
		assertArrayEquals(a, b);
		assertEquals(Files.size(FIXTURES.resolve(labels)), r.get(ReportField.INPUT_BYTES));
	}
}
