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
