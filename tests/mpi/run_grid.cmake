# Runs svm_grid under mpirun (cmake -P, from tests/mpi/CMakeLists.txt).
#   MODE=compare: `mpirun -np NP svm_grid DATA ARGS --csv ...` against one process with the same
#     arguments: stdout and the CSV (and the PNG with PNG=1) byte for byte, both exit 0.
#   MODE=fail: runs `mpirun LAUNCH` (an MPMD command line: `-np 1 svm_grid a : -np 1 svm_grid b`
#     gives each rank its own arguments; @SVM_GRID@ stands for the program), which must exit
#     non-zero with MESSAGE on stderr exactly once.
# MPIEXEC, SVM_GRID, WORK_DIR; the CTest TIMEOUT catches a hang.
cmake_minimum_required(VERSION 3.25)

# Open MPI refuses root unless told (containers and CI run as root); several ranks on two cores
# need --oversubscribe; --bind-to none lets every rank see every core, as one process does.
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
set(mpirun ${MPIEXEC} --oversubscribe --bind-to none)
if(uid STREQUAL "0")
  list(APPEND mpirun --allow-run-as-root)
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
separate_arguments(args UNIX_COMMAND "${ARGS}")

function(expect_success label status err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${label} exited with ${status}:\n${err}")
  endif()
endfunction()

function(expect_same what a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    file(READ ${a} a_text)
    file(READ ${b} b_text)
    message(FATAL_ERROR "${what} differ:\n--- one process\n${a_text}\n--- ${NP} ranks\n${b_text}")
  endif()
endfunction()

if(MODE STREQUAL "compare")
  foreach(run one ranks)
    set(outputs --csv ${WORK_DIR}/${run}.csv)
    if(PNG)
      list(APPEND outputs --png ${WORK_DIR}/${run}.png)
    endif()
    set(command ${SVM_GRID} ${DATA} ${args} ${outputs})
    if(run STREQUAL "ranks")
      set(command ${mpirun} -np ${NP} ${command})
    endif()
    execute_process(COMMAND ${command} RESULT_VARIABLE status
                    OUTPUT_FILE ${WORK_DIR}/${run}.out ERROR_VARIABLE err)
    expect_success("${run}: ${command}" "${status}" "${err}")
  endforeach()
  expect_same("stdout" ${WORK_DIR}/one.out ${WORK_DIR}/ranks.out)
  expect_same("the CSV tables" ${WORK_DIR}/one.csv ${WORK_DIR}/ranks.csv)
  if(PNG)
    expect_same("the PNG heatmaps" ${WORK_DIR}/one.png ${WORK_DIR}/ranks.png)
  endif()
  file(READ ${WORK_DIR}/ranks.out best)
  message(STATUS "${NP} ranks as one process: ${best}")
elseif(MODE STREQUAL "fail")
  file(WRITE ${WORK_DIR}/bad.txt "1 1:0.5\n-1 1:x\n")
  string(REPLACE "@SVM_GRID@" "${SVM_GRID}" launch "${LAUNCH}")
  string(REPLACE "@BAD@" "${WORK_DIR}/bad.txt" launch "${launch}")
  separate_arguments(launch UNIX_COMMAND "${launch}")
  execute_process(COMMAND ${mpirun} ${launch} RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(status EQUAL 0)
    message(FATAL_ERROR "mpirun ${launch} exited with 0; expected a failure:\n${out}${err}")
  endif()
  string(REGEX MATCHALL "svm_grid: error: [^\n]*" errors "${err}")
  list(LENGTH errors count)
  if(NOT count EQUAL 1 OR NOT errors MATCHES "${MESSAGE}")
    message(FATAL_ERROR "expected one 'svm_grid: error:' line matching '${MESSAGE}', got:\n${err}")
  endif()
  message(STATUS "every rank stopped (mpirun exit ${status}): ${errors}")
else()
  message(FATAL_ERROR "MODE must be compare or fail")
endif()
