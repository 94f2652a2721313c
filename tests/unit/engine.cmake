mw_qt_test(tst_engine SOURCES tst_engine.cpp)
