/* α and β of the α–β–γ model in docs/distributed.md from a ping-pong between ranks 0 and 1: half the best round trip
   of a message of N doubles is α + 8N·β (one-way latency plus bytes over bandwidth).
   Build and run: mpicc -O2 -o pingpong_probe pingpong_probe.c &&
     mpirun --allow-run-as-root --oversubscribe --bind-to none --mca btl self,vader -n 2 ./pingpong_probe */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank; MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  long sizes[] = {1, 64, 4096, 100000, 1000000, 6000000};
  for (int s = 0; s < 6; s++) {
    long n = sizes[s]; double *buf = calloc(n, sizeof(double));
    int reps = n < 10000 ? 1000 : (n < 1000000 ? 50 : 10);
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t = MPI_Wtime();
      if (rank == 0) {
        MPI_Send(buf, n, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD);
        MPI_Recv(buf, n, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      } else if (rank == 1) {
        MPI_Recv(buf, n, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(buf, n, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD);
      }
      t = MPI_Wtime() - t; if (t < best) best = t;
    }
    if (rank == 0) printf("%ld doubles: one way %.3g s, %.2f GB/s\n", n, best / 2, 8.0 * n / (best / 2) / 1e9);
    free(buf);
  }
  MPI_Finalize();
}
