/**
 * The quantizer as an Apache Spark job ({@link org.kmeansquantize.spark.QuantizeJob}): one codebook
 * learned from every plane of a folder of images with the engine's
 * {@link org.kmeansquantize.core.SharedTraining} (part samples and exact Lloyd statistics on the
 * executors, the loop on the driver), every image labelled and written on the executors by
 * {@link org.kmeansquantize.io.FolderCodec}. Depends on {@code core} and {@code io}; nothing in the
 * main build depends on it. {@link org.kmeansquantize.spark.MllibBenchmark} is the README's
 * baseline.
 */
package org.kmeansquantize.spark;
