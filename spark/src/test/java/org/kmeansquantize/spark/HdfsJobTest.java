package org.kmeansquantize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.cli.Main;

/**
 * The job against a real HDFS in this JVM (Hadoop's {@link MiniDFSCluster}: a name node and a data
 * node): inputs listed and read, outputs written through Hadoop's {@code FileSystem} API, with the
 * same codebook and labels as the command line on a local copy of the same files.
 */
class HdfsJobTest {

	@TempDir
	static Path tmp;

	private static MiniDFSCluster cluster;
	private static FileSystem fs;

	@BeforeAll
	static void startHdfs() throws IOException {
		final Configuration conf = new Configuration();
		conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
		cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
		cluster.waitActive();
		fs = cluster.getFileSystem();
	}

	@AfterAll
	static void stopHdfs() {
		if (cluster != null) cluster.shutdown();
	}

	/**
	 * 16-bit one-plane TIFFs, 8-page TIFFs and PNGs on HDFS; the 8-page TIFFs are split into ranges
	 * of two planes, each read from HDFS by seeking to its planes.
	 */
	@Test
	void hdfsInputAndOutputMatchTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final int planes = Datasets.grey16(in, 48, 40, 12, 3, 8, 5, 23);
		fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(in.toUri()), new org.apache.hadoop.fs.Path("/data/in"));
		final String root = fs.getUri().toString();
		final String[] spark = QuantizeJobTest.run(QuantizeJob.commandLine(), "--master", "local[2]", "--input", root +
			"/data/in", "--output", root + "/data/out", "--colors", "7", "--seed", "4", "--split-size", "8k", "--json");
		final String json = QuantizeJobTest.last(spark[0]);
		assertEquals(17 + 3 * 4, (int) QuantizeJobTest.number(json, "pieces"));
		assertTrue(json.contains("\"output\": \"" + root + "/data/out\""), json);

		final List<String> names = new ArrayList<>();
		for (final FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path("/data/out")))
			names.add(s.getPath().getName());
		assertEquals(20 + 4, names.size(), names::toString);
		assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), names::toString);

		final Path sparkOut = tmp.resolve("from-hdfs");
		fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path("/data/out"), new org.apache.hadoop.fs.Path(sparkOut
			.toUri()), true);
		final Path cliOut = tmp.resolve("cli");
		final String[] cli = QuantizeJobTest.run(Main.commandLine(), "compress", in.toString(), "-o", cliOut.toString(),
			"--colors", "7", "--shared-codebook", "--seed", "4", "--json");
		QuantizeJobTest.assertSameAsCommandLine(in, sparkOut, json, cliOut, QuantizeJobTest.last(cli[0]), 7, planes);
	}

	/**
	 * Tiled 16-bit stacks, LZW and BigTIFF with deflate (made by libtiff's {@code tiffcp}), on HDFS,
	 * split into ranges of two planes: each task decodes only the tiles of its planes, straight from
	 * HDFS; the same codebook and labels as the command line on the local files.
	 */
	@Test
	void tiledAndBigTiffStacksAreSplitAndMatchTheCommandLine() throws IOException, InterruptedException {
		final Path in = Files.createDirectories(tmp.resolve("tiled"));
		final int planes = Datasets.grey16(in, 48, 40, 3, 4, 8, 0, 31);
		int stacks = 0;
		for (final Path f : tiffs(in))
			if (Files.size(f) > 2 * 48 * 40 * 2) tiffcp(f, stacks++ % 2 == 0 ? new String[] { "-c", "lzw" }
				: new String[] { "-8", "-c", "zip" });
			else tiffcp(f, "-c", "zip");
		assertEquals(4, stacks);
		// 3 one-plane files whole, 4 stacks of 8 planes of 3840 bytes in ranges of 2
		compareOnHdfs(in, "tiled", "8k", 3 + 4 * 4, planes, "--format", "tif");
	}

	/** RGB stacks and planes in JPEG-compressed tiles on HDFS, split into ranges of one plane. */
	@Test
	void jpegTiledRgbStacksAreSplitAndMatchTheCommandLine() throws IOException, InterruptedException {
		final Path in = Files.createDirectories(tmp.resolve("jpeg"));
		final int planes = Datasets.rgb(in, 48, 32, 8, 4, 13);
		for (final Path f : tiffs(in))
			tiffcp(f, "-c", "jpeg");
		// 2 stacks of 4 planes of 6144 bytes in ranges of 1, 6 one-plane files whole
		compareOnHdfs(in, "jpeg", "8k", 6 + 2 * 4, planes, "--format", "tif");
	}

	/**
	 * ImageJ's one-directory stacks (how ImageJ writes stacks past 4 GB; {@link BigStack}), 3
	 * channels of 16 bits, on HDFS, split into ranges of two slices.
	 */
	@Test
	void imageJOneDirectoryStacksAreSplitAndMatchTheCommandLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("onedir"));
		final Path source = java.nio.file.Paths.get("../samples/IXMtest_A02_s9.tif");
		BigStack.write(in.resolve("a.tif"), 64, 48, 6, source);
		BigStack.write(in.resolve("b.tif"), 64, 48, 5, source);
		// parts of 64 x 48 x 3 channels x 2 bytes = 18432: ranges of 2 slices
		compareOnHdfs(in, "onedir", "40k", 3 + 3, 6 + 5, "--format", "tif");
	}

	/**
	 * Copies a local folder to HDFS, runs the job on it (input and output on HDFS) and the command
	 * line on the local folder, and compares them.
	 */
	private static void compareOnHdfs(final Path in, final String name, final String split, final int pieces,
		final int planes, final String... cliOptions) throws IOException
	{
		fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(in.toUri()), new org.apache.hadoop.fs.Path("/" + name +
			"/in"));
		final String root = fs.getUri().toString();
		final String[] spark = QuantizeJobTest.run(QuantizeJob.commandLine(), "--master", "local[2]", "--input", root +
			"/" + name + "/in", "--output", root + "/" + name + "/out", "--colors", "6", "--seed", "3", "--split-size",
			split, "--json");
		final String json = QuantizeJobTest.last(spark[0]);
		assertEquals(pieces, (int) QuantizeJobTest.number(json, "pieces"), json);
		final Path sparkOut = tmp.resolve(name + "-from-hdfs");
		fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path("/" + name + "/out"), new org.apache.hadoop.fs.Path(
			sparkOut.toUri()), true);
		final Path cliOut = tmp.resolve(name + "-cli");
		final List<String> args = new ArrayList<>(java.util.Arrays.asList("compress", in.toString(), "-o", cliOut
			.toString(), "--colors", "6", "--shared-codebook", "--seed", "3", "--json"));
		args.addAll(java.util.Arrays.asList(cliOptions));
		final String[] cli = QuantizeJobTest.run(Main.commandLine(), args.toArray(new String[0]));
		QuantizeJobTest.assertSameAsCommandLine(in, sparkOut, json, cliOut, QuantizeJobTest.last(cli[0]), 6, planes);
	}

	private static List<Path> tiffs(final Path dir) throws IOException {
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().collect(java.util.stream.Collectors
				.toList());
		}
	}

	/**
	 * Rewrites a TIFF in tiles of 16 x 16 with libtiff's {@code tiffcp} (installed by
	 * {@code .ci/install-deps.sh}), every directory and tag kept (the ImageJ description too).
	 */
	private static void tiffcp(final Path file, final String... options) throws IOException, InterruptedException {
		final Path out = file.resolveSibling("tiled-" + file.getFileName());
		final List<String> cmd = new ArrayList<>(java.util.Arrays.asList("tiffcp", "-t", "-w", "16", "-l", "16"));
		cmd.addAll(java.util.Arrays.asList(options));
		cmd.add(file.toString());
		cmd.add(out.toString());
		final Process p;
		try {
			p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		}
		catch (final IOException e) {
			throw new IOException("tiffcp (libtiff-tools) is needed: see .ci/install-deps.sh", e);
		}
		final String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + ": " + output);
		Files.move(out, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	/** A temporary output that a killed task left behind is removed; other files stay. */
	@Test
	void cleanRemovesTemporaryOutputsOnly() throws IOException {
		final org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/data/clean");
		fs.mkdirs(dir);
		fs.create(new org.apache.hadoop.fs.Path(dir, ".t0001.tif.4242-3fa9c2d1.tmp")).close();
		fs.create(new org.apache.hadoop.fs.Path(dir, "t0001.tif")).close();
		assertEquals(1, Storage.clean(fs.getUri() + "/data/clean", fs.getConf()));
		assertEquals(1, fs.listStatus(dir).length);
		assertEquals("t0001.tif", fs.listStatus(dir)[0].getPath().getName());
	}
}
