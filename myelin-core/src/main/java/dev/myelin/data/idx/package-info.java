/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (raw or gzip-compressed). Headers are validated against
 * the file length before anything is allocated; bad files raise {@link dev.myelin.data.idx.IdxFormatException}.
 */
package dev.myelin.data.idx;
