#include "TestCertificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace mw::test {

namespace {

bool write(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

/// `command` split on spaces, "%1" standing for `dir`.
QStringList words(const char *command, const QString &dir)
{
    return QString::fromLatin1(command).arg(dir).split(u' ', Qt::SkipEmptyParts);
}

} // namespace

bool runTool(const QString &program, const QStringList &args, QString &error, QByteArray *out)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = program + u' ' + args.join(u' ') + u" failed: " + p.errorString() + u": "
            + QString::fromLocal8Bit(p.readAllStandardError());
        p.kill();
        p.waitForFinished(5'000);
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

QString TestCertificates::openssl()
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}

bool TestCertificates::make(const QString &dir, QString &error)
{
    const QString tool = openssl();
    if (tool.isEmpty()) {
        error = QStringLiteral("openssl is not installed (Debian package openssl)");
        return false;
    }
    const QDir d(dir);
    return runTool(tool,
                   words("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
                         " -keyout %1/ca.key -out %1/ca.pem -subj /CN=ModelWatch-throwaway-test-CA"
                         " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
                         dir),
                   error)
        && write(d.filePath(QStringLiteral("server.ext")), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        && write(d.filePath(QStringLiteral("client.ext")), "extendedKeyUsage=clientAuth\n")
        && runTool(tool,
                   words("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
                         " -keyout %1/server.key -out %1/server.csr -subj /CN=modelwatch-server",
                         dir),
                   error)
        && runTool(tool,
                   words("x509 -req -in %1/server.csr -CA %1/ca.pem -CAkey %1/ca.key -CAcreateserial -days 2"
                         " -out %1/server.pem -extfile %1/server.ext",
                         dir),
                   error)
        && runTool(tool,
                   words("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
                         " -keyout %1/client.key -out %1/client.csr -subj /CN=modelwatch-client",
                         dir),
                   error)
        && runTool(tool,
                   words("x509 -req -in %1/client.csr -CA %1/ca.pem -CAkey %1/ca.key -CAcreateserial -days 2"
                         " -out %1/client.pem -extfile %1/client.ext",
                         dir),
                   error);
}

} // namespace mw::test
