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
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import org.kmeansquantize.core.Psnr;
import org.kmeansquantize.core.QualityCurve;

/**
 * The quality curve as a picture, as the ImageJ plot draws it ({@link CurveAxes}): the MSE on a
 * linear axis from 0 (left) against k on a log2 axis labelled 2, 4, 8 &hellip; 256, the knee circled
 * on that curve (it is computed on it), the PSNR that MSE stands for on the right axis, and where a
 * target PSNR is given, the target as a dashed line at its MSE and the smallest k that reaches it
 * circled. A point of zero MSE (infinite PSNR) lies on the k axis, labelled "exact". Stateless.
 */
public final class CurvePlot {

	/** Width of the picture in pixels. */
	public static final int WIDTH = 720;

	/** Height of the picture in pixels. */
	public static final int HEIGHT = 420;

	private static final int LEFT = 72, RIGHT = 70, TOP = 44, BOTTOM = 52;

	/** Radius of the rings around the knee and the target's point, in pixels. */
	static final double RING = 7;

	private static final Color LINE = new Color(0x1f5fa8);

	/** Colour of the knee's ring and label. */
	static final Color KNEE = new Color(0xd9480f);

	private static final Color TARGET = new Color(0x2b8a3e);

	private static final Color GRID = new Color(0xe6e6e6);

	private static final Color AXIS = new Color(0x444444);

	/** Least vertical distance between two PSNR labels on the right axis, in pixels. */
	private static final int PSNR_GAP = 14;

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
			draw(g, curve, title, targetPsnr, Frame.of(curve, targetPsnr));
		}
		finally {
			g.dispose();
		}
		return image;
	}

	/**
	 * Where values land in the picture: the plot's frame in pixels, k from {@link #kLo} to
	 * {@link #kHi} on a log axis across it, MSE from 0 at the bottom to {@link #mseTop} at the top.
	 */
	static final class Frame {

		final int left = LEFT, right = WIDTH - RIGHT, top = TOP, bottom = HEIGHT - BOTTOM;

		final double kLo, kHi, mseTop, mseStep;

		private Frame(final double kLo, final double kHi, final double mseTop, final double mseStep) {
			this.kLo = kLo;
			this.kHi = kHi;
			this.mseTop = mseTop;
			this.mseStep = mseStep;
		}

		/** The frame that {@link CurvePlot#render} draws {@code curve} in. */
		static Frame of(final QualityCurve curve, final double target) {
			final int n = curve.size();
			// k from 2 (or the first k below it) to the last k, so that the labels 2, 4 ... fit in
			final double kLo = Math.min(2, curve.k(0)), kHi = Math.max(curve.k(n - 1), 4);
			double hi = 0;
			for (int i = 0; i < n; i++)
				if (Double.isFinite(curve.mse(i))) hi = Math.max(hi, curve.mse(i));
			final double targetMse = Psnr.mse(target, curve.peak());
			if (Double.isFinite(targetMse)) hi = Math.max(hi, targetMse);
			if (!(hi > 0)) hi = 1;
			final double step = niceStep(hi / 8);
			return new Frame(kLo, kHi, Math.ceil(hi * 1.02 / step) * step, step);
		}

		double x(final double k) {
			return left + (right - left) * (Math.log(k) - Math.log(kLo)) / (Math.log(kHi) - Math.log(kLo));
		}

		double y(final double mse) {
			return bottom - (bottom - top) * mse / mseTop;
		}
	}

	private static void draw(final Graphics2D g, final QualityCurve curve, final String title, final double target,
		final Frame f)
	{
		final int n = curve.size();
		final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
		final Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
		final Font heading = new Font(Font.SANS_SERIF, Font.BOLD, 14);
		g.setFont(small);
		// MSE grid and ticks (left)
		for (int i = 0; i * f.mseStep <= f.mseTop * (1 + 1e-9); i++) {
			final double v = i * f.mseStep;
			final int y = (int) Math.round(f.y(v));
			g.setColor(GRID);
			g.drawLine(f.left, y, f.right, y);
			g.setColor(AXIS);
			g.drawLine(f.left - 4, y, f.left, y);
			right(g, tick(v), f.left - 7, y + 4);
		}
		// PSNR ticks (right) at the height of the MSE they stand for, from the top down, as long as
		// they stay apart: on a linear MSE axis each further dB sits closer to 0
		final double psnrTop = Psnr.of(f.mseTop, curve.peak());
		if (Double.isFinite(psnrTop)) {
			final double step = psnrStep(curve);
			int last = -HEIGHT;
			for (double p = Math.ceil(psnrTop / step) * step;; p += step) {
				final int y = (int) Math.round(f.y(Psnr.mse(p, curve.peak())));
				if (y > f.bottom - PSNR_GAP / 2) break;
				if (y - last < PSNR_GAP) continue;
				g.setColor(AXIS);
				g.drawLine(f.right, y, f.right + 4, y);
				g.drawString(CurveAxes.number(p), f.right + 7, y + 4);
				last = y;
			}
		}
		// k ticks
		for (final int k : CurveAxes.kTicks(f.kLo, f.kHi)) {
			final int x = (int) Math.round(f.x(k));
			g.setColor(GRID);
			g.drawLine(x, f.bottom, x, f.top);
			g.setColor(AXIS);
			g.drawLine(x, f.bottom, x, f.bottom + 4);
			centre(g, Integer.toString(k), x, f.bottom + 17);
		}
		g.setColor(AXIS);
		g.drawRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
		g.setFont(label);
		centre(g, CurveAxes.K_TITLE, (f.left + f.right) / 2, HEIGHT - 14);
		vertical(g, CurveAxes.MSE_TITLE, 16, (f.bottom + f.top) / 2, false);
		vertical(g, CurveAxes.PSNR_TITLE, WIDTH - 16, (f.bottom + f.top) / 2, true);
		if (title != null) {
			g.setFont(heading);
			g.setColor(Color.BLACK);
			g.drawString(title, f.left, 26);
		}
		// target
		final int reach = Double.isFinite(target) ? curve.smallestReaching(target) : -1;
		if (Double.isFinite(target)) {
			final int y = (int) Math.round(f.y(Psnr.mse(target, curve.peak())));
			g.setColor(TARGET);
			g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 },
				0));
			g.drawLine(f.left, y, f.right, y);
			g.setStroke(new BasicStroke(1));
		}
		// the curve; points of unknown MSE are left out
		final double[] px = new double[n], py = new double[n];
		final Path2D path = new Path2D.Double();
		boolean started = false;
		for (int i = 0; i < n; i++) {
			px[i] = f.x(curve.k(i));
			py[i] = Double.isFinite(curve.mse(i)) ? f.y(curve.mse(i)) : Double.NaN;
			if (Double.isNaN(py[i])) continue;
			if (started) path.lineTo(px[i], py[i]);
			else path.moveTo(px[i], py[i]);
			started = true;
		}
		g.setColor(LINE);
		g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(path);
		g.setStroke(new BasicStroke(1));
		for (int i = 0; i < n; i++)
			if (!Double.isNaN(py[i])) dot(g, px[i], py[i], 3.5, LINE);
		g.setFont(small);
		for (int i = 0; i < n; i++)
			if (curve.mse(i) == 0) {
				g.setColor(LINE);
				right(g, "exact", (int) px[i] - 6, (int) py[i] - 8);
				break;
			}
		// knee and target point, named in a legend at the top right, as the ImageJ plot does
		final int knee = curve.knee();
		if (!Double.isNaN(py[knee])) ring(g, px[knee], py[knee], KNEE);
		g.setFont(label);
		final int legendX = f.left + (f.right - f.left) * 11 / 20;
		g.setColor(KNEE);
		g.drawString(CurveAxes.kneeLabel(curve), legendX, f.top + 22);
		if (Double.isFinite(target)) {
			if (reach >= 0 && !Double.isNaN(py[reach])) ring(g, px[reach], py[reach], TARGET);
			g.setColor(TARGET);
			g.drawString(CurveAxes.targetLabel(curve, target), legendX, f.top + 40);
		}
	}

	private static void dot(final Graphics2D g, final double x, final double y, final double r, final Color c) {
		g.setColor(c);
		g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
	}

	private static void ring(final Graphics2D g, final double x, final double y, final Color c) {
		g.setColor(c);
		g.setStroke(new BasicStroke(2.2f));
		g.draw(new Ellipse2D.Double(x - RING, y - RING, 2 * RING, 2 * RING));
		g.setStroke(new BasicStroke(1));
	}

	/** @return a step of 1, 2, 2.5 or 5 times a power of ten, at least {@code raw} */
	private static double niceStep(final double raw) {
		final double p = Math.pow(10, Math.floor(Math.log10(raw)));
		for (final double m : new double[] { 1, 2, 2.5, 5, 10 })
			if (m * p >= raw) return m * p;
		return 10 * p;
	}

	/** @return the PSNR step of the right axis: 1, 2, 5, 10 ... dB, about six over the curve's finite PSNRs */
	private static double psnrStep(final QualityCurve curve) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < curve.size(); i++)
			if (Double.isFinite(curve.psnr(i))) {
				lo = Math.min(lo, curve.psnr(i));
				hi = Math.max(hi, curve.psnr(i));
			}
		if (!(hi > lo)) return 5;
		for (final double step : new double[] { 1, 2, 5, 10, 20 })
			if (step >= (hi - lo) / 6) return step;
		return 50;
	}

	/** @return an MSE tick's label: plain up to 99,999, else as {@code 1.5e5} */
	private static String tick(final double v) {
		if (v < 1e5) return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
		final int e = (int) Math.floor(Math.log10(v));
		final String m = String.format(Locale.ROOT, "%.2f", v / Math.pow(10, e)).replaceAll("\\.?0+$", "");
		return m + "e" + e;
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
