mw_qt_test(tst_cli_parse SOURCES tst_cli_parse.cpp LIBS ZLIB::ZLIB)
target_compile_definitions(tst_cli_parse PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
add_dependencies(tst_cli_parse modelwatch-cli)
