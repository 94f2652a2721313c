#pragma once

// Starting the in-process demo model server as the GUI tests use it: on
// 127.0.0.1, any free port, with the test's own options otherwise.
//
//     QString error;
//     m_demo = test::startDemoServer(&error, test::withLoad(50));
//     QVERIFY2(m_demo, qPrintable(error));

#include "demo/DemoServer.h"

#include <QString>

#include <memory>
#include <utility>

namespace mw::test {

/// The demo's default options with `rate` generated requests per second.
inline demo::DemoServer::Options withLoad(double rate)
{
    demo::DemoServer::Options options;
    options.rate = rate;
    return options;
}

/// A started demo server with `options` on any free port (their port is
/// ignored), or nullptr with `error` set when it cannot listen.
inline std::unique_ptr<demo::DemoServer> startDemoServer(QString *error, demo::DemoServer::Options options = {})
{
    options.port = 0;
    auto server = std::make_unique<demo::DemoServer>(std::move(options));
    if (!server->start(error))
        return nullptr;
    return server;
}

} // namespace mw::test
