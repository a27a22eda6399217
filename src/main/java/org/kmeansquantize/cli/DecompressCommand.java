package org.kmeansquantize.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.core.Progress;

/** {@code decompress IN -o OUT}: a label file back to an image of the original type and layout. */
@Command(name = "decompress", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Rebuilds the image that a label file from compress stands for, with the original's type, " +
		"shape and channel layout, as PNG or TIFF by OUT's extension (PNG: one plane of 8- or 16-bit grey, RGB or " +
		"RGBA; TIFF: anything but RGBA)." })
final class DecompressCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "IN", description = "The label file (.png or .tif from compress).")
	private Path input;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "OUT",
		description = "The image to write: .png or .tif (.tiff).")
	private Path output;

	@Option(names = "--json", description = "Print one JSON object with what was done as the last line on stdout.")
	private boolean json;

	/** Decompresses and prints the report; errors go to the command line's handlers. */
	@Override
	public Integer call() throws Exception {
		Reports.checkOutputName(spec, output);
		final Report report = Reports.run(() -> FileCodec.decompress(input, output, Progress.NONE));
		Reports.print(spec.commandLine().getOut(), report, input, output, json);
		return 0;
	}
}
