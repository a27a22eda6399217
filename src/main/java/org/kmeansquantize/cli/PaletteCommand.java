package org.kmeansquantize.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.batch.PaletteFiles;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;

/** {@code palette IN -o palette.png}: the swatches of a label file's or codebook file's codebook. */
final class PaletteCommand implements Callable<Integer> {

	/** The command's name. */
	static final String NAME = "palette";

	private final PositionalParamSpec input = Options.input("The label file or codebook file; never modified.");

	private final OptionSpec output = Options.output("PNG", "The PNG to write.");

	private final OptionSpec json = Options.json();

	private CommandSpec spec;

	/** @return the command's picocli model, which holds its values once parsed */
	CommandSpec spec() {
		spec = Options.command(this, NAME, "Draws the codebook of IN (a label .png or .tif from compress, or a " +
			"codebook text file) as a PNG: one swatch per entry in label order, with the label, its share of the " +
			"pixels (counted in the labels; for a codebook file, from its counts) and, unless the image is RGB, the " +
			"entry's values.");
		spec.usageMessage().sortOptions(false);
		spec.addPositional(input).addOption(output).addOption(json);
		return Options.addStandardHelp(spec);
	}

	/** Reads the codebook, draws and writes the palette; errors go to the handlers. */
	@Override
	public Integer call() throws Exception {
		final Path input = this.input.getValue(), output = this.output.getValue();
		final boolean json = this.json.getValue();
		if (!output.toString().toLowerCase(Locale.ROOT).endsWith(".png")) throw new ParameterException(spec
			.commandLine(), "output " + output + " must end in .png");
		AtomicOutput.Inputs.of(input).check(output);
		final PaletteFiles.Palette palette = PaletteFiles.read(input);
		final long bytes = AtomicOutput.writePng(palette.render(), output, AtomicOutput.Inputs.of(input));
		if (json) {
			final Report v = new Report(ReportSchema.PALETTE);
			v.put(ReportField.COMMAND, "palette");
			v.put(ReportField.ENTRIES, palette.codebook().size());
			v.put(ReportField.CHANNELS, palette.codebook().channels());
			v.put(ReportField.OUTPUT_BYTES, bytes);
			spec.commandLine().getOut().println(v.json());
		}
		else spec.commandLine().getOut().println(input + " -> " + output + ": " + palette.codebook().size() +
			" entries");
		spec.commandLine().getOut().flush();
		return 0;
	}
}
