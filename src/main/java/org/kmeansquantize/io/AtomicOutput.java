package org.kmeansquantize.io;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Writes a file so that it appears complete or not at all: everything goes to a hidden temporary
 * file in the target's folder, which {@link #commit()} renames onto the target in one atomic
 * move. {@link #close()} without a commit deletes the temporary file, and so does JVM shutdown
 * (Ctrl-C) for every output not yet committed: the shutdown hook waits up to 3 s for writes in
 * progress and then lets no writer create or open a temporary file again. Temporary files are
 * named {@code .NAME.PID-RANDOM.tmp}; those a killed run (kill -9) left are removed the next time
 * an output is created in their folder, when their process is gone or they are older than a day. A failure while writing (a full disk, a file size
 * limit) is reported as {@code cannot write TARGET (reason)}, naming the target, never the
 * temporary file. Every output is created with the command's {@link Inputs}, and one that would
 * replace an input is refused before anything is written. Use with try-with-resources; one thread
 * per output.
 */
public final class AtomicOutput implements Closeable {

	private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
	/**
	 * Held (shared) while a temporary file is created or written, taken (exclusive) by the
	 * shutdown hook: without it, a writer that opens its temporary file by name (ImageJ) just after
	 * the hook deleted it would create it again, and it would stay after the JVM stops.
	 */
	private static final ReentrantReadWriteLock WRITING = new ReentrantReadWriteLock();
	private static volatile boolean stopping;
	/** How long the shutdown hook waits for a write in progress before deleting anyway. */
	private static final long STOP_WAIT_MILLIS = 3000;
	/** Temporary files of a killed run older than this are removed even if their PID is in use again. */
	static final long STALE_MILLIS = 24L * 60 * 60 * 1000;
	/** Temporary file names: {@code .NAME.PID-RANDOM.tmp}. */
	private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.([0-9]+)-[0-9a-f]+\\.tmp");
	private static final long PID = ProcessHandle.current().pid();
	private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopping = true;
			try {
				WRITING.writeLock().tryLock(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			for (final Path p : PENDING)
				deleteQuietly(p);
		}, "delete unfinished outputs"));
	}

	/**
	 * @param name a file's name
	 * @return a fresh temporary name for it in the same folder, {@code .NAME.PID-RANDOM.tmp}: the
	 *         name every writer of this project (the Spark job on any file system too) uses, so that
	 *         leftovers of a killed run are recognised
	 */
	public static String temporaryName(final String name) {
		return "." + name + "." + PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp";
	}

	/**
	 * @param name a file's name
	 * @return whether it is a temporary name as {@link #temporaryName} makes them
	 */
	public static boolean isTemporaryName(final String name) {
		return TEMP_NAME.matcher(name).matches();
	}

	/**
	 * Removes the temporary files that killed runs (kill -9, a power cut) left in a folder: files
	 * named as this class names them whose process is gone, or that are older than a day (a PID
	 * may be reused). Once per folder and JVM.
	 *
	 * @param dir a folder about to be written into
	 */
	static void sweep(final Path dir) {
		if (!SWEPT.add(dir)) return;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
			final long now = System.currentTimeMillis();
			for (final Path f : files) {
				final Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
				if (!m.matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
				final long pid;
				try {
					pid = Long.parseLong(m.group(1));
				}
				catch (final NumberFormatException e) {
					continue;
				}
				if (pid == PID) continue;
				final boolean gone = !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
				if (gone || now - Files.getLastModifiedTime(f).toMillis() > STALE_MILLIS) deleteQuietly(f);
			}
		}
		catch (final IOException | RuntimeException e) {
			// cleaning up is a courtesy: a folder that cannot be listed is reported by the write itself
		}
	}

	/**
	 * The input files of a command or job, which none of its outputs may replace, by any spelling
	 * of the path: symbolic links, hard links and relative paths name the same file when they
	 * reach the same file system object (its {@link BasicFileAttributes#fileKey() file key}, the
	 * device and inode on Unix; its real path where the file system has no keys). Built once per
	 * run, so that checking an output costs one look-up however many inputs there are. Immutable.
	 */
	public static final class Inputs {

		/** No inputs (outputs that no input can be: a picture rendered from memory). */
		public static final Inputs NONE = new Inputs(Collections.emptyMap());

		private final Map<Object, Path> keys;

		private Inputs(final Map<Object, Path> keys) {
			this.keys = keys;
		}

		/**
		 * @param inputs input files; ones that do not exist are left out (nothing can replace them)
		 * @return the inputs
		 */
		public static Inputs of(final Collection<Path> inputs) {
			final Map<Object, Path> keys = new HashMap<>();
			for (final Path p : inputs) {
				final Object key = key(p);
				if (key != null) keys.putIfAbsent(key, p);
			}
			return new Inputs(keys);
		}

		/**
		 * @param inputs input files
		 * @return the inputs
		 */
		public static Inputs of(final Path... inputs) {
			return of(Arrays.asList(inputs));
		}

		/**
		 * The one check that an output does not replace an input, made by {@link #create} for every
		 * output; front ends may call it before long work to fail early.
		 *
		 * @param target an output file
		 * @throws IOException {@code output OUT would overwrite an input (IN); choose another name
		 *           or folder} if the target is one of the inputs
		 */
		public void check(final Path target) throws IOException {
			if (keys.isEmpty()) return;
			final Object key = key(target);
			final Path input = key == null ? null : keys.get(key);
			if (input != null) throw new IOException("output " + target + " would overwrite an input (" + input +
				"); choose another name or folder");
		}

		/** @return what identifies the file a path reaches (links followed), or null if there is none */
		private static Object key(final Path p) {
			try {
				final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
				if (!a.isRegularFile()) return null;
				return a.fileKey() != null ? a.fileKey() : p.toRealPath();
			}
			catch (final IOException e) {
				return null;
			}
		}
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
	 * Creates the temporary file, after refusing a target that is one of the inputs.
	 *
	 * @param target the file to write
	 * @param inputs the inputs of the command: the target must not be one of them
	 * @return the output
	 * @throws IOException with a one-line message if the target is an input, its folder does not
	 *           exist, is not a folder or is not writable, or the target is a folder
	 */
	public static AtomicOutput create(final Path target, final Inputs inputs) throws IOException {
		inputs.check(target);
		final Path abs = target.toAbsolutePath();
		final Path dir = abs.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new IOException("output folder " + (dir == null ? abs : dir) +
			" does not exist");
		if (Files.isDirectory(abs)) throw new IOException("output " + target + " is a folder");
		sweep(dir);
		for (int attempt = 0;; attempt++) {
			final Path temp = dir.resolve(temporaryName(abs.getFileName().toString()));
			if (!WRITING.readLock().tryLock()) throw stopped(target);
			try {
				if (stopping) throw stopped(target);
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
			finally {
				WRITING.readLock().unlock();
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
		if (!WRITING.readLock().tryLock()) throw stopped(named);
		try (OutputStream s = stream()) {
			if (stopping) throw stopped(named);
			writer.write(s);
		}
		catch (final IOException e) {
			throw failure(e);
		}
		finally {
			WRITING.readLock().unlock();
		}
	}

	/**
	 * Lets a writer that opens files itself write the temporary file.
	 *
	 * @param writer what to write
	 * @throws IOException {@code cannot write TARGET (reason)} if writing fails
	 */
	public void writeFile(final FileWriter writer) throws IOException {
		if (!WRITING.readLock().tryLock()) throw stopped(named);
		try {
			if (stopping) throw stopped(named);
			writer.write(temp);
		}
		catch (final IOException e) {
			throw failure(e);
		}
		finally {
			WRITING.readLock().unlock();
		}
	}

	private static IOException stopped(final Path target) {
		return new IOException("cannot write " + target + " (the program is stopping)");
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
	 * @param inputs the command's inputs, which {@code out} must not be
	 * @return the bytes written
	 * @throws IOException if writing fails or {@code out} is an input
	 */
	public static long writeText(final String text, final Path out, final Inputs inputs) throws IOException {
		try (AtomicOutput output = AtomicOutput.create(out, inputs)) {
			output.writeStream(s -> s.write(text.getBytes(StandardCharsets.US_ASCII)));
			output.commit();
			return output.size();
		}
	}

	/**
	 * @param image a picture
	 * @param out the PNG file, written atomically
	 * @param inputs the command's inputs, which {@code out} must not be
	 * @return the bytes written
	 * @throws IOException if writing fails or {@code out} is an input
	 */
	public static long writePng(final BufferedImage image, final Path out, final Inputs inputs)
		throws IOException
	{
		try (AtomicOutput output = AtomicOutput.create(out, inputs)) {
			output.writeStream(s -> {
				if (!ImageIO.write(image, "png", s)) throw new IOException("no PNG writer");
			});
			output.commit();
			return output.size();
		}
	}
}
