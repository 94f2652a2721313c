#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mw::test {

/// Runs a tool to completion (bounded: a minute); false with `error` set on
/// failure. `out` gets its standard output.
bool runTool(const QString &program, const QStringList &args, QString &error, QByteArray *out = nullptr);

/// Throwaway TLS material for tests, made with the openssl CLI (Debian package
/// openssl) in a directory: a CA (ca.pem, ca.key), a server certificate for
/// 127.0.0.1 (server.pem, server.key) and a client certificate (client.pem,
/// client.key), all EC P-256 and valid for two days.
class TestCertificates
{
public:
    /// The openssl executable, or empty when it is not installed (QSKIP then).
    static QString openssl();
    /// Makes the files in `dir`; false with `error` set when a step fails.
    static bool make(const QString &dir, QString &error);
};

} // namespace mw::test
