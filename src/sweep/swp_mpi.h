/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp_mpi.h — sweep points over MPI ranks (mpirun -np N clinicq sweep ...).
 *
 * Rank 0 hands out point indices dynamically and gathers results; it computes
 * points too, between polls.  Each worker keeps two points in hand, so that
 * it starts the next one while its last result is still being sent (MPI_Isend)
 * and never waits for rank 0.  Rank 0 posts its receives (one MPI_Irecv per
 * worker, for a small header) before any work starts; a header announces the
 * body (the point's JSON and rows, swp_result_pack) that follows it.
 * Only rank 0 writes outputs.  Without HAVE_MPI these are stubs: size is 1.
 */
#ifndef CQ_SWP_MPI_H
#define CQ_SWP_MPI_H

#include "swp.h"

/* Initialise MPI when started by an MPI launcher (mpirun, srun); else rank 0 of
 * 1.  Returns 0, or -1 with err. */
int swp_mpi_init(int *argc, char ***argv, int *rank, int *size, struct cq_err *err);
/* Finalise MPI if it was initialised. */
void swp_mpi_finalize(void);
/* Collective: non-zero when any rank passes non-zero. */
int swp_mpi_any(int flag);
/* Run the sweep over the ranks.  Rank 0 hands out todo[0..ntodo-1] (ntodo may be
 * 0: the workers are released) and calls done() for every result, as they come;
 * other ranks ignore todo and compute what they are given.  jobs threads work on
 * the replications of each point in each rank.  Returns 0, or -1 with err. */
int swp_mpi_run(struct swp *w, int rank, int size, const int *todo, int ntodo,
    int jobs, volatile const int *stop, swp_done_fn done, void *arg,
    struct cq_err *err);

#endif
