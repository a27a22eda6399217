package org.kmeansquantize.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.kmeansquantize.core.Codebook;

/**
 * A palette view of a codebook: one square swatch per entry, in label order, left to right and top
 * to bottom, filled with the entry's colour; under it the label index and the entry's share of the
 * pixels, and for codebooks that are not packed colour (grey, 16-bit, float, several channels) the
 * entry's values, one line per channel (at most {@value #MAX_VALUE_LINES}). Stateless.
 * <p>
 * Layout: {@link #columns(int)} swatches per row, each {@value #SWATCH} pixels square, in cells of
 * {@value #CELL} pixels wide, a margin of {@value #MARGIN} pixels around; {@link #swatch(int, int, boolean, int)}
 * gives every swatch's rectangle.
 * </p>
 */
public final class PaletteImage {

	/** Side of a swatch in pixels. */
	public static final int SWATCH = 56;

	/** Width of a cell (swatch and gap) in pixels. */
	public static final int CELL = 76;

	/** Margin around the grid in pixels. */
	public static final int MARGIN = 10;

	/** Most channel values written under a swatch. */
	public static final int MAX_VALUE_LINES = 4;

	private static final int LINE = 13;

	private static final Color BACKGROUND = Color.WHITE;

	private static final Color TEXT = new Color(0x222222);

	private PaletteImage() {}

	/**
	 * @param entries number of codebook entries
	 * @return swatches per row: all of them up to 8, then 8 up to 16 entries, 16 beyond
	 */
	public static int columns(final int entries) {
		return entries <= 8 ? Math.max(1, entries) : entries <= 64 ? 8 : 16;
	}

	/**
	 * @param entries number of codebook entries
	 * @param i an entry
	 * @param values whether channel values are written under the swatches
	 * @param channels values per entry
	 * @return the rectangle of entry {@code i}'s swatch in the image that {@link #render} draws
	 */
	public static Rectangle swatch(final int entries, final int i, final boolean values, final int channels) {
		final int cols = columns(entries);
		final int row = i / cols, col = i % cols;
		return new Rectangle(MARGIN + col * CELL + (CELL - SWATCH) / 2, MARGIN + row * rowHeight(values, channels),
			SWATCH, SWATCH);
	}

	private static int rowHeight(final boolean values, final int channels) {
		return SWATCH + 6 + LINE * (1 + (values ? Math.min(channels, MAX_VALUE_LINES) : 0)) + 8;
	}

	/**
	 * Draws the palette.
	 *
	 * @param codebook the codebook
	 * @param counts pixels per label (the shares are their fractions of the total), one per entry
	 * @param colours the colour of every entry, {@code 0xRRGGBB}
	 * @param values whether to write every entry's channel values under its swatch (for codebooks
	 *          that are not packed colour)
	 * @return an RGB image
	 * @throws IllegalArgumentException if {@code counts} or {@code colours} do not have one element
	 *           per entry
	 */
	public static BufferedImage render(final Codebook codebook, final long[] counts, final int[] colours,
		final boolean values)
	{
		final int n = codebook.size(), nc = codebook.channels();
		if (counts.length != n || colours.length != n) throw new IllegalArgumentException(
			"a palette needs one count and one colour per codebook entry");
		final int cols = columns(n), rows = (n + cols - 1) / cols;
		final int width = 2 * MARGIN + cols * CELL;
		final int height = 2 * MARGIN + rows * rowHeight(values, nc) - 8;
		final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(BACKGROUND);
			g.fillRect(0, 0, width, height);
			long total = 0;
			for (final long c : counts)
				total += c;
			final Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 11);
			final Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
			for (int i = 0; i < n; i++) {
				final Rectangle r = swatch(n, i, values, nc);
				g.setColor(new Color(colours[i] & 0xffffff));
				g.fillRect(r.x, r.y, r.width, r.height);
				g.setColor(new Color(0xbbbbbb));
				g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
				final double share = total > 0 ? 100.0 * counts[i] / total : 0;
				int y = r.y + r.height + 6 + LINE - 3;
				g.setColor(TEXT);
				g.setFont(bold);
				centre(g, i + "  " + percent(share), MARGIN + (i % cols) * CELL, CELL, y);
				if (!values) continue;
				g.setFont(plain);
				for (int c = 0; c < Math.min(nc, MAX_VALUE_LINES); c++) {
					y += LINE;
					final String text = c == MAX_VALUE_LINES - 1 && nc > MAX_VALUE_LINES ? "\u2026" : (nc > 1 ? "C" + (c +
						1) + " " : "") + number(codebook.value(i, c));
					centre(g, text, MARGIN + (i % cols) * CELL, CELL, y);
				}
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	/**
	 * @param share a percentage
	 * @return it as the palette writes it: {@code 12.3%}, {@code 0.04%} below 0.1, {@code <0.01%} for
	 *         tiny non-zero shares
	 */
	public static String percent(final double share) {
		if (share > 0 && share < 0.01) return "<0.01%";
		return String.format(Locale.ROOT, share < 0.1 && share > 0 ? "%.2f%%" : "%.1f%%", share);
	}

	/**
	 * @param v a channel value
	 * @return it with up to four significant digits beyond the integer part, NaN as {@code NaN}
	 */
	public static String number(final double v) {
		if (Double.isNaN(v)) return "NaN";
		if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
		if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
		return String.format(Locale.ROOT, "%.4g", v);
	}

	private static void centre(final Graphics2D g, final String text, final int x, final int width, final int y) {
		final FontMetrics fm = g.getFontMetrics();
		g.drawString(text, x + (width - fm.stringWidth(text)) / 2, y);
	}

	/**
	 * The colours of the entries for a palette made without an ImageJ image: packed colour as it is
	 * (red, green, blue; alpha ignored); one channel as grey and several as a composite (channel 1
	 * red, 2 green, 3 blue, 4 grey, 5 cyan, 6 magenta, 7 yellow, as ImageJ's composites), each
	 * channel scaled to 0..255 from the type's range for 8-bit data and from its entries' smallest
	 * to largest value otherwise (16-bit and float data rarely fill their type); the non-finite entry
	 * black.
	 *
	 * @param codebook the codebook
	 * @param packedColour whether it is the codebook of an RGB or RGBA image
	 * @return {@code 0xRRGGBB} per entry
	 */
	public static int[] colours(final Codebook codebook, final boolean packedColour) {
		final int n = codebook.size(), nc = codebook.channels();
		final int[] out = new int[n];
		final double[] lo = new double[nc], hi = new double[nc];
		for (int c = 0; c < nc; c++) {
			if (codebook.range().isInteger() && codebook.range().bits() <= 8) {
				lo[c] = codebook.range().min();
				hi[c] = codebook.range().max();
				continue;
			}
			lo[c] = Double.POSITIVE_INFINITY;
			hi[c] = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				final double v = codebook.value(i, c);
				if (Double.isNaN(v)) continue;
				lo[c] = Math.min(lo[c], v);
				hi[c] = Math.max(hi[c], v);
			}
		}
		for (int i = 0; i < n; i++) {
			if (i == codebook.nonFiniteLabel()) continue;
			final double[] rgb = new double[3];
			for (int c = 0; c < nc; c++) {
				final double f = hi[c] > lo[c] ? (codebook.fitted(i, c) - lo[c]) / (hi[c] - lo[c]) : 1;
				if (packedColour) {
					if (c < 3) rgb[c] = f;
					continue;
				}
				final int tint = nc == 1 ? 0x7 : TINTS[c % TINTS.length];
				for (int b = 0; b < 3; b++)
					if ((tint & (4 >> b)) != 0) rgb[b] += f;
			}
			int packed = 0;
			for (int b = 0; b < 3; b++)
				packed = packed << 8 | (int) Math.round(255 * Math.max(0, Math.min(1, rgb[b])));
			out[i] = packed;
		}
		return out;
	}

	/** ImageJ's composite channel colours as red, green, blue bits: red, green, blue, grey, cyan, magenta, yellow. */
	private static final int[] TINTS = { 4, 2, 1, 7, 3, 5, 6 };
}
