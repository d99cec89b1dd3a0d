# Installs the build tree into a scratch prefix, then configures, builds and runs the consumer
# project against it, once per mode in MODES: "full" links rbfsvm::rbfsvm, "core" asks for
# COMPONENTS core and links rbfsvm::core only. Arguments: BUILD_DIR, SOURCE_DIR, WORK_DIR,
# GENERATOR, MODES, and the library's CXX_COMPILER, CXX_FLAGS and EXE_LINKER_FLAGS (a library
# built with clang and LLVM's OpenMP needs a consumer that links the same runtime; an
# ASan-instrumented one an ASan-linked consumer). With PYTHON (an interpreter) and PYTHON_DIR (the
# package's site directory under the prefix), the installed Python package is imported from the
# prefix and fits a model.
file(REMOVE_RECURSE "${WORK_DIR}")
function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${output}")
  endif()
  message(STATUS "${output}")
endfunction()
step(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
foreach(mode ${MODES})
  if(mode STREQUAL "core")
    set(core_only ON)
  else()
    set(core_only OFF)
  endif()
  step(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/build-${mode}" -G "${GENERATOR}"
       -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
       -DRBFSVM_CONSUMER_CORE_ONLY=${core_only} "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
       "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}")
  step(${CMAKE_COMMAND} --build "${WORK_DIR}/build-${mode}")
  step("${WORK_DIR}/build-${mode}/consumer")
endforeach()
if(PYTHON)
  set(site "${WORK_DIR}/prefix/${PYTHON_DIR}")
  step(${CMAKE_COMMAND} -E env "PYTHONPATH=${site}" ${PYTHON} -c
       "import rbfsvm, sys; from sklearn.datasets import load_iris; X, y = load_iris(return_X_y=True); \
assert rbfsvm.__file__.startswith(sys.argv[1]), rbfsvm.__file__; \
assert (rbfsvm.SVC().fit(X, y).predict(X) == y).mean() > 0.9; print('python package ok')" "${site}")
  list(APPEND MODES python)
endif()
# The test passes on this line only (each consumer exits 1 when its answers are wrong).
message(STATUS "every consumer ok: ${MODES}")
