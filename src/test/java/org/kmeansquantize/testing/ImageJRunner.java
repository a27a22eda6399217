package org.kmeansquantize.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.kmeansquantize.imagej.ImagePlusQuantizer;

/**
 * Runs the real ImageJ 1 in a separate JVM under {@code xvfb-run}, with a plugins folder laid out
 * as the README tells users: {@code plugins/KMeans_Quantize.jar} (the compiled classes with
 * {@code plugins.config} at the root) and {@code plugins/jars/imglib2-*.jar}, nothing else.
 */
public final class ImageJRunner {

	private ImageJRunner() {}

	/**
	 * Skips the calling test where {@code xvfb-run} is missing, except in CI (environment variable
	 * {@code CI} set), where {@code .ci/install-deps.sh} installs it and a skip would hide a failure.
	 */
	public static void assumeAvailable() {
		if (System.getenv("CI") != null) assertTrue(available(), "xvfb-run is missing in CI");
		assumeTrue(available(), "xvfb-run is not installed (bash .ci/install-deps.sh)");
	}

	/** @return whether {@code xvfb-run} is on the PATH */
	public static boolean available() {
		final String path = System.getenv("PATH");
		if (path == null) return false;
		for (final String dir : path.split(File.pathSeparator))
			if (Files.isExecutable(Paths.get(dir, "xvfb-run"))) return true;
		return false;
	}

	/**
	 * Lays out {@code root/plugins}.
	 *
	 * @param root an empty folder, the ImageJ folder
	 * @throws IOException if writing fails
	 */
	public static void installPlugin(final Path root) throws IOException {
		final Path plugins = Files.createDirectories(root.resolve("plugins"));
		final Path jars = Files.createDirectories(plugins.resolve("jars"));
		final Path classes = codeSource(ImagePlusQuantizer.class);
		assertTrue(Files.isDirectory(classes), "expected compiled classes, found " + classes);
		assertTrue(Files.isRegularFile(classes.resolve("plugins.config")),
			"plugins.config is not among the resources");
		jar(classes, plugins.resolve("KMeans_Quantize.jar"));
		final Path imglib2 = codeSource(net.imglib2.RandomAccessibleInterval.class);
		Files.copy(imglib2, jars.resolve(imglib2.getFileName()));
	}

	/**
	 * Runs {@code java -jar ij.jar -batch macro argument} under {@code xvfb-run -a}, in {@code root},
	 * with {@code root} as the plugins' parent folder and as the user's home (no preferences leak in
	 * or out).
	 *
	 * @param root the folder of {@link #installPlugin}
	 * @param macro the macro file
	 * @param argument the macro's argument, or null
	 * @param timeoutSeconds how long ImageJ may take
	 * @return everything ImageJ printed
	 * @throws Exception if the process cannot be started
	 */
	public static String runBatch(final Path root, final Path macro, final String argument,
		final long timeoutSeconds) throws Exception
	{
		return runBatch(root, macro, argument, timeoutSeconds, List.of());
	}

	/**
	 * Runs ImageJ as {@link #runBatch(Path, Path, String, long)} does, with more options for its JVM.
	 *
	 * @param root the folder of {@link #installPlugin}
	 * @param macro the macro file
	 * @param argument the macro's argument, or null
	 * @param timeoutSeconds how long ImageJ may take
	 * @param jvmOptions e.g. {@code -Xmx200m}
	 * @return everything ImageJ printed
	 * @throws Exception if the process cannot be started
	 */
	public static String runBatch(final Path root, final Path macro, final String argument,
		final long timeoutSeconds, final List<String> jvmOptions) throws Exception
	{
		final String java = ProcessHandle.current().info().command().orElse("java");
		final List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", java));
		cmd.addAll(jvmOptions);
		cmd.addAll(List.of("-Djava.awt.headless=false", "-Duser.home=" + root.resolve("home"), "-Dplugins.dir=" +
			root, "-jar", codeSource(ij.IJ.class).toString(), "-batch", macro.toString()));
		if (argument != null) cmd.add(argument);
		for (int attempt = 1;; attempt++) {
			final Path log = Files.createTempFile(root, "imagej", ".log");
			final Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				fail("ImageJ did not finish within " + timeoutSeconds + " s:\n" + read(log));
			}
			final String out = read(log);
			// xvfb-run -a can race another xvfb-run for the same display number: try once more
			if (p.exitValue() != 0 && attempt == 1 && out.contains("Xvfb failed to start")) continue;
			if (p.exitValue() != 0) fail("ImageJ exited with " + p.exitValue() + ":\n" + out);
			return out;
		}
	}

	/**
	 * @param s any text
	 * @return an ImageJ macro string literal of it
	 */
	public static String literal(final String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String read(final Path log) throws IOException {
		return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
	}

	private static Path codeSource(final Class<?> c) {
		try {
			return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void jar(final Path classes, final Path jar) throws IOException {
		final Manifest manifest = new Manifest();
		manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
		final List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
			for (final Path f : files) {
				out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
				Files.copy(f, out);
				out.closeEntry();
			}
		}
	}
}
