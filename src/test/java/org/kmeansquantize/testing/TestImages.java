package org.kmeansquantize.testing;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.kmeansquantize.core.PixelSource;

/** Images the tests write themselves, and the error between two images. */
public final class TestImages {

	private TestImages() {}

	/** Writes a smooth 16-bit grey PNG with noise. */
	public static Path grey16Png(final Path dir) throws IOException {
		final BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY);
		final WritableRaster r = img.getRaster();
		final Random rnd = new Random(16);
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 64; x++)
				r.setSample(x, y, 0, Math.min(65535, 900 * x + 300 * y + rnd.nextInt(2000)));
		return write(img, dir.resolve("grey16.png"));
	}

	/** Writes an RGBA PNG: colour gradients under a varying alpha. */
	public static Path rgbaPng(final Path dir) throws IOException {
		final BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_ARGB);
		final Random rnd = new Random(4);
		for (int y = 0; y < 40; y++)
			for (int x = 0; x < 60; x++) {
				final int a = x < 20 ? 0 : x < 40 ? 128 + rnd.nextInt(40) : 255;
				img.setRGB(x, y, a << 24 | (4 * x) << 16 | (6 * y) << 8 | rnd.nextInt(256));
			}
		return write(img, dir.resolve("rgba.png"));
	}

	/** Writes a grey-and-alpha PNG (colour type 4). */
	public static Path greyAlphaPng(final Path dir) throws IOException {
		final BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < 20; y++)
			for (int x = 0; x < 30; x++)
				img.setRGB(x, y, (8 * x) << 24 | (12 * y) * 0x010101);
		// javax.imageio writes INT_ARGB as RGBA; convert to a 2-band grey+alpha raster
		final ColorSpace grey = ColorSpace.getInstance(ColorSpace.CS_GRAY);
		final ComponentColorModel cm = new ComponentColorModel(grey, true, false, Transparency.TRANSLUCENT,
			DataBuffer.TYPE_BYTE);
		final WritableRaster r = cm.createCompatibleWritableRaster(30, 20);
		for (int y = 0; y < 20; y++)
			for (int x = 0; x < 30; x++) {
				r.setSample(x, y, 0, img.getRGB(x, y) & 0xff);
				r.setSample(x, y, 1, img.getRGB(x, y) >>> 24);
			}
		return write(new BufferedImage(cm, r, false, null), dir.resolve("grey-alpha.png"));
	}

	/** Writes a 4-bit palette PNG, with transparency if asked. */
	public static Path palettePng(final Path dir, final boolean transparent) throws IOException {
		final byte[] r = new byte[16], g = new byte[16], b = new byte[16], a = new byte[16];
		for (int i = 0; i < 16; i++) {
			r[i] = (byte) (i * 17);
			g[i] = (byte) (255 - i * 13);
			b[i] = (byte) (i * 7);
			a[i] = (byte) (transparent ? i * 16 : 255);
		}
		final IndexColorModel cm = transparent ? new IndexColorModel(4, 16, r, g, b, a) : new IndexColorModel(4, 16, r,
			g, b);
		final BufferedImage img = new BufferedImage(33, 9, BufferedImage.TYPE_BYTE_BINARY, cm);
		for (int y = 0; y < 9; y++)
			for (int x = 0; x < 33; x++)
				img.getRaster().setSample(x, y, 0, (x + y) % 16);
		return write(img, dir.resolve(transparent ? "palette-alpha.png" : "palette.png"));
	}

	/** Writes an RGB JPEG. */
	public static Path jpeg(final Path dir) throws IOException {
		final BufferedImage img = new BufferedImage(64, 40, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < 40; y++)
			for (int x = 0; x < 64; x++)
				img.setRGB(x, y, (4 * x) << 16 | (6 * y) << 8 | 128);
		final Path p = dir.resolve("photo.jpg");
		ImageIO.write(img, "jpeg", p.toFile());
		return p;
	}

	private static Path write(final BufferedImage img, final Path p) throws IOException {
		if (!ImageIO.write(img, "png", p.toFile())) throw new IOException("no PNG writer for " + img);
		return p;
	}

	/** @return the mean squared error over all values that are finite in both images */
	public static double mse(final PixelSource a, final PixelSource b) {
		final int nc = a.channels();
		final int block = 4096;
		final float[] va = new float[block * nc], vb = new float[block * nc];
		final PixelSource.Reader ra = a.reader(), rb = b.reader();
		double sum = 0;
		long n = 0;
		for (long s = 0; s < a.size(); s += block) {
			final int len = (int) Math.min(block, a.size() - s);
			ra.read(s, len, va);
			rb.read(s, len, vb);
			for (int i = 0; i < len * nc; i++)
				if (Float.isFinite(va[i]) && Float.isFinite(vb[i])) {
					final double d = (double) va[i] - vb[i];
					sum += d * d;
					n++;
				}
		}
		return sum / n;
	}
}
