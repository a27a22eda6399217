package org.kmeansquantize.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.kmeansquantize.core.QualityCurve;

/**
 * The quality curve as a picture: PSNR in dB (left axis) against k on a logarithmic axis, the MSE
 * that each PSNR tick stands for on the right axis, the knee marked, and where a target PSNR is
 * given, the target as a dashed line and the smallest k that reaches it marked. Points of zero MSE
 * (infinite PSNR) are drawn at the top edge, labelled "exact". Stateless.
 */
public final class CurvePlot {

	/** Width of the picture in pixels. */
	public static final int WIDTH = 720;

	/** Height of the picture in pixels. */
	public static final int HEIGHT = 420;

	private static final int LEFT = 64, RIGHT = 78, TOP = 44, BOTTOM = 52;

	private static final Color LINE = new Color(0x1f5fa8);

	private static final Color KNEE = new Color(0xd9480f);

	private static final Color TARGET = new Color(0x2b8a3e);

	private static final Color GRID = new Color(0xe6e6e6);

	private static final Color AXIS = new Color(0x444444);

	private CurvePlot() {}

	/**
	 * Draws the curve.
	 *
	 * @param curve the curve
	 * @param title written above the plot, e.g. the image's name; null for none
	 * @param targetPsnr the target PSNR in dB, or NaN for none
	 * @return an RGB image of {@value #WIDTH}&times;{@value #HEIGHT} pixels
	 */
	public static BufferedImage render(final QualityCurve curve, final String title, final double targetPsnr) {
		final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			draw(g, curve, title, targetPsnr);
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private static void draw(final Graphics2D g, final QualityCurve curve, final String title,
		final double target)
	{
		final int n = curve.size();
		final int x0 = LEFT, x1 = WIDTH - RIGHT, y0 = HEIGHT - BOTTOM, y1 = TOP;
		// axis ranges: k from the first to the last power of two around the curve, PSNR in whole steps
		final double kLo = Math.min(2, curve.k(0)), kHi = Math.max(curve.k(n - 1), 4);
		double pLo = Double.POSITIVE_INFINITY, pHi = Double.NEGATIVE_INFINITY;
		boolean exact = false;
		for (int i = 0; i < n; i++) {
			final double p = curve.psnr(i);
			if (Double.isInfinite(p)) {
				exact = true;
				continue;
			}
			if (Double.isNaN(p)) continue;
			pLo = Math.min(pLo, p);
			pHi = Math.max(pHi, p);
		}
		if (Double.isFinite(target)) {
			pLo = Math.min(pLo, target);
			pHi = Math.max(pHi, target);
		}
		if (!(pHi >= pLo)) {
			pLo = 0;
			pHi = 10;
		}
		final double step = niceStep((pHi - pLo) / 6);
		final double yLo = Math.floor(pLo / step) * step;
		final double yHi = Math.max(yLo + step, Math.ceil((pHi + (exact ? step / 2 : 0)) / step) * step);
		final Axis xa = v -> x0 + (x1 - x0) * (Math.log(v) - Math.log(kLo)) / (Math.log(kHi) - Math.log(kLo));
		final Axis ya = v -> y0 - (y0 - y1) * (v - yLo) / (yHi - yLo);
		final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
		final Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
		final Font heading = new Font(Font.SANS_SERIF, Font.BOLD, 14);
		// grid and ticks
		g.setFont(small);
		for (double v = yLo; v <= yHi + step / 1e6; v += step) {
			final int y = (int) Math.round(ya.at(v));
			g.setColor(GRID);
			g.drawLine(x0, y, x1, y);
			g.setColor(AXIS);
			g.drawLine(x0 - 4, y, x0, y);
			g.drawLine(x1, y, x1 + 4, y);
			right(g, number(v), x0 - 7, y + 4);
			g.drawString(mse(curve.peak(), v), x1 + 7, y + 4);
		}
		for (int k = 1; k <= kHi; k *= 2) {
			if (k < kLo) continue;
			final int x = (int) Math.round(xa.at(k));
			g.setColor(GRID);
			g.drawLine(x, y0, x, y1);
			g.setColor(AXIS);
			g.drawLine(x, y0, x, y0 + 4);
			centre(g, Integer.toString(k), x, y0 + 17);
		}
		g.setColor(AXIS);
		g.drawRect(x0, y1, x1 - x0, y0 - y1);
		g.setFont(label);
		centre(g, "k (codebook entries, log scale)", (x0 + x1) / 2, HEIGHT - 14);
		vertical(g, "PSNR (dB)", 18, (y0 + y1) / 2, false);
		vertical(g, "MSE", WIDTH - 14, (y0 + y1) / 2, true);
		if (title != null) {
			g.setFont(heading);
			g.setColor(Color.BLACK);
			g.drawString(title, x0, 26);
		}
		// target
		final int reach = Double.isFinite(target) ? curve.smallestReaching(target) : -1;
		if (Double.isFinite(target)) {
			final int y = (int) Math.round(ya.at(target));
			g.setColor(TARGET);
			g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 },
				0));
			g.drawLine(x0, y, x1, y);
			g.setStroke(new BasicStroke(1));
			g.setFont(small);
			g.drawString(String.format(Locale.ROOT, "target %s dB", number(target)), x0 + 6, y - 5);
		}
		// the curve
		final double[] px = new double[n], py = new double[n];
		for (int i = 0; i < n; i++) {
			px[i] = xa.at(curve.k(i));
			final double p = curve.psnr(i);
			py[i] = Double.isInfinite(p) ? y1 : ya.at(Double.isNaN(p) ? yLo : p);
		}
		final Path2D path = new Path2D.Double();
		path.moveTo(px[0], py[0]);
		for (int i = 1; i < n; i++)
			path.lineTo(px[i], py[i]);
		g.setColor(LINE);
		g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(path);
		g.setStroke(new BasicStroke(1));
		for (int i = 0; i < n; i++)
			dot(g, px[i], py[i], 3.5, LINE);
		g.setFont(small);
		if (exact) for (int i = 0; i < n; i++)
			if (Double.isInfinite(curve.psnr(i))) {
				g.setColor(LINE);
				right(g, "exact", (int) px[i] - 6, (int) py[i] + 14);
				break;
			}
		// knee and target point
		final int knee = curve.knee();
		ring(g, px[knee], py[knee], KNEE);
		g.setColor(KNEE);
		g.setFont(label);
		g.drawString("knee: k = " + curve.k(knee), (int) px[knee] + 10, (int) py[knee] + 18);
		if (reach >= 0) {
			ring(g, px[reach], py[reach], TARGET);
			g.setColor(TARGET);
			final String s = "k = " + curve.k(reach);
			right(g, s, (int) px[reach] - 10, (int) py[reach] - 10);
		}
	}

	private interface Axis {

		double at(double v);
	}

	private static void dot(final Graphics2D g, final double x, final double y, final double r, final Color c) {
		g.setColor(c);
		g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
	}

	private static void ring(final Graphics2D g, final double x, final double y, final Color c) {
		g.setColor(c);
		g.setStroke(new BasicStroke(2.2f));
		g.draw(new Ellipse2D.Double(x - 7, y - 7, 14, 14));
		g.setStroke(new BasicStroke(1));
	}

	private static double niceStep(final double raw) {
		final double p = Math.pow(10, Math.floor(Math.log10(raw)));
		for (final double m : new double[] { 1, 2, 2.5, 5, 10 })
			if (m * p >= raw) return m * p;
		return 10 * p;
	}

	private static String number(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
	}

	/** @return the MSE that a PSNR stands for, with three significant digits */
	private static String mse(final double peak, final double psnr) {
		final double m = peak * peak / Math.pow(10, psnr / 10);
		if (m >= 1e5 || m < 1e-2) return String.format(Locale.ROOT, "%.2e", m);
		if (m >= 100) return String.format(Locale.ROOT, "%.0f", m);
		return String.format(Locale.ROOT, "%.3g", m);
	}

	private static void centre(final Graphics2D g, final String s, final int x, final int y) {
		g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
	}

	private static void right(final Graphics2D g, final String s, final int x, final int y) {
		g.drawString(s, x - g.getFontMetrics().stringWidth(s), y);
	}

	private static void vertical(final Graphics2D g, final String s, final int x, final int y, final boolean down) {
		final Graphics2D r = (Graphics2D) g.create();
		r.translate(x, y);
		r.rotate(down ? Math.PI / 2 : -Math.PI / 2);
		final FontMetrics fm = r.getFontMetrics();
		r.setColor(AXIS);
		r.drawString(s, -fm.stringWidth(s) / 2, 0);
		r.dispose();
	}
}
