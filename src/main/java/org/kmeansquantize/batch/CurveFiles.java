package org.kmeansquantize.batch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.TiffFiles;

/**
 * The quality curve of an image file: what {@code kmeans-quantize curve} computes, and
 * {@code compress --target-psnr} through {@link TargetPsnr}; its CSV text and one-line summary are
 * {@link org.kmeansquantize.render.CurveTable}. Stateless.
 */
public final class CurveFiles {

	private CurveFiles() {}

	/**
	 * @param in an image: PNG, JPEG or TIFF (a TIFF larger than a third of the heap is read plane by
	 *          plane)
	 * @param settings only the seed is used
	 * @param progress progress and cancellation
	 * @return its curve
	 * @throws IOException naming the file if it cannot be read or has no finite pixel
	 */
	public static QualityCurve compute(final Path in, final QuantizeSettings settings, final Progress progress)
		throws IOException
	{
		final PixelSource pixels;
		if (ImageFiles.detect(in) == ImageFiles.Format.TIFF && FileCodec.large(in)) pixels = ImagePlusPixels.pixels(
			TiffFiles.openVirtual(in, Files.size(in)));
		else pixels = ImageFiles.read(in).pixels();
		try {
			return QualityCurve.compute(settings, pixels, null, progress);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(in + ": " + e.getMessage());
		}
	}

}
