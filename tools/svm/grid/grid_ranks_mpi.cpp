// The ranks of mpirun (Open MPI; any MPI-3 implementation should do). Only the main thread calls
// MPI; the search's OpenMP threads never do (MPI_THREAD_FUNNELED).
#include <mpi.h>

#include <cstdlib>

#include "grid_ranks.hpp"

namespace rbfsvm::cli {
namespace {

// Whether a launcher started this process. Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE, PMIx
// launchers (Open MPI 4 and 5, Slurm's srun --mpi=pmix) PMIX_RANK, MPICH's Hydra and srun
// --mpi=pmi2 PMI_RANK. Without one, Open MPI would start as a "singleton", forking a helper
// daemon: nothing a one-process search needs.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

// A GridPoint travels as its three doubles.
constexpr int doubles_per_point = 3;

class MpiRanks final : public GridRanks {
 public:
  MpiRanks(int& argc, char**& argv) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiRanks() override { MPI_Finalize(); }
  MpiRanks(const MpiRanks&) = delete;
  MpiRanks& operator=(const MpiRanks&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  Agreement agree(int status, const std::string& err_text) override {
    const int mine = status != 0 ? rank_ : size_;
    int first = size_;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (first == size_) return {0, ""};
    Agreement agreement{status, ""};
    MPI_Bcast(&agreement.status, 1, MPI_INT, first, MPI_COMM_WORLD);
    if (first != 0) {
      // The first failing rank's stderr goes to rank 0, which prints it once.
      constexpr int tag = 1;
      if (rank_ == first) {
        MPI_Send(err_text.data(), static_cast<int>(err_text.size()), MPI_CHAR, 0, tag,
                 MPI_COMM_WORLD);
      } else if (rank_ == 0) {
        MPI_Status probe;
        MPI_Probe(first, tag, MPI_COMM_WORLD, &probe);
        int length = 0;
        MPI_Get_count(&probe, MPI_CHAR, &length);
        agreement.message.resize(static_cast<std::size_t>(length));
        MPI_Recv(agreement.message.data(), length, MPI_CHAR, first, tag, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
      }
    }
    return agreement;
  }

  std::vector<std::vector<GridPoint>> gather(const std::vector<GridPoint>& mine) override {
    std::vector<double> sent;
    for (const GridPoint& point : mine)
      sent.insert(sent.end(), {point.C, point.gamma, point.score});
    const int count = static_cast<int>(sent.size());
    std::vector<int> counts(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
    MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(counts.size());
    int total = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      offsets[r] = total;
      total += counts[r];
    }
    std::vector<double> received(static_cast<std::size_t>(total));
    MPI_Gatherv(sent.data(), count, MPI_DOUBLE, received.data(), counts.data(), offsets.data(),
                MPI_DOUBLE, 0, MPI_COMM_WORLD);
    std::vector<std::vector<GridPoint>> by_rank(counts.size());
    for (std::size_t r = 0; r < counts.size(); ++r) {
      for (int k = offsets[r]; k < offsets[r] + counts[r]; k += doubles_per_point) {
        const double* p = received.data() + k;
        by_rank[r].push_back({p[0], p[1], p[2]});
      }
    }
    return by_rank;
  }

  GridPoint broadcast(const GridPoint& point) override {
    double values[doubles_per_point] = {point.C, point.gamma, point.score};
    MPI_Bcast(values, doubles_per_point, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    return {values[0], values[1], values[2]};
  }

 private:
  void abort_all(int status) override { MPI_Abort(MPI_COMM_WORLD, status); }

  int rank_ = 0, size_ = 1;
};

}  // namespace

std::unique_ptr<GridRanks> join_ranks(int& argc, char**& argv) {
  if (!launched_by_mpi()) return std::make_unique<OneProcess>();
  return std::make_unique<MpiRanks>(argc, argv);
}

}  // namespace rbfsvm::cli
