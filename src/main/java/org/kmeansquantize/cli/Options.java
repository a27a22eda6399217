package org.kmeansquantize.cli;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The pieces the commands build their picocli models from, in code: what picocli's annotations
 * would declare, without reading annotations when the command line starts. Reading the first
 * annotations makes the JVM generate a proxy class for each annotation type, and picocli's access
 * to annotated fields spins up method handles: with the launcher, about a quarter of a 16x16
 * image's run (docs/launcher.md). The values parsed stay in the options
 * ({@code OptionSpec.getValue()}), where the commands read them.
 */
final class Options {

	private Options() {}

	/**
	 * @param userObject what runs: a {@link java.util.concurrent.Callable} or {@link Runnable}
	 * @param name the command's name
	 * @param description its description, one paragraph per element
	 * @return the command, with options sorted as added and, unless asked otherwise, without
	 *         default values in the help
	 */
	static CommandSpec command(final Object userObject, final String name, final String... description) {
		final CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
		spec.usageMessage().description(description);
		return spec;
	}

	/**
	 * Adds {@code -h, --help} and {@code -V, --version}, as picocli's
	 * {@code mixinStandardHelpOptions} does (last, with its descriptions).
	 *
	 * @param spec the command
	 * @return {@code spec}
	 */
	static CommandSpec addStandardHelp(final CommandSpec spec) {
		return spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).descriptionKey(
			"mixinStandardHelpOptions.help").description("Show this help message and exit.").build()).addOption(OptionSpec
				.builder("-V", "--version").versionHelp(true).descriptionKey("mixinStandardHelpOptions.version")
				.description("Print version information and exit.").build());
	}

	/**
	 * @param label the help's name for the value
	 * @param type the value's type
	 * @param description what it is
	 * @param names the option's names
	 * @return an option with one value, none unless given
	 */
	static OptionSpec option(final String label, final Class<?> type, final String description,
		final String... names)
	{
		return OptionSpec.builder(names).paramLabel(label).type(type).description(description).build();
	}

	/**
	 * @param label the help's name for the file
	 * @param description what is written there
	 * @return {@code -o, --output}, a path that must be given
	 */
	static OptionSpec output(final String label, final String description) {
		return OptionSpec.builder("-o", "--output").required(true).paramLabel(label).type(Path.class).description(
			description).build();
	}

	/**
	 * @param name the option's name
	 * @param description what it switches on
	 * @return an option without a value: {@code false} unless given
	 */
	static OptionSpec flag(final String name, final String description) {
		return OptionSpec.builder(name).type(boolean.class).initialValue(false).description(description).build();
	}

	/** @return {@code --json} of compress, decompress and palette: the report as JSON */
	static OptionSpec json() {
		return flag("--json", "Print one JSON object with what was done as the last line on stdout.");
	}

	/**
	 * @param description what the file is
	 * @return the first positional parameter, {@code IN}: a path that must be given
	 */
	static PositionalParamSpec input(final String description) {
		return PositionalParamSpec.builder().index("0").required(true).paramLabel("IN").type(Path.class).description(
			description).build();
	}
}
