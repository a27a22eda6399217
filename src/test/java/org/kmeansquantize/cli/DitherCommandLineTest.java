package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.ij1.KMeansOptions;

/** {@code --dither} and {@code dither}: one setting in every front end, off by default, deterministic. */
class DitherCommandLineTest {

	@TempDir
	Path dir;

	@Test
	void ditherChangesTheLabelsNotTheCodebookAndIsDeterministic() throws IOException {
		final Path plain = dir.resolve("plain.png"), a = dir.resolve("a.png"), b = dir.resolve("b.png");
		assertEquals(0, CliRun.of("compress", "samples/chelsea.png", "-o", plain.toString(), "--colors", "8").exit);
		assertEquals(0, CliRun.of("compress", "samples/chelsea.png", "-o", a.toString(), "--colors", "8", "--dither")
			.exit);
		assertEquals(0, CliRun.of("compress", "samples/chelsea.png", "-o", b.toString(), "--colors", "8", "--dither")
			.exit);
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
		assertFalse(Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(a)));
	}

	@Test
	void everyFrontEndReadsTheSameKey() {
		assertFalse(QuantizeSettings.defaults().dither());
		assertTrue(KMeansOptions.parse("colors=8 dither").settings().dither());
		assertTrue(KMeansOptions.parse("colors=8 dither=true").settings().dither());
		assertFalse(KMeansOptions.parse("colors=8").settings().dither());
		assertTrue(QuantizeSettings.builder().dither(true).build().toString().contains(QuantizeSettings.KEY_DITHER +
			"=true"));
	}
}
