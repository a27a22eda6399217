package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;
import org.kmeansquantize.batch.SummaryCsv;
import org.kmeansquantize.testing.Pixels;

/**
 * The command line's {@code --json} lines are JSON that a real parser (Jackson) reads, with the
 * fields of their {@link ReportSchema} in its order, also when paths hold quotes, backslashes and
 * characters beyond ASCII.
 */
class ReportJsonTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	/** A folder name no JSON writer that forgets escaping survives. */
	private static final String AWKWARD = "we\"ird \\ café ü 名";

	@TempDir
	Path dir;

	@Test
	void compressOfOneFile() throws Exception {
		final Path in = copy("camera.png");
		final CliRun r = CliRun.of("compress", in.toString(), "-o", dir.resolve(AWKWARD).resolve("c.png").toString(),
			"--colors", "8", "--json");
		assertEquals(0, r.exit, r.err);
		final JsonNode o = parse(r.out, ReportSchema.FILE);
		assertEquals("compress", o.get("command").asText());
		assertEquals(8, o.get("k").asInt());
		assertEquals(512, o.get("width").asInt());
		assertTrue(o.get("psnr").asDouble() > 30, r.out);
	}

	@Test
	void targetPsnrAddsItsTwoFields() throws Exception {
		final Path in = copy("camera.png");
		final CliRun r = CliRun.of("compress", in.toString(), "-o", dir.resolve(AWKWARD).resolve("t.png").toString(),
			"--target-psnr", "30", "--json");
		assertEquals(0, r.exit, r.err);
		final JsonNode o = JSON.readTree(lastLine(r.out));
		final List<String> names = new ArrayList<>(ReportSchema.FILE.fields().stream().map(ReportField::key).collect(
			Collectors.toList()));
		assertEquals(names, names(o));
		assertEquals(30.0, o.get("target_psnr").asDouble());
		assertEquals(o.get("psnr").asDouble(), o.get("reached_psnr").asDouble(), 1e-9);
	}

	@Test
	void curveNamesItsInput() throws Exception {
		final Path in = copy("camera.png");
		final CliRun r = CliRun.of("curve", in.toString(), "-o", dir.resolve(AWKWARD).resolve("c.csv").toString(),
			"--json");
		assertEquals(0, r.exit, r.err);
		final JsonNode o = parse(r.out, ReportSchema.CURVE);
		assertEquals(in.toString(), o.get("input").asText());
		assertTrue(o.get("k").isArray() && o.get("psnr").isArray());
	}

	@Test
	void folderRunNamesItsOutputAndSummary() throws Exception {
		copy("camera.png");
		final Path out = dir.resolve("out " + AWKWARD);
		final CliRun r = CliRun.of("compress", dir.resolve(AWKWARD).toString(), "-o", out.toString(), "--colors", "4",
			"--json");
		assertEquals(0, r.exit, r.err);
		final JsonNode o = parse(r.out, ReportSchema.FOLDER);
		assertEquals(out.toString(), o.get("output").asText());
		assertEquals(out.resolve("summary.csv").toString(), o.get("summary").asText());
		final List<String> csv = Files.readAllLines(out.resolve("summary.csv"), StandardCharsets.UTF_8);
		assertEquals(SummaryCsv.HEADER, csv.get(0) + "\n");
		assertTrue(csv.get(1).startsWith("\"" + dir.resolve(AWKWARD).resolve("camera.png").toString().replace("\"",
			"\"\"") + "\","), csv.get(1));
	}

	@Test
	void controlCharactersAndNonFiniteNumbers() throws Exception {
		final Report r = new Report(ReportSchema.PALETTE).put(ReportField.COMMAND, "a\tb\nc\u0001\"\\é").put(
			ReportField.ENTRIES, Double.NaN).put(ReportField.CHANNELS, Double.POSITIVE_INFINITY);
		final JsonNode o = parse(r.json(), ReportSchema.PALETTE);
		assertEquals("a\tb\nc\u0001\"\\é", o.get("command").asText());
		assertTrue(o.get("entries").isNull() && o.get("channels").isNull() && o.get("output_bytes").isNull());
	}

	private Path copy(final String sample) throws Exception {
		final Path folder = Files.createDirectories(dir.resolve(AWKWARD));
		return Files.copy(Pixels.sample(sample), folder.resolve(sample));
	}

	/** @return the last line of {@code stdout} parsed, after checking its names against the schema */
	private static JsonNode parse(final String stdout, final ReportSchema schema) throws Exception {
		final JsonNode o = JSON.readTree(lastLine(stdout));
		assertTrue(o.isObject(), stdout);
		final List<String> expected = schema.fields().stream().filter(f -> !schema.isOptional(f)).map(
			ReportField::key).collect(Collectors.toList());
		assertEquals(expected, names(o), "the schema's fields in its order");
		return o;
	}

	private static String lastLine(final String stdout) {
		final String[] lines = stdout.trim().split("\r?\n");
		return lines[lines.length - 1];
	}

	private static List<String> names(final JsonNode o) {
		final List<String> names = new ArrayList<>();
		for (final Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();)
			names.add(it.next().getKey());
		return names;
	}
}
