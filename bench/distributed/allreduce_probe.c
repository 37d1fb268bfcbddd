/* α and β of the α–β–γ model in docs/distributed.md: the best time of MPI_Allreduce (double sum, in place) over
   message sizes from 1 to 6·10⁶ doubles (n·ℓ of sparse-m at ℓ = 60).
   Build and run: mpicc -O2 -o allreduce_probe allreduce_probe.c &&
     mpirun --allow-run-as-root --oversubscribe --bind-to none --mca btl self,vader -n 2 ./allreduce_probe */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank; MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  long sizes[] = {1, 8, 64, 512, 4096, 32768, 262144, 2097152, 6000000};
  for (int s = 0; s < 9; s++) {
    long n = sizes[s]; double *buf = calloc(n, sizeof(double));
    int reps = n < 10000 ? 200 : (n < 1000000 ? 20 : 5);
    MPI_Allreduce(MPI_IN_PLACE, buf, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t = MPI_Wtime();
      MPI_Allreduce(MPI_IN_PLACE, buf, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
      t = MPI_Wtime() - t; if (t < best) best = t;
    }
    double med = best;
    if (rank == 0) printf("%ld doubles: best %.3g s\n", n, med);
    free(buf);
  }
  MPI_Finalize();
}
