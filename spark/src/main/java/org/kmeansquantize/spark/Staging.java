package org.kmeansquantize.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The executor's scratch folders for files on a Hadoop file system that ImageJ must read or write
 * by path: created under {@code java.io.tmpdir} (on YARN, the container's own folder), deleted when
 * the file is done.
 */
final class Staging {

	private Staging() {}

	/** @return a new, empty scratch folder */
	static Path folder() throws IOException {
		return Files.createTempDirectory("kmeans-quantize-");
	}

	/** Deletes a scratch folder and everything in it; what cannot be deleted is left to the OS. */
	static void delete(final Path dir) {
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException e) {
			// a scratch folder under java.io.tmpdir that outlives its task costs disk, not results
		}
	}
}
