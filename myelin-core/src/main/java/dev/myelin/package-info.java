/**
 * The library's front door: {@link dev.myelin.Myelin#info()} says which version runs, on which JDK, with which
 * kernels (SIMD or plain Java) and how many threads. Everything else lives in the sub-packages.
 */
package dev.myelin;
