/**
 * The quantizer as an Apache Spark job ({@link org.kmeansquantize.spark.QuantizeJob}): one codebook
 * learned from every plane of a folder of images with the engine's
 * {@link org.kmeansquantize.core.SharedTraining} (part samples and exact Lloyd statistics on the
 * executors, the loop on the driver), every image labelled and written on the executors by
 * {@link org.kmeansquantize.batch.FolderCodec}. Depends on {@code core}, {@code io} and {@code batch}, never on the command line ({@code ArchitectureTest}); nothing in the
 * main build depends on it. {@link org.kmeansquantize.spark.MllibBenchmark} is the README's
 * baseline.
 */
package org.kmeansquantize.spark;
