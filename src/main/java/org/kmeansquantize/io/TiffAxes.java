package org.kmeansquantize.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each plane of a multi-directory TIFF lives: the channel, z and time sizes of the image
 * that is read (OME-TIFF's first series, an ImageJ hyperstack, or a plain stack of directories
 * of one shape), the directory that holds each (channel, z, t), the pixel size, and a note naming
 * what else the file holds and is not read. Immutable.
 * <p>
 * Channels here count directories: a directory of S samples (interleaved RGB, or S channels)
 * holds S of OME's {@code SizeC}; the reader splits them.
 * </p>
 */
final class TiffAxes {

	private static final Pattern IMAGE = Pattern.compile("<(?:\\w+:)?Image[\\s>](.*?)</(?:\\w+:)?Image>",
		Pattern.DOTALL);
	private static final Pattern PIXELS = Pattern.compile("<(?:\\w+:)?Pixels\\s([^>]*)>");
	private static final Pattern TIFF_DATA = Pattern.compile("<(?:\\w+:)?TiffData\\b([^>]*?)(/>|>(.*?)</(?:\\w+:)?TiffData>)",
		Pattern.DOTALL);
	private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
	private static final Pattern NAME = Pattern.compile("^[^>]*?\\bName\\s*=\\s*\"([^\"]*)\"");

	/** Directories per channel group, z planes and time points of the image read. */
	final int channels;
	final int slices;
	final int frames;
	/** OME DimensionOrder's last three letters, fastest first, e.g. {@code CZT}. */
	private final String order;
	/** Explicit directory per plane (index c + C * (z + Z * t)), or null: {@code first} on in order. */
	private final int[] explicit;
	private final int first;
	/** Pixel width, height and depth, and their unit; NaN and null where unknown. */
	final double pixelWidth;
	final double pixelHeight;
	final double pixelDepth;
	final String unit;
	/** Composite display mode for ImageJ. */
	final String mode;
	/** What the file holds besides the image read, or null. */
	final String note;

	private TiffAxes(final int channels, final int slices, final int frames, final String order, final int[] explicit,
		final int first, final double[] size, final String unit, final String mode, final String note)
	{
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
		this.order = order;
		this.explicit = explicit;
		this.first = first;
		this.pixelWidth = size[0];
		this.pixelHeight = size[1];
		this.pixelDepth = size[2];
		this.unit = unit;
		this.mode = mode;
		this.note = note;
	}

	/**
	 * @return the directory holding channel group c, slice z and frame t
	 */
	int directory(final int c, final int z, final int t) {
		if (explicit != null) return explicit[c + channels * (z + slices * t)];
		int index = 0, stride = 1;
		for (int i = 0; i < 3; i++) {
			final char axis = order.charAt(i);
			final int v = axis == 'C' ? c : axis == 'Z' ? z : t;
			final int size = axis == 'C' ? channels : axis == 'Z' ? slices : frames;
			index += v * stride;
			stride *= size;
		}
		return first + index;
	}

	/** @return the largest directory index used */
	int lastDirectory() {
		int max = 0;
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++)
				for (int c = 0; c < channels; c++)
					max = Math.max(max, directory(c, z, t));
		return max;
	}

	/**
	 * A stack of directories, or an ImageJ hyperstack by its description: the first directories of
	 * the first directory's shape.
	 *
	 * @param description the first directory's ImageDescription, or null
	 * @param sameShape how many directories from the first on have its shape
	 * @param directories all directories in the file
	 * @param samples samples per directory
	 * @param other the shape of the first directory not read, for the note, or null
	 * @param xResolution pixels per unit along x, or NaN
	 * @param yResolution pixels per unit along y, or NaN
	 */
	static TiffAxes plain(final String description, final int sameShape, final int directories, final int samples,
		final String other, final double xResolution, final double yResolution)
	{
		final String note = sameShape < directories ? "directories " + (sameShape + 1) + " to " + directories +
			" of the file (another image: " + other + ") are not read; the first " + sameShape + " are" : null;
		final double[] none = { Double.NaN, Double.NaN, Double.NaN };
		if (description != null && description.startsWith("ImageJ=")) {
			final int c = imageJ(description, "channels", 1), z = imageJ(description, "slices", 1), t = imageJ(
				description, "frames", 1);
			if ((long) c * z * t == sameShape) {
				final double spacing = imageJDouble(description, "spacing");
				final String unit = imageJText(description, "unit");
				final String mode = imageJText(description, "mode");
				// ImageJ stores the pixel size as resolution in pixels per its unit
				final boolean scaled = unit != null && xResolution > 0;
				return new TiffAxes(c, z, t, "CZT", null, 0, new double[] { scaled ? 1 / xResolution : Double.NaN, scaled &&
					yResolution > 0 ? 1 / yResolution : Double.NaN, spacing }, scaled ? unit : null, mode == null ? "none"
						: mode, note);
			}
		}
		return new TiffAxes(1, sameShape, 1, "CZT", null, 0, none, null, "none", note);
	}

	/**
	 * The first series of an OME-TIFF.
	 *
	 * @param xml the OME-XML
	 * @param samples samples per directory of the first directory
	 * @param directories directories in the file
	 * @throws IOException if the OME-XML has no Pixels, or its planes are in other files
	 */
	static TiffAxes ome(final String xml, final int samples, final int directories) throws IOException {
		final List<String> images = new ArrayList<>();
		final Matcher im = IMAGE.matcher(xml);
		while (im.find())
			images.add(im.group(1));
		if (images.isEmpty()) throw new IOException("corrupt OME-TIFF (its OME-XML has no Image)");
		final String image = images.get(0);
		final Matcher pm = PIXELS.matcher(image);
		if (!pm.find()) throw new IOException("corrupt OME-TIFF (its first Image has no Pixels)");
		final String pixels = pm.group(1);
		final String dimensionOrder = attribute(pixels, "DimensionOrder", "XYCZT");
		if (!dimensionOrder.matches("XY[CZT]{3}") || dimensionOrder.chars().distinct().count() != 5)
			throw new IOException("corrupt OME-TIFF (DimensionOrder " + dimensionOrder + ")");
		final int sizeC = integer(pixels, "SizeC"), sizeZ = integer(pixels, "SizeZ"), sizeT = integer(pixels,
			"SizeT");
		if (sizeC % samples != 0) throw new IOException("corrupt OME-TIFF (SizeC " + sizeC +
			" is not a multiple of the " + samples + " samples per pixel)");
		final int c = sizeC / samples;
		final String order = dimensionOrder.substring(2);
		final int planes = c * sizeZ * sizeT;
		int[] explicit = null;
		int first = 0;
		final Matcher td = TIFF_DATA.matcher(image);
		final List<int[]> entries = new ArrayList<>();
		while (td.find()) {
			final String a = td.group(1);
			final String body = td.group(3);
			if (body != null && body.contains("FileName")) throw new IOException(
				"this OME-TIFF's planes are spread over several files (multi-file OME-TIFF), which is not read");
			entries.add(new int[] { integer(a, "IFD", 0), integer(a, "FirstC", 0), integer(a, "FirstZ", 0), integer(a,
				"FirstT", 0), integer(a, "PlaneCount", -1) });
		}
		if (entries.size() == 1 && entries.get(0)[1] == 0 && entries.get(0)[2] == 0 && entries.get(0)[3] == 0)
			first = entries.get(0)[0];
		else if (entries.size() > 1) {
			explicit = new int[planes];
			Arrays.fill(explicit, -1);
			for (final int[] e : entries) {
				final int count = e[4] < 0 ? 1 : e[4];
				int ci = e[1], zi = e[2], ti = e[3];
				for (int k = 0; k < count; k++) {
					if (ci >= c || zi >= sizeZ || ti >= sizeT) throw new IOException(
						"corrupt OME-TIFF (a TiffData element points outside SizeC, SizeZ, SizeT)");
					explicit[ci + c * (zi + sizeZ * ti)] = e[0] + k;
					// the next plane in DimensionOrder
					for (int i = 0; i < 3; i++) {
						final char axis = order.charAt(i);
						if (axis == 'C' && ++ci < c || axis == 'Z' && ++zi < sizeZ || axis == 'T' && ++ti < sizeT) break;
						if (axis == 'C') ci = 0;
						else if (axis == 'Z') zi = 0;
						else ti = 0;
					}
				}
			}
			for (final int d : explicit)
				if (d < 0) throw new IOException("corrupt OME-TIFF (its TiffData elements leave planes without a directory)");
		}
		final double[] size = { physical(pixels, "PhysicalSizeX"), physical(pixels, "PhysicalSizeY"), physical(pixels,
			"PhysicalSizeZ") };
		final String unit = Double.isNaN(size[0]) ? null : attribute(pixels, "PhysicalSizeXUnit", "µm");
		String note = null;
		if (images.size() > 1) {
			final StringBuilder sb = new StringBuilder();
			for (int i = 1; i < images.size(); i++) {
				final Matcher n = NAME.matcher(images.get(i));
				sb.append(i > 1 ? ", " : "").append(i).append(n.find() ? " (" + n.group(1) + ")" : "");
			}
			final Matcher n0 = NAME.matcher(image);
			note = "the OME-TIFF holds " + images.size() + " series; series 0" + (n0.find() ? " (" + n0.group(1) + ")"
				: "") + " is read, not series " + sb;
		}
		final TiffAxes axes = new TiffAxes(c, sizeZ, sizeT, order, explicit, first, size, unit, c > 1 ? "composite"
			: "none", note);
		if (axes.lastDirectory() >= directories) throw new IOException("corrupt OME-TIFF (its OME-XML names " +
			(axes.lastDirectory() + 1) + " directories, the file has " + directories + ")");
		return axes;
	}

	private static String attribute(final String attributes, final String name, final String fallback) {
		final Matcher m = ATTRIBUTE.matcher(attributes);
		while (m.find())
			if (m.group(1).equals(name)) return m.group(2);
		return fallback;
	}

	private static int integer(final String attributes, final String name) throws IOException {
		final int v = integer(attributes, name, -1);
		if (v < 1) throw new IOException("corrupt OME-TIFF (" + name + " " + attribute(attributes, name, "missing") +
			")");
		return v;
	}

	private static int integer(final String attributes, final String name, final int fallback) throws IOException {
		final String v = attribute(attributes, name, null);
		if (v == null) return fallback;
		try {
			return Integer.parseInt(v.trim());
		}
		catch (final NumberFormatException e) {
			throw new IOException("corrupt OME-TIFF (" + name + " '" + v + "')");
		}
	}

	private static double physical(final String attributes, final String name) {
		final String v = attribute(attributes, name, null);
		try {
			final double d = v == null ? Double.NaN : Double.parseDouble(v);
			return d > 0 && Double.isFinite(d) ? d : Double.NaN;
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}

	private static String imageJText(final String description, final String key) {
		for (final String line : description.split("\n")) {
			final int eq = line.indexOf('=');
			// ImageJ writes non-ASCII characters of the unit as Java escapes (µm as \u00B5m)
			if (eq > 0 && line.substring(0, eq).trim().equals(key)) return unescape(line.substring(eq + 1).trim());
		}
		return null;
	}

	private static String unescape(final String s) {
		final Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(s);
		final StringBuffer sb = new StringBuffer();
		while (m.find())
			m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
		return m.appendTail(sb).toString();
	}

	private static int imageJ(final String description, final String key, final int fallback) {
		final String v = imageJText(description, key);
		try {
			return v == null ? fallback : Math.max(1, Integer.parseInt(v));
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}

	private static double imageJDouble(final String description, final String key) {
		final String v = imageJText(description, key);
		try {
			return v == null ? Double.NaN : Double.parseDouble(v.toLowerCase(Locale.ROOT));
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}
}
