package org.kmeansquantize.imagej;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.testing.Pixels;

/**
 * Time and heap of {@code masks rois measure} on a 20 z &times; 3 channel &times; 2048&times;2048
 * 16-bit stack: the real BBBC022 image ({@code IXMtest_A02_s9.tif}, 3 channels of 12-bit data)
 * mirror-tiled to 2048&times;2048 and shifted by 37 pixels per slice. Measures, asserts nothing.
 * Run: {@code java -Xmx3g -cp target/test-classes:target/classes:<deps> org.kmeansquantize.imagej.SegmentationBenchmark [k]}.
 */
public final class SegmentationBenchmark {

	private SegmentationBenchmark() {}

	/** @param args optional k (default 8) @throws Exception never expected */
	public static void main(final String[] args) throws Exception {
		final int k = args.length > 0 ? Integer.parseInt(args[0]) : 8;
		final int size = 2048, nz = 20, nc = 3;
		final ImagePlus src = IJ.openImage(Pixels.sample("IXMtest_A02_s9.tif").toString());
		final int sw = src.getWidth(), sh = src.getHeight();
		final ImageStack stack = new ImageStack(size, size);
		for (int z = 0; z < nz; z++)
			for (int c = 0; c < nc; c++) {
				final short[] in = (short[]) src.getStack().getPixels(c + 1);
				final short[] out = new short[size * size];
				for (int y = 0; y < size; y++) {
					final int my = mirror(y + 37 * z, sh);
					for (int x = 0; x < size; x++)
						out[y * size + x] = in[my * sw + mirror(x + 37 * z, sw)];
				}
				stack.addSlice(null, out);
			}
		final ImagePlus imp = new ImagePlus("big", stack);
		imp.setDimensions(nc, nz, 1);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.65;
		imp.getCalibration().pixelDepth = 2;
		imp.getCalibration().setUnit("micron");
		System.gc();
		final long base = heapUsed();
		resetPeaks();
		long t0 = System.nanoTime();
		final ImagePlusQuantizer.Result r = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(k).build(),
			imp, LabelOutputs.NONE, Progress.NONE);
		final double train = (System.nanoTime() - t0) / 1e9;
		final long afterLabels = peakHeap();
		System.gc();
		final long labelsHeld = heapUsed() - base;
		resetPeaks();
		t0 = System.nanoTime();
		final ImagePlus masks = ClusterMasks.of(r.labels(), r.codebook().size(), "big-masks");
		long ones = 0;
		for (int i = 1; i <= masks.getStackSize(); i++) {
			final byte[] m = (byte[]) masks.getStack().getPixels(i);
			for (final byte b : m)
				if (b != 0) ones++;
		}
		final double maskTime = (System.nanoTime() - t0) / 1e9;
		t0 = System.nanoTime();
		final List<Roi> rois = ClusterRois.of(r.labels(), r.codebook().size(), true, Progress.NONE);
		final double roiTime = (System.nanoTime() - t0) / 1e9;
		t0 = System.nanoTime();
		final ResultsTable t = ClusterTable.measure(r.labels(), imp, r.codebook(), Progress.NONE);
		final double measureTime = (System.nanoTime() - t0) / 1e9;
		final long peakOutputs = peakHeap() - base - labelsHeld;
		System.out.printf("k=%d entries=%d pixels=%d%n", k, r.codebook().size(), (long) size * size * nz);
		System.out.printf("quantize (train+label) %.1f s, heap peak above input %d MB, labels held %d MB%n", train,
			(afterLabels - base) >> 20, labelsHeld >> 20);
		System.out.printf("masks: %d planes computed in %.1f s (mask pixels on: %d)%n", masks.getStackSize(), maskTime,
			ones);
		System.out.printf("rois: %d selections in %.1f s%n", rois.size(), roiTime);
		System.out.printf("measure: %d rows in %.1f s%n", t.size(), measureTime);
		System.out.printf("heap peak of the outputs beyond input and labels: %d MB (one plane = %d MB)%n",
			peakOutputs >> 20, (size * size) >> 20);
	}

	private static int mirror(final int v, final int n) {
		final int m = v % (2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}

	private static long heapUsed() {
		final Runtime rt = Runtime.getRuntime();
		return rt.totalMemory() - rt.freeMemory();
	}

	private static void resetPeaks() {
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			p.resetPeakUsage();
	}

	private static long peakHeap() {
		long sum = 0;
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
		return sum;
	}
}
