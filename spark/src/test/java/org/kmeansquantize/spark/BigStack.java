package org.kmeansquantize.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;
import ij.io.Opener;

/**
 * Writes a 16-bit, 3-channel hyperstack as ImageJ writes stacks past 4 GB: a classic TIFF with one
 * image file directory, whose description ({@code images=N channels=3 slices=Z}) announces the
 * planes stored one after the other behind the first, uncompressed; plane by plane, so that a
 * stack of any size needs a few planes of memory. Each slice is a real 3-channel 16-bit image
 * (BBBC022's {@code IXMtest_A02_s9.tif}) mirror-tiled to the size and shifted by 37 pixels per
 * slice, as the stack of the big-image test in {@code docs/performance.md} (250 slices of
 * 2048&times;2048: 6.3 GB).
 */
public final class BigStack {

	private BigStack() {}

	/**
	 * @param args {@code OUT.tif WIDTH HEIGHT SLICES SOURCE.tif}
	 * @throws IOException if the source cannot be read or the stack cannot be written
	 */
	public static void main(final String[] args) throws IOException {
		if (args.length != 5) {
			System.err.println("usage: BigStack OUT.tif WIDTH HEIGHT SLICES SOURCE.tif (a 3-channel 16-bit TIFF)");
			System.exit(2);
		}
		final long bytes = write(Paths.get(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer
			.parseInt(args[3]), Paths.get(args[4]));
		System.out.println(args[0] + ": " + bytes + " bytes");
	}

	/**
	 * @param out the file to write; replaced
	 * @param width plane width
	 * @param height plane height
	 * @param slices z planes (of 3 channels each)
	 * @param source a 3-channel 16-bit image
	 * @return bytes written
	 * @throws IOException if the source cannot be read or the file cannot be written
	 */
	public static long write(final Path out, final int width, final int height, final int slices, final Path source)
		throws IOException
	{
		final ImagePlus src = new Opener().openImage(source.toString());
		if (src == null || src.getBitDepth() != 16 || src.getStackSize() != 3) throw new IOException(source +
			" is not a 3-channel 16-bit image");
		final int channels = 3;
		final String description = "ImageJ=1.54f\nimages=" + channels * slices + "\nchannels=" + channels +
			"\nslices=" + slices + "\nhyperstack=true\nmode=composite\nloop=false\n\0";
		final byte[] text = description.getBytes(StandardCharsets.US_ASCII);
		final int entries = 10;
		final int ifd = 8, textAt = ifd + 2 + entries * 12 + 4, dataAt = textAt + text.length + (text.length & 1);
		final long planeBytes = 2L * width * height;
		final ByteBuffer head = ByteBuffer.allocate(dataAt).order(ByteOrder.LITTLE_ENDIAN);
		head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
		head.putShort((short) entries);
		entry(head, 254, 4, 0);
		entry(head, 256, 4, width);
		entry(head, 257, 4, height);
		entry(head, 258, 3, 16);
		entry(head, 259, 3, 1);
		entry(head, 262, 3, 1);
		head.putShort((short) 270).putShort((short) 2).putInt(text.length).putInt(textAt);
		entry(head, 273, 4, dataAt);
		entry(head, 278, 4, height);
		// one plane's bytes: the other planes follow it, as the description says
		entry(head, 279, 4, (int) Math.min(planeBytes, 0xffffffffL));
		head.putInt(0);
		head.put(text);
		final int sw = src.getWidth(), sh = src.getHeight();
		final ByteBuffer plane = ByteBuffer.allocate((int) planeBytes).order(ByteOrder.LITTLE_ENDIAN);
		long written = 0;
		try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
			o.write(head.array());
			written += head.capacity();
			for (int z = 0; z < slices; z++)
				for (int c = 0; c < channels; c++) {
					final short[] in = (short[]) src.getStack().getPixels(c + 1);
					plane.clear();
					for (int y = 0; y < height; y++) {
						final int row = mirror(y + 37 * z, sh) * sw;
						for (int x = 0; x < width; x++)
							plane.putShort(in[row + mirror(x + 37 * z, sw)]);
					}
					o.write(plane.array());
					written += planeBytes;
				}
		}
		return written;
	}

	/** One IFD entry of one value, SHORT (3) or LONG (4). */
	private static void entry(final ByteBuffer b, final int tag, final int type, final int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}

	/** @return i reflected into [0, n): 0 1 .. n-1 n-1 .. 1 0 0 1 .. */
	private static int mirror(final int i, final int n) {
		final int m = i % (2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}
}
