package org.kmeansquantize.io;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

/**
 * Writes a file so that it appears complete or not at all: everything goes to a hidden temporary
 * file in the target's folder, which {@link #commit()} renames onto the target in one atomic
 * move. {@link #close()} without a commit deletes the temporary file, and so does JVM shutdown
 * (Ctrl-C) for every output not yet committed. A failure while writing (a full disk, a file size
 * limit) is reported as {@code cannot write TARGET (reason)}, naming the target, never the
 * temporary file. Use with try-with-resources; one thread per output.
 */
public final class AtomicOutput implements Closeable {

	private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (final Path p : PENDING)
				deleteQuietly(p);
		}, "delete unfinished outputs"));
	}

	/** Writes the temporary file through a stream. */
	public interface StreamWriter {

		/**
		 * @param out the stream to the temporary file; closed by the caller
		 * @throws IOException if writing fails
		 */
		void write(OutputStream out) throws IOException;
	}

	/** Writes the temporary file by its path, for writers that open files themselves (ImageJ). */
	public interface FileWriter {

		/**
		 * @param temp the temporary file, to be overwritten
		 * @throws IOException if writing fails
		 */
		void write(Path temp) throws IOException;
	}

	private final Path target;
	private final Path named;
	private final Path temp;
	private boolean committed;

	private AtomicOutput(final Path target, final Path named, final Path temp) {
		this.target = target;
		this.named = named;
		this.temp = temp;
	}

	/**
	 * Creates the temporary file.
	 *
	 * @param target the file to write
	 * @return the output
	 * @throws IOException with a one-line message if the target's folder does not exist, is not a
	 *           folder or is not writable, or the target is a folder
	 */
	public static AtomicOutput create(final Path target) throws IOException {
		final Path abs = target.toAbsolutePath();
		final Path dir = abs.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new IOException("output folder " + (dir == null ? abs : dir) +
			" does not exist");
		if (Files.isDirectory(abs)) throw new IOException("output " + target + " is a folder");
		final String name = "." + abs.getFileName() + ".";
		for (int attempt = 0;; attempt++) {
			final String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
			final Path temp = dir.resolve(name + random + ".tmp");
			try {
				PENDING.add(temp);
				Files.createFile(temp);
				return new AtomicOutput(abs, target, temp);
			}
			catch (final FileAlreadyExistsException e) {
				PENDING.remove(temp);
				if (attempt > 100) throw new IOException("cannot create a temporary file in " + dir);
			}
			catch (final AccessDeniedException e) {
				PENDING.remove(temp);
				throw new IOException("cannot write to output folder " + dir + " (permission denied)");
			}
			catch (final NoSuchFileException e) {
				PENDING.remove(temp);
				throw new IOException("output folder " + dir + " does not exist");
			}
			catch (final IOException e) {
				PENDING.remove(temp);
				throw new IOException("cannot write to output folder " + dir + " (" + reason(e) + ")");
			}
		}
	}

	/** @return the temporary file, to be written by whoever needs a path (e.g. ImageJ) */
	public Path temp() {
		return temp;
	}

	/**
	 * @return a buffered stream to the temporary file; the caller closes it before {@link #commit()}
	 * @throws IOException if it cannot be opened
	 */
	public OutputStream stream() throws IOException {
		return new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
	}

	/**
	 * Writes the temporary file through a buffered stream, which is closed (and so flushed) before
	 * this returns.
	 *
	 * @param writer what to write
	 * @throws IOException {@code cannot write TARGET (reason)} if writing, flushing or closing fails
	 */
	public void writeStream(final StreamWriter writer) throws IOException {
		try (OutputStream s = stream()) {
			writer.write(s);
		}
		catch (final IOException e) {
			throw failure(e);
		}
	}

	/**
	 * Lets a writer that opens files itself write the temporary file.
	 *
	 * @param writer what to write
	 * @throws IOException {@code cannot write TARGET (reason)} if writing fails
	 */
	public void writeFile(final FileWriter writer) throws IOException {
		try {
			writer.write(temp);
		}
		catch (final IOException e) {
			throw failure(e);
		}
	}

	/**
	 * Moves the temporary file onto the target, replacing it.
	 *
	 * @throws IOException {@code cannot write TARGET (reason)} if the move fails; the temporary
	 *           file is then deleted by {@link #close()}
	 */
	public void commit() throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final IOException e) {
			throw failure(e);
		}
		committed = true;
		PENDING.remove(temp);
	}

	/**
	 * @param e a failure while writing the temporary file
	 * @return the failure told about the target: {@code cannot write TARGET (reason)}, where the
	 *         reason names the target wherever it named the temporary file
	 */
	private IOException failure(final IOException e) {
		final String reason = reason(e).replace(temp.toString(), named.toString());
		return new IOException("cannot write " + named + " (" + reason + ")", e);
	}

	/** @return what went wrong, without the file name a {@link FileSystemException} puts first */
	private static String reason(final IOException e) {
		if (e instanceof FileSystemException) {
			final String r = ((FileSystemException) e).getReason();
			return r == null || r.trim().isEmpty() ? e.getClass().getSimpleName() : r.trim();
		}
		final String m = e.getMessage();
		return m == null || m.trim().isEmpty() ? e.getClass().getSimpleName() : m.trim();
	}

	/**
	 * @return bytes written so far: the temporary file's size, the target's once committed
	 * @throws IOException if the size cannot be read
	 */
	public long size() throws IOException {
		return Files.size(committed ? target : temp);
	}

	/** Deletes the temporary file unless committed. */
	@Override
	public void close() {
		if (!committed) deleteQuietly(temp);
		PENDING.remove(temp);
	}

	private static void deleteQuietly(final Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (final IOException e) {
			// nothing more can be done for a temporary file that will not go away
		}
	}

	/**
	 * @param text written as ASCII, atomically
	 * @param out the file
	 * @return the bytes written
	 * @throws IOException if writing fails
	 */
	public static long writeText(final String text, final Path out) throws IOException {
		try (AtomicOutput output = AtomicOutput.create(out)) {
			output.writeStream(s -> s.write(text.getBytes(StandardCharsets.US_ASCII)));
			output.commit();
			return output.size();
		}
	}

	/**
	 * @param image a picture
	 * @param out the PNG file, written atomically
	 * @return the bytes written
	 * @throws IOException if writing fails
	 */
	public static long writePng(final BufferedImage image, final Path out) throws IOException {
		try (AtomicOutput output = AtomicOutput.create(out)) {
			output.writeStream(s -> {
				if (!ImageIO.write(image, "png", s)) throw new IOException("no PNG writer");
			});
			output.commit();
			return output.size();
		}
	}
}
