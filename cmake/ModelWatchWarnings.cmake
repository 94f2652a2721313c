# Strict warnings for every ModelWatch target, and the Qt defines that keep
# string handling explicit (as hotspot and GammaRay do).
function(modelwatch_strict target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(MODELWATCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY)
endfunction()
