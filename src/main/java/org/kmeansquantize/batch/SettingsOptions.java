package org.kmeansquantize.batch;

import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_TOLERANCE;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_DITHER;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SPACE;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_TOLERANCE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_DITHER;
import static org.kmeansquantize.core.QuantizeSettings.KEY_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SPACE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_TOLERANCE;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * The engine's settings as command-line options ({@code --colors}, {@code --seed}, {@code --batch},
 * {@code --iterations}, {@code --refine}, {@code --tolerance}, {@code --scaling}, {@code --space},
 * {@code --dither}): names, defaults and descriptions from {@link QuantizeSettings}. A picocli
 * mixin built in code ({@link #mixin()}), shared by {@code compress} and the Spark job; not read
 * from annotations, whose first reading is a good part of a small image's run on the command line
 * (docs/launcher.md). One instance per command: it holds the values parsed.
 */
public final class SettingsOptions {

	private final OptionSpec colors = option(KEY_COLORS, "K", int.class, "" + DEFAULT_COLORS, DESCRIBE_COLORS);

	private final OptionSpec seed = option(KEY_SEED, "S", long.class, "" + DEFAULT_SEED, DESCRIBE_SEED);

	private final OptionSpec batch = option(KEY_BATCH, "N", int.class, "" + DEFAULT_BATCH, DESCRIBE_BATCH);

	private final OptionSpec iterations = option(KEY_ITERATIONS, "N", int.class, "" + DEFAULT_ITERATIONS,
		DESCRIBE_ITERATIONS);

	private final OptionSpec refine = option(KEY_REFINE, "N", int.class, "" + DEFAULT_REFINE, DESCRIBE_REFINE);

	private final OptionSpec tolerance = option(KEY_TOLERANCE, "T", double.class, "" + DEFAULT_TOLERANCE,
		DESCRIBE_TOLERANCE);

	private final OptionSpec scaling = OptionSpec.builder("--" + KEY_SCALING).paramLabel("none|standardize").type(
		ChannelScaling.class).defaultValue("none").converters(new ScalingConverter()).description(DESCRIBE_SCALING)
		.build();

	private final OptionSpec space = OptionSpec.builder("--" + KEY_SPACE).paramLabel("rgb|lab").type(
		ColourSpace.class).defaultValue("rgb").converters(new SpaceConverter()).description(DESCRIBE_SPACE).build();

	private final OptionSpec dither = OptionSpec.builder("--" + KEY_DITHER).type(boolean.class).initialValue(false)
		.description(DESCRIBE_DITHER).build();

	private static OptionSpec option(final String key, final String label, final Class<?> type,
		final String defaultValue, final String description)
	{
		return OptionSpec.builder("--" + key).paramLabel(label).type(type).defaultValue(defaultValue).description(
			description).build();
	}

	/**
	 * @return these options, in the help's order, as a picocli mixin: add it with
	 *         {@code CommandSpec.addMixin}, or as the value of a {@code @Mixin} field of type
	 *         {@code CommandSpec}; the values parsed are then this object's
	 */
	public CommandSpec mixin() {
		final CommandSpec mixin = CommandSpec.create();
		for (final OptionSpec o : new OptionSpec[] { colors, seed, batch, iterations, refine, tolerance, scaling,
			space, dither })
			mixin.addOption(o);
		return mixin;
	}

	/**
	 * @param commandLine the command these options belong to, for the error
	 * @return the settings parsed
	 * @throws ParameterException if they are out of range (one line, as for a bad option)
	 */
	public QuantizeSettings settings(final CommandLine commandLine) {
		try {
			return QuantizeSettings.builder().colors(colors.<Integer> getValue()).seed(seed.<Long> getValue()).batch(
				batch.<Integer> getValue()).iterations(iterations.<Integer> getValue()).refine(refine.<Integer> getValue())
				.tolerance(tolerance.<Double> getValue()).scaling(scaling.<ChannelScaling> getValue()).dither(dither
					.<Boolean> getValue()).space(space.<ColourSpace> getValue()).build();
		}
		catch (final IllegalArgumentException e) {
			throw new ParameterException(commandLine, e.getMessage());
		}
	}

	/** Parses {@code --space} with the engine's own names. */
	static final class SpaceConverter implements ITypeConverter<ColourSpace> {

		/** @param value {@code rgb} or {@code lab} @return the space */
		@Override
		public ColourSpace convert(final String value) {
			try {
				return ColourSpace.parse(value);
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}

	/** Parses {@code --scaling} with the engine's own names. */
	static final class ScalingConverter implements ITypeConverter<ChannelScaling> {

		/** @param value {@code none} or {@code standardize} @return the scaling */
		@Override
		public ChannelScaling convert(final String value) {
			try {
				return ChannelScaling.parse(value);
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
