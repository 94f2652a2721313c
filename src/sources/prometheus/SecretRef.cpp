#include "SecretRef.h"

#include <QRegularExpression>

namespace mw {

QString SecretRef::toString() const
{
    switch (kind) {
    case Kind::None: return {};
    case Kind::Env: return u"env:" + name;
    case Kind::Keyring: return u"keyring:" + service + u'/' + name;
    }
    return {};
}

std::optional<SecretRef> SecretRef::parse(const QString &text, QString *error)
{
    auto refuse = [&](const QString &why) -> std::optional<SecretRef> {
        if (error)
            *error = u"invalid secret reference \"" + text + u"\": " + why
                + u" (use env:VARNAME or keyring:<service>/<key>)";
        return std::nullopt;
    };
    if (text.isEmpty())
        return SecretRef{};
    if (text.startsWith(u"env:")) {
        static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        const QString name = text.mid(4);
        if (!variable.match(name).hasMatch())
            return refuse(QStringLiteral("not an environment variable name"));
        return env(name);
    }
    if (text.startsWith(u"keyring:")) {
        const QString rest = text.mid(8);
        const qsizetype slash = rest.indexOf(u'/');
        if (slash <= 0 || slash == rest.size() - 1)
            return refuse(QStringLiteral("a keyring reference needs a service and a key"));
        return keyring(rest.left(slash), rest.mid(slash + 1));
    }
    return refuse(QStringLiteral("unknown kind"));
}

} // namespace mw
