package org.kmeansquantize.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images of a folder or of a glob pattern, in a fixed order. A folder gives its regular
 * files whose names end in {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .tif} or
 * {@code .tiff} (any case); a glob ({@code data/*.tif}, with {@code *}, {@code ?}, {@code [..]} or
 * {@code {a,b}} in its last name only) gives the regular files of its folder whose names match.
 * Hidden files (names starting with a dot) are left out. Files are sorted by name (by UTF-16 code
 * unit, as {@link String#compareTo}), whatever the file system lists first. Stateless.
 */
public final class ImageFolder {

	private ImageFolder() {}

	/**
	 * @param in what the user gave as input
	 * @return whether it names a folder, or is a glob pattern that names no existing file
	 */
	public static boolean isFolderInput(final String in) {
		try {
			final Path p = Paths.get(in);
			if (Files.isDirectory(p)) return true;
			if (Files.exists(p)) return false;
		}
		catch (final InvalidPathException e) {
			// a glob with characters no path may hold (on Windows): a pattern then
		}
		return isGlob(in);
	}

	/**
	 * @param in a folder or glob pattern ({@link #isFolderInput(String)})
	 * @return its image files, sorted by name; never empty
	 * @throws IOException with a one-line message if the folder cannot be listed, the pattern is
	 *           malformed, or no image file is found
	 */
	public static List<Path> list(final String in) throws IOException {
		final Path dir;
		final PathMatcher matcher;
		if (!isGlob(in) || isDirectory(in)) {
			dir = Paths.get(in);
			matcher = p -> {
				final String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".tif") || n
					.endsWith(".tiff");
			};
		}
		else {
			final int glob = firstGlobChar(in);
			final int sep = Math.max(in.lastIndexOf('/', glob), in.lastIndexOf(java.io.File.separatorChar, glob));
			final String pattern = in.substring(sep + 1);
			if (pattern.indexOf('/') >= 0 || pattern.indexOf(java.io.File.separatorChar) >= 0)
				throw new IOException("input pattern " + in + " may have wildcards in its file name only");
			dir = sep < 0 ? Paths.get(".") : Paths.get(sep == 0 ? "/" : in.substring(0, sep));
			try {
				final PathMatcher names = dir.getFileSystem().getPathMatcher("glob:" + pattern);
				matcher = p -> names.matches(p.getFileName());
			}
			catch (final IllegalArgumentException e) {
				throw new IOException("input pattern " + in + " is malformed (" + e.getMessage() + ")");
			}
		}
		if (!Files.isDirectory(dir)) throw new IOException("input folder " + dir + " does not exist");
		final List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (final Path p : ds) {
				if (p.getFileName().toString().startsWith(".") || !Files.isRegularFile(p)) continue;
				if (matcher.matches(p)) files.add(p);
			}
		}
		catch (final IOException e) {
			throw new IOException("cannot list input folder " + dir + " (" + e.getMessage() + ")");
		}
		if (files.isEmpty()) throw new IOException(isGlob(in) && !isDirectory(in) ? "no file matches " + in
			: "input folder " + dir + " holds no .png, .jpg, .jpeg, .tif or .tiff file");
		files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		return files;
	}

	private static boolean isDirectory(final String in) {
		try {
			return Files.isDirectory(Paths.get(in));
		}
		catch (final InvalidPathException e) {
			return false;
		}
	}

	private static boolean isGlob(final String in) {
		return firstGlobChar(in) >= 0;
	}

	private static int firstGlobChar(final String s) {
		for (int i = 0; i < s.length(); i++)
			if ("*?[{".indexOf(s.charAt(i)) >= 0) return i;
		return -1;
	}
}
