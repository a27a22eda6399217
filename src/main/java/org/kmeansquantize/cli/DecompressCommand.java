package org.kmeansquantize.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.core.Progress;

/** {@code decompress IN -o OUT}: a label file back to an image of the original type and layout. */
final class DecompressCommand implements Callable<Integer> {

	/** The command's name. */
	static final String NAME = "decompress";

	private final PositionalParamSpec input = Options.input("The label file (.png or .tif from compress).");

	private final OptionSpec output = Options.output("OUT", "The image to write: .png or .tif (.tiff).");

	private final OptionSpec json = Options.json();

	private CommandSpec spec;

	/** @return the command's picocli model, which holds its values once parsed */
	CommandSpec spec() {
		spec = Options.command(this, NAME, "Rebuilds the image that a label file from compress stands for, with the " +
			"original's type, shape and channel layout, as PNG or TIFF by OUT's extension (PNG: one plane of 8- or " +
			"16-bit grey, RGB or RGBA; TIFF: anything but RGBA).");
		spec.usageMessage().sortOptions(false);
		spec.addPositional(input).addOption(output).addOption(json);
		return Options.addStandardHelp(spec);
	}

	/** Decompresses and prints the report; errors go to the command line's handlers. */
	@Override
	public Integer call() throws Exception {
		final Path input = this.input.getValue(), output = this.output.getValue();
		final boolean json = this.json.getValue();
		Reports.checkOutputName(spec, output);
		final Report report = Reports.run(() -> FileCodec.decompress(input, output, Progress.NONE));
		Reports.print(spec.commandLine().getOut(), report, input, output, json);
		return 0;
	}
}
