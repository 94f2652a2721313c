mw_qt_test(tst_cli_parse SOURCES tst_cli_parse.cpp LIBS ZLIB::ZLIB)
target_compile_definitions(tst_cli_parse PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
add_dependencies(tst_cli_parse modelwatch-cli)

# modelwatch-cli render: dashboards drawn into PNGs, scraping a DemoServer run in the test.
if(TARGET modelwatch-cli AND TARGET modelwatch_demo)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Gui) # QImage, to look at the PNG
  mw_qt_test(tst_cli_render SOURCES tst_cli_render.cpp
             LIBS modelwatch_demo Qt6::Gui Qt6::Network nlohmann_json::nlohmann_json LABELS integration)
  target_compile_definitions(tst_cli_render PRIVATE
    MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>" MW_RESOURCES_DIR="${PROJECT_SOURCE_DIR}/resources")
  add_dependencies(tst_cli_render modelwatch-cli)
  set_tests_properties(tst_cli_render PROPERTIES TIMEOUT 180)
endif()
