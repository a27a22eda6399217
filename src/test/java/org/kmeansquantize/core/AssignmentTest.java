package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The project's one PSNR definition. */
class AssignmentTest {

	@Test
	void peakIsTheTypeMaximumForIntegersAndTheDataRangeForFloats() {
		assertEquals(255, Assignment.peak(SampleRange.UINT8, 3, 7));
		assertEquals(65535, Assignment.peak(SampleRange.UINT16, 3, 7));
		assertEquals(4.5, Assignment.peak(SampleRange.FLOAT32, -1.5, 3));
		assertTrue(Double.isNaN(Assignment.peak(SampleRange.FLOAT32, Double.NaN, 3)));
	}

	@Test
	void psnrIsTenLog10PeakSquaredOverMse() {
		assertEquals(10 * Math.log10(255.0 * 255 / 13.63), Assignment.psnr(13.63, 255), 1e-12);
		assertEquals(20, Assignment.psnr(1, 10), 1e-12);
		assertEquals(Double.POSITIVE_INFINITY, Assignment.psnr(0, 255));
		assertTrue(Double.isNaN(Assignment.psnr(Double.NaN, 255)));
		assertTrue(Double.isNaN(Assignment.psnr(1, 0)));
		assertTrue(Double.isNaN(Assignment.psnr(1, Double.NaN)));
	}
}
