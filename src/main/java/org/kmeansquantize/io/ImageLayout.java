package org.kmeansquantize.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a quantized image was before it became labels: sample type, size, channels, slices,
 * frames, composite display mode and the file format it came from, so that a reconstruction gets
 * the original type, shape and channel layout back. Immutable. Its text form, version 1, is
 * embedded next to the codebook in label files:
 *
 * <pre>
 * kmeans-quantize layout 1
 * type gray16            gray8 | gray16 | gray32 | rgb | rgba
 * width 89
 * height 88
 * channels 2             ImageJ channels (1 for rgb and rgba, whose planes are packed colour)
 * slices 17
 * frames 1
 * mode composite         composite | color | grayscale | none (not a composite image)
 * source tiff            png | jpeg | tiff
 * end
 * </pre>
 *
 * Lines before the first line and after {@code end} are ignored; unknown keys inside the block are
 * ignored, so that later version-1 writers may add keys.
 * <p>
 * Pixels are stored as ImageJ orders a hyperstack: planes of width&times;height, channel fastest,
 * then slice, then frame. For {@code gray*} types each plane holds one channel; for {@code rgb}
 * and {@code rgba} each plane holds packed ARGB pixels. From a PNG with two to four samples per
 * pixel (grey and alpha, or 16-bit RGB/RGBA) the samples become channels of a {@code gray8} or
 * {@code gray16} image with {@code source png}.
 * </p>
 */
public final class ImageLayout {

	/** First line of a layout block. */
	public static final String MAGIC = "kmeans-quantize layout";
	/** The version this class writes. */
	public static final int VERSION = 1;

	/** Sample type of the original image. */
	public enum Type {
		/** 8-bit unsigned, one value per channel. */
		GRAY8("gray8", 8),
		/** 16-bit unsigned, one value per channel. */
		GRAY16("gray16", 16),
		/** 32-bit float, one value per channel. */
		GRAY32("gray32", 32),
		/** 8-bit red, green, blue packed into one plane. */
		RGB("rgb", 8),
		/** 8-bit red, green, blue and alpha packed into one plane. */
		RGBA("rgba", 8);

		private final String key;
		private final int bits;

		Type(final String key, final int bits) {
			this.key = key;
			this.bits = bits;
		}

		/** @return the name in the layout block */
		public String key() {
			return key;
		}

		/** @return bits per sample */
		public int bits() {
			return bits;
		}

		/** @return whether planes hold packed colour */
		public boolean isColor() {
			return this == RGB || this == RGBA;
		}

		static Type parse(final String s) {
			for (final Type t : values())
				if (t.key.equals(s)) return t;
			throw new IllegalArgumentException("malformed k-means layout: unknown type '" + s + "'");
		}
	}

	private final Type type;
	private final int width;
	private final int height;
	private final int channels;
	private final int slices;
	private final int frames;
	private final String mode;
	private final String source;

	/**
	 * @param type sample type
	 * @param width pixels per row, &ge; 1
	 * @param height rows, &ge; 1
	 * @param channels ImageJ channels, &ge; 1
	 * @param slices z planes, &ge; 1
	 * @param frames time points, &ge; 1
	 * @param mode composite display mode: {@code composite}, {@code color}, {@code grayscale}, or
	 *          {@code none}
	 * @param source the original file format: {@code png}, {@code jpeg} or {@code tiff}
	 * @throws IllegalArgumentException if a size is below 1 or the planes do not fit ImageJ's
	 *           limits (2<sup>31</sup>-1 pixels per plane and planes per stack)
	 */
	public ImageLayout(final Type type, final int width, final int height, final int channels, final int slices,
		final int frames, final String mode, final String source)
	{
		if (type == null || mode == null || source == null) throw new IllegalArgumentException(
			"a layout needs a type, a mode and a source");
		if (width < 1 || height < 1 || channels < 1 || slices < 1 || frames < 1)
			throw new IllegalArgumentException("malformed k-means layout: sizes must be at least 1, not " + width +
				"x" + height + ", " + channels + " channels, " + slices + " slices, " + frames + " frames");
		final long planes = (long) channels * slices * frames;
		if ((long) width * height > Integer.MAX_VALUE || planes > Integer.MAX_VALUE)
			throw new IllegalArgumentException("an image of " + width + "x" + height + " pixels and " + planes +
				" planes is too large");
		this.type = type;
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
		this.mode = mode;
		this.source = source;
	}

	/** @return sample type */
	public Type type() {
		return type;
	}

	/** @return pixels per row */
	public int width() {
		return width;
	}

	/** @return rows */
	public int height() {
		return height;
	}

	/** @return ImageJ channels (1 for most rgb and rgba images) */
	public int channels() {
		return channels;
	}

	/** @return z planes */
	public int slices() {
		return slices;
	}

	/** @return time points */
	public int frames() {
		return frames;
	}

	/** @return composite display mode, or {@code none} */
	public String mode() {
		return mode;
	}

	/** @return the original file format: {@code png}, {@code jpeg} or {@code tiff} */
	public String source() {
		return source;
	}

	/** @return planes of width&times;height: channels &times; slices &times; frames */
	public int planes() {
		return channels * slices * frames;
	}

	/** @return values per pixel the engine sees: 3 for rgb, 4 for rgba, else the channels */
	public int valuesPerPixel() {
		return type == Type.RGB ? 3 : type == Type.RGBA ? 4 : channels;
	}

	/**
	 * @return the dimensions of the pixel grid (and of the label image): width, height, slices
	 *         (channels &times; slices for packed colour, whose channels are separate pixels) and
	 *         frames
	 */
	public long[] pixelDimensions() {
		return new long[] { width, height, type.isColor() ? (long) channels * slices : slices, frames };
	}

	/** @return label planes: one per slice and frame (per channel, slice and frame for packed colour) */
	public int labelPlanes() {
		return type.isColor() ? planes() : slices * frames;
	}

	/**
	 * @return the PNG colour type that holds this image without loss (see {@link PngEncoder}), or -1
	 *         if no PNG does: one plane of 8- or 16-bit grey or packed colour, or, from a PNG, grey
	 *         with alpha and 16-bit RGB or RGBA
	 */
	public int pngColorType() {
		if (slices != 1 || frames != 1) return -1;
		switch (type) {
			case RGB:
				return channels == 1 ? PngEncoder.RGB : -1;
			case RGBA:
				return channels == 1 ? PngEncoder.RGBA : -1;
			case GRAY8:
			case GRAY16:
				if (channels == 1) return PngEncoder.GREY;
				if (!"png".equals(source)) return -1;
				if (channels == 2) return PngEncoder.GREY_ALPHA;
				if (type == Type.GRAY16) return channels == 3 ? PngEncoder.RGB : channels == 4 ? PngEncoder.RGBA : -1;
				return -1;
			default:
				return -1;
		}
	}

	/** @return whether an indexed PNG (8-bit palette entries, with alpha) represents this image */
	public boolean fitsIndexedPng() {
		return type.bits() == 8 && pngColorType() >= 0;
	}

	/** @return a one-line description such as {@code 16-bit, 2 channels, 17 slices, 89x88} */
	public String describe() {
		final StringBuilder sb = new StringBuilder();
		sb.append(type == Type.GRAY32 ? "32-bit float" : type.isColor() ? type.key().toUpperCase(Locale.ROOT) : type
			.bits() + "-bit");
		if (channels > 1) sb.append(", ").append(channels).append(" channels");
		if (slices > 1) sb.append(", ").append(slices).append(" slices");
		if (frames > 1) sb.append(", ").append(frames).append(" frames");
		return sb.append(", ").append(width).append('x').append(height).toString();
	}

	/** @return the layout block, lines separated by {@code \n}, ending with {@code end\n} */
	public String format() {
		return MAGIC + " " + VERSION + "\n" + "type " + type.key() + "\n" + "width " + width + "\n" + "height " +
			height + "\n" + "channels " + channels + "\n" + "slices " + slices + "\n" + "frames " + frames + "\n" +
			"mode " + mode + "\n" + "source " + source + "\n" + "end\n";
	}

	/**
	 * @param text text holding a layout block
	 * @return the layout
	 * @throws IllegalArgumentException with a one-line message if there is no block, or it is of
	 *           another version, incomplete or malformed
	 */
	public static ImageLayout parse(final String text) {
		final String[] lines = text.split("\r?\n|\r");
		int i = 0;
		while (i < lines.length && !lines[i].trim().startsWith(MAGIC))
			i++;
		if (i == lines.length) throw new IllegalArgumentException("no k-means layout found");
		final String version = lines[i].trim().substring(MAGIC.length()).trim();
		if (!String.valueOf(VERSION).equals(version)) throw new IllegalArgumentException("layout version " + version +
			" is not supported (this version reads " + VERSION + ")");
		final Map<String, String> values = new LinkedHashMap<>();
		for (i++; i < lines.length && !"end".equals(lines[i].trim()); i++) {
			final String[] kv = lines[i].trim().split("\\s+", 2);
			if (kv.length == 2) values.put(kv[0], kv[1].trim());
		}
		if (i == lines.length) throw new IllegalArgumentException("malformed k-means layout: no 'end' line");
		return new ImageLayout(Type.parse(required(values, "type")), integer(values, "width"), integer(values,
			"height"), integer(values, "channels"), integer(values, "slices"), integer(values, "frames"),
			required(values, "mode"), required(values, "source"));
	}

	private static String required(final Map<String, String> values, final String key) {
		final String v = values.get(key);
		if (v == null) throw new IllegalArgumentException("malformed k-means layout: no '" + key + "'");
		return v;
	}

	private static int integer(final Map<String, String> values, final String key) {
		final String v = required(values, key);
		try {
			return Integer.parseInt(v);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("malformed k-means layout: " + key + " '" + v + "' is not a number");
		}
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof ImageLayout)) return false;
		final ImageLayout l = (ImageLayout) o;
		return type == l.type && width == l.width && height == l.height && channels == l.channels &&
			slices == l.slices && frames == l.frames && mode.equals(l.mode) && source.equals(l.source);
	}

	@Override
	public int hashCode() {
		return ((((type.hashCode() * 31 + width) * 31 + height) * 31 + channels) * 31 + slices) * 31 + frames;
	}

	@Override
	public String toString() {
		return describe();
	}
}
