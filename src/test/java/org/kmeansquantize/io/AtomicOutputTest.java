package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.labelfile.LabelImage;
import org.kmeansquantize.labelfile.LabelPng;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/** Outputs appear complete or not at all. */
class AtomicOutputTest {

	@TempDir
	Path dir;

	@Test
	void commitReplacesTheTargetAndLeavesNothingElse() throws IOException {
		final Path target = Files.write(dir.resolve("out.png"), new byte[] { 1, 2, 3 });
		try (AtomicOutput out = AtomicOutput.create(target, AtomicOutput.Inputs.NONE)) {
			assertEquals(dir, out.temp().getParent(), "the temporary file is beside the target");
			try (OutputStream s = out.stream()) {
				s.write(new byte[] { 9, 8 });
			}
			assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target), "untouched until committed");
			out.commit();
			assertEquals(2, out.size());
		}
		assertArrayEquals(new byte[] { 9, 8 }, Files.readAllBytes(target));
		assertEquals(1, count(dir));
	}

	@Test
	void closingWithoutCommitLeavesNothing() throws IOException {
		final Path target = dir.resolve("out.tif");
		try (AtomicOutput out = AtomicOutput.create(target, AtomicOutput.Inputs.NONE)) {
			try (OutputStream s = out.stream()) {
				s.write(new byte[100]);
			}
			assertTrue(Files.exists(out.temp()));
		}
		assertFalse(Files.exists(target));
		assertEquals(0, count(dir));
	}

	@Test
	void missingFoldersAndFolderTargetsAreRefused() throws IOException {
		final IOException missing = assertThrows(IOException.class, () -> AtomicOutput.create(dir.resolve(
			"no/such/out.png"), AtomicOutput.Inputs.NONE));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
		final Path sub = Files.createDirectory(dir.resolve("sub.png"));
		assertThrows(IOException.class, () -> AtomicOutput.create(sub, AtomicOutput.Inputs.NONE));
		final Path file = Files.createFile(dir.resolve("file"));
		assertThrows(IOException.class, () -> AtomicOutput.create(file.resolve("out.png"), AtomicOutput.Inputs.NONE));
	}

	/**
	 * A disk that fills up, without a small file system: the encoders pass the stream's failure on,
	 * the message names the output (not the temporary file), and nothing is left, an existing
	 * target untouched.
	 */
	@Test
	void aFullDiskWhileWritingLeavesNothingAndNamesTheOutput() throws IOException {
		final Path labels = dir.resolve("labels.png");
		FileCodec.compress(Paths.get("samples/chelsea.png"), labels, QuantizeSettings.builder().colors(32).build(),
			Progress.NONE);
		final LabelImage label = LabelPng.read(Files.readAllBytes(labels));
		final Planes recon = Planes.allocate(label.layout());
		final Path target = Files.write(dir.resolve("out.png"), new byte[] { 1, 2, 3 });
		for (final boolean labelPng : new boolean[] { true, false }) {
			final ByteArrayOutputStream whole = new ByteArrayOutputStream();
			if (labelPng) LabelPng.write(label, whole);
			else RasterFiles.writePng(recon, whole);
			final int size = whole.size();
			for (final int room : new int[] { 0, 10, size / 2, size - 1 }) {
				final IOException e = assertThrows(IOException.class, () -> {
					try (AtomicOutput out = AtomicOutput.create(target, AtomicOutput.Inputs.NONE)) {
						out.writeStream(s -> {
							final OutputStream full = new FullDisk(s, room);
							if (labelPng) LabelPng.write(label, full);
							else RasterFiles.writePng(recon, full);
						});
						out.commit();
					}
				});
				assertEquals("cannot write " + target + " (No space left on device)", e.getMessage());
				assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target));
				assertEquals(2, count(dir), "only labels.png and out.png");
			}
		}
	}

	@Test
	void aWriterThatOpensTheFileItselfIsToldAboutTheOutputToo() throws IOException {
		final Path target = dir.resolve("out.tif");
		final IOException e = assertThrows(IOException.class, () -> {
			try (AtomicOutput out = AtomicOutput.create(target, AtomicOutput.Inputs.NONE)) {
				out.writeFile(temp -> {
					Files.write(temp, new byte[10]);
					throw new IOException("disk quota exceeded while writing " + temp);
				});
				out.commit();
			}
		});
		assertEquals("cannot write " + target + " (disk quota exceeded while writing " + target + ")", e
			.getMessage());
		assertEquals(0, count(dir));
	}

	/** Passes on {@code room} bytes, then fails as a full disk does. */
	private static final class FullDisk extends FilterOutputStream {

		private long room;

		FullDisk(final OutputStream out, final long room) {
			super(out);
			this.room = room;
		}

		@Override
		public void write(final int b) throws IOException {
			if (room-- <= 0) throw new IOException("No space left on device");
			out.write(b);
		}

		@Override
		public void write(final byte[] b, final int off, final int len) throws IOException {
			for (int i = 0; i < len; i++)
				write(b[off + i]);
		}
	}

	private static long count(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}

	/** Bad input: temporary files of a killed run (kill -9) are removed the next time a file is written there. */
	@Test
	void temporaryFilesOfKilledRunsAreRemovedOnTheNextWrite() throws IOException {
		final Path dead = Files.createFile(dir.resolve(".out.png.999999999-1a2b.tmp"));
		final Path mine = Files.createFile(dir.resolve(".out.png." + ProcessHandle.current().pid() + "-1a2b.tmp"));
		final Path other = Files.createFile(dir.resolve(".notes.tmp"));
		AtomicOutput.writeText("x", dir.resolve("out.csv"), AtomicOutput.Inputs.NONE);
		assertFalse(Files.exists(dead), "a temporary file whose process is gone is removed");
		assertTrue(Files.exists(mine), "this run's own temporary files stay");
		assertTrue(Files.exists(other), "files not named as ours stay");
	}
}
