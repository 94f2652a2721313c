mw_qt_test(tst_m4 SOURCES tst_m4.cpp)
