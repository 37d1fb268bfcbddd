/* The memory-bound rates of the Lanczos model in docs/distributed.md: one OpenBLAS thread's dgemv over an n×j basis
   (the classical Gram–Schmidt of the right vectors: Qᵀx, then x − Q·h) and a daxpy over an m-vector (the left vectors'
   local steps), as bytes of the basis or vectors read per second.
   Build and run: gcc -O2 -o vector_probe vector_probe.c -l:libopenblas.so.0 && OPENBLAS_NUM_THREADS=1 ./vector_probe */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
enum { ColMajor = 102, NoTrans = 111, Trans = 112 };
void cblas_dgemv(int, int, int, int, double, const double *, int, const double *, int, double, double *, int);
void cblas_daxpy(int, double, const double *, int, double *, int);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(void) {
  int n = 100000, j = 15, m = 1000000;
  double *q = malloc(sizeof(double) * n * j), *x = malloc(sizeof(double) * n), *h = malloc(sizeof(double) * j);
  double *a = malloc(sizeof(double) * m), *b = malloc(sizeof(double) * m);
  for (long i = 0; i < (long)n * j; i++) q[i] = (double)rand() / RAND_MAX;
  for (int i = 0; i < n; i++) x[i] = 1;
  for (int i = 0; i < m; i++) a[i] = b[i] = 1;
  double best1 = 1e9, best2 = 1e9;
  for (int rep = 0; rep < 20; rep++) {
    double t = now();
    cblas_dgemv(ColMajor, Trans, n, j, 1.0, q, n, x, 1, 0.0, h, 1);
    cblas_dgemv(ColMajor, NoTrans, n, j, -1e-9, q, n, h, 1, 1.0, x, 1);
    t = now() - t; if (t < best1) best1 = t;
    t = now();
    cblas_daxpy(m, 1e-9, a, 1, b, 1);
    t = now() - t; if (t < best2) best2 = t;
  }
  printf("Gram-Schmidt pass over %d×%d (two dgemv): %.3g s, %.2f GB/s of basis read twice\n", n, j, best1, 2.0 * 8 * n * j / best1 / 1e9);
  printf("daxpy over %d: %.3g s, %.2f GB/s (3 streams)\n", m, best2, 3.0 * 8 * m / best2 / 1e9);
  return 0;
}
