// The processes svm_grid shares its grid with: one (run as a plain command), or the ranks of
// `mpirun -np N svm_grid ...` in a build with MPI (RBFSVM_MPI). The MPI calls live behind this
// interface, in grid_ranks_mpi.cpp, so that neither the library nor the tests of one process
// link MPI.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "rbfsvm/svm/grid_search.hpp"

namespace rbfsvm::cli {

// Every call but rank() and size() is collective: every rank makes it, in the same order.
class GridRanks {
 public:
  virtual ~GridRanks() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;

  // What the ranks agree after a step that each ran by itself: the exit status of the first
  // rank (lowest number) whose status was not 0, else 0; and, on rank 0 only, what that rank
  // printed on stderr when it was another rank (rank 0 printed its own already).
  struct Agreement {
    int status = 0;
    std::string message;
  };
  virtual Agreement agree(int status, const std::string& err_text) = 0;

  // Rank 0 gets every rank's points, in rank order; the others get nothing.
  virtual std::vector<std::vector<GridPoint>> gather(const std::vector<GridPoint>& mine) = 0;

  // Rank 0's point, on every rank.
  virtual GridPoint broadcast(const GridPoint& point) = 0;

  // Ends every rank now with `status`, for a failure in the middle of the search, where waiting
  // for the other ranks to finish their share could take hours. Not collective.
  [[noreturn]] void abort(int status) {
    abort_all(status);
    std::exit(status);  // not reached with MPI (MPI_Abort does not return)
  }

 private:
  virtual void abort_all(int status) = 0;
};

// One process: rank 0 of 1.
class OneProcess final : public GridRanks {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Agreement agree(int status, const std::string&) override { return {status, ""}; }
  std::vector<std::vector<GridPoint>> gather(const std::vector<GridPoint>& mine) override {
    return {mine};
  }
  GridPoint broadcast(const GridPoint& point) override { return point; }

 private:
  void abort_all(int) override {}
};

// The ranks this process belongs to: MPI's when the build has MPI and the process was started
// by a launcher (mpirun, srun), else one process. Without a launcher MPI is not initialized at
// all, so svm_grid runs exactly as in a build without MPI. Call once, from main(); the ranks
// stay joined while the returned object lives. Defined in grid_ranks_mpi.cpp or, in a build
// without MPI, grid_ranks_one.cpp: svm_grid's main() alone links it.
std::unique_ptr<GridRanks> join_ranks(int& argc, char**& argv);

}  // namespace rbfsvm::cli
