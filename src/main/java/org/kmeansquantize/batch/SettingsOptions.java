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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * The engine's settings as command-line options ({@code --colors}, {@code --seed}, {@code --batch},
 * {@code --iterations}, {@code --refine}, {@code --tolerance}, {@code --scaling}): names,
 * defaults and descriptions from {@link QuantizeSettings}. A picocli mixin, shared by
 * {@code compress} and the Spark job.
 */
public final class SettingsOptions {

	@Option(names = "--" + KEY_COLORS, paramLabel = "K", defaultValue = "" + DEFAULT_COLORS,
		description = DESCRIBE_COLORS)
	private int colors;

	@Option(names = "--" + KEY_SEED, paramLabel = "S", defaultValue = "" + DEFAULT_SEED, description = DESCRIBE_SEED)
	private long seed;

	@Option(names = "--" + KEY_BATCH, paramLabel = "N", defaultValue = "" + DEFAULT_BATCH,
		description = DESCRIBE_BATCH)
	private int batch;

	@Option(names = "--" + KEY_ITERATIONS, paramLabel = "N", defaultValue = "" + DEFAULT_ITERATIONS,
		description = DESCRIBE_ITERATIONS)
	private int iterations;

	@Option(names = "--" + KEY_REFINE, paramLabel = "N", defaultValue = "" + DEFAULT_REFINE,
		description = DESCRIBE_REFINE)
	private int refine;

	@Option(names = "--" + KEY_TOLERANCE, paramLabel = "T", defaultValue = "" + DEFAULT_TOLERANCE,
		description = DESCRIBE_TOLERANCE)
	private double tolerance;

	@Option(names = "--" + KEY_SCALING, paramLabel = "none|standardize", defaultValue = "none",
		converter = ScalingConverter.class, description = DESCRIBE_SCALING)
	private ChannelScaling scaling;

	@Option(names = "--" + KEY_SPACE, paramLabel = "rgb|lab", defaultValue = "rgb", converter = SpaceConverter.class,
		description = DESCRIBE_SPACE)
	private ColourSpace space;

	@Option(names = "--" + KEY_DITHER, description = DESCRIBE_DITHER)
	private boolean dither;

	/**
	 * @param commandLine the command these options belong to, for the error
	 * @return the settings given
	 * @throws ParameterException if they are out of range (one line, as for a bad option)
	 */
	public QuantizeSettings settings(final CommandLine commandLine) {
		try {
			return QuantizeSettings.builder().colors(colors).seed(seed).batch(batch).iterations(iterations).refine(
				refine).tolerance(tolerance).scaling(scaling).dither(dither).space(space)
				.build();
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
