#pragma once

#include <QString>

#include <optional>

namespace mw {

/// Where a secret lives. Dashboards store only this reference, never the secret:
/// `env:VARNAME` (an environment variable) or `keyring:<service>/<key>` (the
/// desktop keyring through QtKeychain). Resolved at connect time by SecretResolver.
struct SecretRef
{
    enum class Kind : uint8_t { None, Env, Keyring };
    Kind kind = Kind::None;
    QString name;    ///< Env: the variable; Keyring: the key
    QString service; ///< Keyring only

    bool isSet() const { return kind != Kind::None; }
    /// "env:NAME", "keyring:service/key", or "" for None.
    QString toString() const;

    /// Parses the text form. Empty text is None. On failure returns nullopt
    /// and sets `error` to a sentence saying what is accepted.
    static std::optional<SecretRef> parse(const QString &text, QString *error = nullptr);
    static SecretRef env(const QString &variable) { return {Kind::Env, variable, {}}; }
    static SecretRef keyring(const QString &service, const QString &key) { return {Kind::Keyring, key, service}; }

    friend bool operator==(const SecretRef &, const SecretRef &) = default;
};

} // namespace mw
