# Decides RBFSVM_BUILD_PYTHON from RBFSVM_PYTHON (AUTO, ON, OFF) and finds what the package needs:
# the interpreter with its headers, numpy (and, for the tests, scipy, scikit-learn and pytest),
# and pybind11, all from Debian packages (scripts/install-deps).
set(RBFSVM_BUILD_PYTHON OFF)
if(RBFSVM_PYTHON STREQUAL "OFF" OR NOT RBFSVM_WITH_GAUSSIAN)
  if(RBFSVM_PYTHON STREQUAL "ON")
    message(FATAL_ERROR "RBFSVM_PYTHON=ON needs RBFSVM_WITH_GAUSSIAN=ON (the kernel helpers)")
  endif()
  return()
endif()

# Debian's interpreter is where install-deps puts numpy, scipy and scikit-learn; prefer it to
# another python3 earlier on the PATH (pyenv, a virtual environment) unless one is named.
if(NOT Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module)
find_package(pybind11 2.6 CONFIG QUIET)

set(missing "")
if(NOT Python3_FOUND)
  list(APPEND missing "Python 3 with its headers (python3-dev)")
endif()
if(NOT pybind11_FOUND)
  list(APPEND missing "pybind11 (pybind11-dev)")
endif()
set(modules numpy)
if(RBFSVM_BUILD_TESTS)
  list(APPEND modules scipy sklearn pytest)
endif()
if(Python3_FOUND)
  foreach(module ${modules})
    execute_process(COMMAND ${Python3_EXECUTABLE} -c "import ${module}"
                    RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
    if(NOT status EQUAL 0)
      list(APPEND missing "the Python module ${module}")
    endif()
  endforeach()
endif()

if(missing)
  string(JOIN ", " missing_text ${missing})
  if(RBFSVM_PYTHON STREQUAL "ON")
    message(FATAL_ERROR "RBFSVM_PYTHON=ON but not found: ${missing_text} (scripts/install-deps "
                        "installs them)")
  endif()
  message(STATUS "Python package not built: not found: ${missing_text}")
  return()
endif()
set(RBFSVM_BUILD_PYTHON ON)
message(STATUS "Python package: built for ${Python3_EXECUTABLE} (${Python3_VERSION})")

# Where `cmake --install` puts the package, relative to the install prefix: the interpreter's
# site directory for local installs (Debian: /usr/local/lib/python3.11/dist-packages, so
# lib/python3.11/dist-packages), or that of its own prefix (a virtual environment).
if(NOT RBFSVM_PYTHON_INSTALL_DIR)
  execute_process(
    COMMAND ${Python3_EXECUTABLE} -c
            "import os, sys, sysconfig; site = sysconfig.get_path('purelib'); \
base = '/usr/local' if site.startswith('/usr/local/') else sys.prefix; \
print(os.path.relpath(site, base))"
    OUTPUT_VARIABLE RBFSVM_PYTHON_INSTALL_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
