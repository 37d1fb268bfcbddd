/* γ of the α–β–γ model in docs/distributed.md: the dgemm rate of one OpenBLAS thread on the shapes the distributed
   randomized SVD uses (tall n×ℓ by ℓ×ℓ, and the ℓ×ℓ Gram matrix of a tall block).
   Build and run: gcc -O2 -o gemm_probe gemm_probe.c -l:libopenblas.so.0 && OPENBLAS_NUM_THREADS=1 ./gemm_probe */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
enum { ColMajor = 102, NoTrans = 111, Trans = 112 };
void cblas_dgemm(int, int, int, int, int, int, double, const double *, int, const double *, int, double, double *, int);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(void) {
  int n = 100000, l = 60;
  double *y = malloc(sizeof(double) * n * l), *r = malloc(sizeof(double) * l * l), *q = malloc(sizeof(double) * n * l);
  for (long i = 0; i < (long)n * l; i++) y[i] = (double)rand() / RAND_MAX;
  for (int i = 0; i < l * l; i++) r[i] = (double)rand() / RAND_MAX;
  double best1 = 1e9, best2 = 1e9;
  for (int rep = 0; rep < 5; rep++) {
    double t = now();
    cblas_dgemm(ColMajor, NoTrans, NoTrans, n, l, l, 1.0, y, n, r, l, 0.0, q, n);
    t = now() - t; if (t < best1) best1 = t;
    t = now();
    cblas_dgemm(ColMajor, Trans, NoTrans, l, l, n, 1.0, y, n, y, n, 0.0, r, l);
    t = now() - t; if (t < best2) best2 = t;
  }
  printf("Y·R  (%d×%d · %d×%d): %.3g s, %.2f GFlop/s\n", n, l, l, l, best1, 2.0 * n * l * l / best1 / 1e9);
  printf("YᵀY  (%d×%d Gram):     %.3g s, %.2f GFlop/s\n", n, l, best2, 2.0 * n * l * l / best2 / 1e9);
  return 0;
}
