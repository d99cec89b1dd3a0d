# Decides RBFSVM_BUILD_MPI from RBFSVM_MPI (AUTO, ON, OFF): svm_grid shares its grid among the
# ranks of mpirun when MPI's C++ bindings are found (Open MPI from Debian: libopenmpi-dev and
# openmpi-bin, in scripts/install-deps). Only svm_grid's executable links MPI; the library and
# the other tools never do.
set(RBFSVM_BUILD_MPI OFF)
if(RBFSVM_MPI STREQUAL "OFF" OR NOT RBFSVM_BUILD_TOOLS)
  if(RBFSVM_MPI STREQUAL "ON")
    message(FATAL_ERROR "RBFSVM_MPI=ON needs RBFSVM_BUILD_TOOLS=ON (MPI is svm_grid's)")
  endif()
  return()
endif()

find_package(MPI COMPONENTS CXX)
# The tests launch the ranks with mpirun (MPIEXEC_EXECUTABLE), so a build with MPI needs it too.
if(NOT MPI_CXX_FOUND OR NOT MPIEXEC_EXECUTABLE)
  if(RBFSVM_MPI STREQUAL "ON")
    message(FATAL_ERROR "RBFSVM_MPI=ON but MPI (C++) with mpirun was not found "
                        "(scripts/install-deps installs libopenmpi-dev and openmpi-bin)")
  endif()
  message(STATUS "MPI: not found, svm_grid runs on one machine")
  return()
endif()
set(RBFSVM_BUILD_MPI ON)
message(STATUS "MPI: svm_grid shares its grid among mpirun's ranks (${MPIEXEC_EXECUTABLE})")
