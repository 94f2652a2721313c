#include "SourceBackend.h"

namespace mw::view {

SourceBackend::SourceBackend(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{
    // Once per process; thread-safe (a function-local static).
    static const bool registered = [] {
        qRegisterMetaType<mw::view::RangeAnswer>("mw::view::RangeAnswer");
        qRegisterMetaType<mw::view::NamesAnswer>("mw::view::NamesAnswer");
        return true;
    }();
    Q_UNUSED(registered);
}

} // namespace mw::view
