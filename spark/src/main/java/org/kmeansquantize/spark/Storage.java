package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.io.AtomicOutput;

/**
 * Where the job's files live: a local folder (a plain path or a {@code file:} URI, read and written
 * with {@code java.nio} as on the command line) or any Hadoop file system ({@code hdfs://},
 * {@code s3a://}, ...), listed, read and written through Hadoop's {@link FileSystem} API with the
 * job's Hadoop configuration ({@link Conf}, which travels to the executors). Outputs on a Hadoop
 * file system are written as the command line's {@code AtomicOutput} writes local ones: to a hidden
 * temporary name in the output folder ({@code .NAME.PID-RANDOM.tmp}), then renamed onto the target, so a
 * failed or retried task leaves no partial file under the target's name; {@link #clean} removes
 * temporaries that a killed executor left behind.
 */
final class Storage {


	private Storage() {}

	/** The job's Hadoop configuration, serializable so that executors open the same file systems. */
	static final class Conf implements Serializable {

		private static final long serialVersionUID = 1L;

		private transient Configuration conf;

		/** @param conf the configuration (Spark's, with every {@code spark.hadoop.*} setting) */
		Conf(final Configuration conf) {
			this.conf = conf;
		}

		/** @return the configuration */
		Configuration get() {
			return conf;
		}

		private void writeObject(final ObjectOutputStream out) throws IOException {
			out.defaultWriteObject();
			conf.write(out);
		}

		private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			conf = new Configuration(false);
			conf.readFields(in);
		}
	}

	/** A file to read: where it is, and its size in bytes. */
	static final class Entry implements Serializable {

		private static final long serialVersionUID = 1L;

		/** A local absolute path, or a qualified Hadoop URI. */
		final String location;
		final long length;

		Entry(final String location, final long length) {
			this.location = location;
			this.length = length;
		}
	}

	/**
	 * @param location a path or URI
	 * @return whether it is on the local file system: no scheme (or a one-letter drive) or
	 *         {@code file:}
	 */
	static boolean isLocal(final String location) {
		final int colon = location.indexOf(':');
		if (colon < 2 || !location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) return true;
		return location.substring(0, colon).equalsIgnoreCase("file");
	}

	/**
	 * @param location a local path or {@code file:} URI ({@code file:/x}, {@code file:///x},
	 *          {@code file://localhost/x}); may end in a glob
	 * @return it as a plain path string, as the command line takes it
	 * @throws IOException for a {@code file:} URI naming another host
	 */
	static String localPath(final String location) throws IOException {
		if (!location.regionMatches(true, 0, "file:", 0, 5)) return location;
		String rest = location.substring(5);
		if (rest.startsWith("//")) {
			final int slash = rest.indexOf('/', 2);
			final String host = rest.substring(2, slash < 0 ? rest.length() : slash);
			if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) throw new IOException(location +
				" names host " + host + ": a file: URI must be local (use hdfs://, s3a://, ... for shared storage)");
			rest = slash < 0 ? "/" : rest.substring(slash);
		}
		return rest.replace("%20", " ");
	}

	/**
	 * The images of a folder or glob, as {@link ImageFolder#list} lists local ones: regular files,
	 * not hidden, of a folder ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .tif}, {@code .tiff})
	 * or matching a glob in the last name, sorted by name.
	 *
	 * @param input a folder or glob: local, or a Hadoop URI
	 * @param conf the Hadoop configuration
	 * @return the files, never empty
	 * @throws IOException with a one-line message naming the input if it cannot be listed or holds
	 *           no image
	 */
	static List<Entry> list(final String input, final Configuration conf) throws IOException {
		final List<Entry> out = new ArrayList<>();
		if (isLocal(input)) {
			for (final java.nio.file.Path p : ImageFolder.list(localPath(input))) {
				final java.nio.file.Path abs = p.toAbsolutePath();
				out.add(new Entry(abs.toString(), Files.size(abs)));
			}
			return out;
		}
		final Path path = new Path(input);
		final FileSystem fs = fileSystem(path, conf);
		final boolean glob = isGlob(path.getName());
		final FileStatus[] found;
		try {
			if (glob && !exists(fs, path)) {
				if (isGlob(path.getParent().toString())) throw new IOException("input pattern " + input +
					" may have wildcards in its file name only");
				found = fs.globStatus(path);
			}
			else {
				if (!exists(fs, path) || !fs.getFileStatus(path).isDirectory()) throw new IOException("input folder " +
					input + " does not exist");
				found = fs.listStatus(path);
			}
		}
		catch (final IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith("input ")) throw e;
			throw new IOException("cannot list input " + input + " (" + oneLine(e) + ")");
		}
		if (found != null) for (final FileStatus s : found) {
			final String name = s.getPath().getName();
			if (!s.isFile() || name.startsWith(".") || !glob && !isImageName(name)) continue;
			out.add(new Entry(s.getPath().toString(), s.getLen()));
		}
		if (out.isEmpty()) throw new IOException(glob ? "no file matches " + input : "input folder " + input +
			" holds no .png, .jpg, .jpeg, .tif or .tiff file");
		out.sort((a, b) -> name(a.location).compareTo(name(b.location)));
		return out;
	}

	private static boolean exists(final FileSystem fs, final Path p) throws IOException {
		return fs.exists(p);
	}

	private static boolean isImageName(final String name) {
		final String n = name.toLowerCase(Locale.ROOT);
		return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".tif") || n.endsWith(
			".tiff");
	}

	private static boolean isGlob(final String s) {
		for (int i = 0; i < s.length(); i++)
			if ("*?[{".indexOf(s.charAt(i)) >= 0) return true;
		return false;
	}

	/** @return the last name of a path or URI */
	static String name(final String location) {
		final int slash = location.lastIndexOf('/');
		return slash < 0 ? location : location.substring(slash + 1);
	}

	/**
	 * @param location a Hadoop URI
	 * @param conf the configuration
	 * @return its file system
	 * @throws IOException naming the location if no file system serves its scheme (e.g. the
	 *           {@code hadoop-aws} jar is missing for {@code s3a://})
	 */
	static FileSystem fileSystem(final Path location, final Configuration conf) throws IOException {
		try {
			return location.getFileSystem(conf);
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("cannot open the file system of " + location + " (" + oneLine(e) + ")");
		}
	}

	/**
	 * Creates the output folder, local or on a Hadoop file system.
	 *
	 * @param output the folder
	 * @param conf the configuration
	 * @return the folder as the job names its files: a local absolute path or a qualified URI
	 * @throws IOException if it cannot be created
	 */
	static String createFolder(final String output, final Configuration conf) throws IOException {
		if (isLocal(output)) {
			final java.nio.file.Path p = Paths.get(localPath(output)).toAbsolutePath();
			Files.createDirectories(p);
			return p.toString();
		}
		final Path p = new Path(output);
		final FileSystem fs = fileSystem(p, conf);
		try {
			if (!fs.mkdirs(p)) throw new IOException("mkdirs failed");
		}
		catch (final IOException e) {
			throw new IOException("cannot create output folder " + output + " (" + oneLine(e) + ")");
		}
		return fs.makeQualified(p).toString();
	}

	/**
	 * Copies a file of a Hadoop file system into a local folder, under its own name.
	 *
	 * @return the local copy
	 * @throws IOException naming the location if it cannot be read
	 */
	static java.nio.file.Path copyToLocal(final String location, final Configuration conf,
		final java.nio.file.Path folder) throws IOException
	{
		final Path p = new Path(location);
		final java.nio.file.Path local = folder.resolve(p.getName());
		try (InputStream in = fileSystem(p, conf).open(p)) {
			Files.copy(in, local);
		}
		catch (final java.io.FileNotFoundException e) {
			throw new IOException(location + " does not exist");
		}
		catch (final IOException e) {
			throw new IOException(location + " cannot be read (" + oneLine(e) + ")");
		}
		return local;
	}

	/** Writes an output's bytes. */
	interface Writer {

		void write(OutputStream out) throws IOException;
	}

	/**
	 * Writes a file on a Hadoop file system so that it appears complete or not at all: to
	 * {@code .NAME.PID-RANDOM.tmp} in the target's folder, then renamed onto the target (replacing it).
	 *
	 * @param target the file, a Hadoop URI
	 * @param conf the configuration
	 * @param writer what to write
	 * @return bytes written
	 * @throws IOException {@code cannot write TARGET (reason)}; the temporary file is then deleted
	 */
	static long write(final String target, final Configuration conf, final Writer writer) throws IOException {
		final Path to = new Path(target);
		final FileSystem fs = fileSystem(to, conf);
		final Path temp = new Path(to.getParent(), AtomicOutput.temporaryName(to.getName()));
		boolean done = false;
		try {
			try (FSDataOutputStream out = fs.create(temp, false)) {
				writer.write(out);
			}
			FileContext.getFileContext(to.toUri(), conf).rename(temp, to, Options.Rename.OVERWRITE);
			done = true;
			return fs.getFileStatus(to).getLen();
		}
		catch (final IOException e) {
			throw new IOException("cannot write " + target + " (" + oneLine(e) + ")", e);
		}
		finally {
			if (!done) try {
				fs.delete(temp, false);
			}
			catch (final IOException e) {
				// the temporary name is recognisable; clean() removes it at the end of the job
			}
		}
	}

	/**
	 * @param target a file, local or Hadoop
	 * @param text its text, UTF-8, written atomically
	 * @param conf the configuration
	 * @throws IOException if it cannot be written
	 */
	static void writeText(final String target, final String text, final Configuration conf) throws IOException {
		final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (isLocal(target)) {
			try (org.kmeansquantize.io.AtomicOutput out = org.kmeansquantize.io.AtomicOutput.create(Paths.get(target),
				org.kmeansquantize.io.AtomicOutput.Inputs.NONE)) {
				out.writeStream(s -> s.write(bytes));
				out.commit();
			}
		}
		else write(target, conf, s -> s.write(bytes));
	}

	/**
	 * Deletes the temporary outputs ({@link AtomicOutput#isTemporaryName}) that tasks which died while writing left in
	 * the output folder. The job owns its output folder while it runs.
	 *
	 * @param folder the output folder, local or Hadoop
	 * @param conf the configuration
	 * @return how many were deleted
	 */
	static int clean(final String folder, final Configuration conf) {
		int n = 0;
		try {
			final Path p = isLocal(folder) ? new Path(Paths.get(folder).toUri()) : new Path(folder);
			final FileSystem fs = isLocal(folder) ? FileSystem.getLocal(conf).getRawFileSystem() : fileSystem(p, conf);
			for (final FileStatus s : fs.listStatus(p))
				if (s.isFile() && AtomicOutput.isTemporaryName(s.getPath().getName()) && fs.delete(s.getPath(), false)) n++;
		}
		catch (final IOException e) {
			// the folder cannot be listed: nothing more to clean than the writers did
		}
		return n;
	}

	/** @return an exception's message on one line */
	static String oneLine(final Throwable e) {
		final String m = e.getMessage();
		return (m == null || m.trim().isEmpty() ? e.getClass().getSimpleName() : m).trim().replaceAll(
			"\\s*[\\r\\n]+\\s*", "; ");
	}
}
