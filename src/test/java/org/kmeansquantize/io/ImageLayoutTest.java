package org.kmeansquantize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The layout block: its text form, version 1, and what each layout fits. */
class ImageLayoutTest {

	@ParameterizedTest
	@EnumSource(ImageLayout.Type.class)
	void formatThenParseGivesTheSameLayout(final ImageLayout.Type type) {
		final ImageLayout l = new ImageLayout(type, 89, 88, 2, 17, 3, "composite", "tiff");
		assertEquals(l, ImageLayout.parse(l.format()));
	}

	@Test
	void theTextIsTheDocumentedVersion1Block() {
		final ImageLayout l = new ImageLayout(ImageLayout.Type.GRAY16, 89, 88, 2, 17, 1, "composite", "tiff");
		assertEquals("kmeans-quantize layout 1\ntype gray16\nwidth 89\nheight 88\nchannels 2\nslices 17\nframes 1\n" +
			"mode composite\nsource tiff\nend\n", l.format());
	}

	@Test
	void parseFindsTheBlockInOtherTextAndIgnoresUnknownKeys() {
		final String text = "ImageJ info line\r\nkmeans-quantize layout 1\r\ntype rgb\r\nwidth 3\r\nheight 2\r\n" +
			"channels 1\r\nslices 1\r\nframes 1\r\nmode none\r\nsource png\r\nadded-later 42\r\nend\r\n" +
			"kmeans-quantize codebook 1\r\n";
		final ImageLayout l = ImageLayout.parse(text);
		assertEquals(ImageLayout.Type.RGB, l.type());
		assertEquals(3, l.width());
		assertEquals("png", l.source());
	}

	@Test
	void parseRefusesOtherVersionsAndBrokenBlocks() {
		final String ok = new ImageLayout(ImageLayout.Type.GRAY8, 3, 2, 1, 1, 1, "none", "png").format();
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse("nothing here"));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("layout 1", "layout 2")));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("end\n", "")));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("width 3\n", "")));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("width 3", "width three")));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("width 3", "width 0")));
		assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse(ok.replace("gray8", "gray12")));
	}

	@Test
	void pixelsAndLabelPlanesFollowImageJsOrder() {
		final ImageLayout grey = new ImageLayout(ImageLayout.Type.GRAY16, 5, 4, 2, 17, 3, "composite", "tiff");
		assertEquals(2 * 17 * 3, grey.planes());
		assertEquals(17 * 3, grey.labelPlanes());
		assertEquals(2, grey.valuesPerPixel());
		assertArrayEquals(new long[] { 5, 4, 17, 3 }, grey.pixelDimensions());
		final ImageLayout rgb = new ImageLayout(ImageLayout.Type.RGB, 5, 4, 1, 6, 1, "none", "tiff");
		assertEquals(6, rgb.labelPlanes());
		assertEquals(3, rgb.valuesPerPixel());
	}

	@Test
	void whatAPngHolds() {
		assertTrue(layout(ImageLayout.Type.GRAY8, 1, 1, "tiff").fitsIndexedPng());
		assertTrue(layout(ImageLayout.Type.RGB, 1, 1, "jpeg").fitsIndexedPng());
		assertTrue(layout(ImageLayout.Type.RGBA, 1, 1, "png").fitsIndexedPng());
		assertTrue(layout(ImageLayout.Type.GRAY8, 2, 1, "png").fitsIndexedPng(), "grey and alpha");
		assertFalse(layout(ImageLayout.Type.GRAY8, 2, 1, "tiff").fitsIndexedPng(), "two fluorescence channels");
		assertFalse(layout(ImageLayout.Type.GRAY16, 1, 1, "png").fitsIndexedPng());
		assertFalse(layout(ImageLayout.Type.GRAY32, 1, 1, "tiff").fitsIndexedPng());
		assertFalse(layout(ImageLayout.Type.GRAY8, 1, 2, "tiff").fitsIndexedPng(), "a stack");
		assertEquals(PngEncoder.GREY, layout(ImageLayout.Type.GRAY16, 1, 1, "tiff").pngColorType());
		assertEquals(PngEncoder.RGBA, layout(ImageLayout.Type.GRAY16, 4, 1, "png").pngColorType());
		assertEquals(-1, layout(ImageLayout.Type.GRAY16, 3, 1, "tiff").pngColorType());
		assertEquals(-1, layout(ImageLayout.Type.GRAY32, 1, 1, "tiff").pngColorType());
	}

	private static ImageLayout layout(final ImageLayout.Type type, final int channels, final int slices,
		final String source)
	{
		return new ImageLayout(type, 10, 10, channels, slices, 1, "none", source);
	}
}
