#pragma once

// A NotificationSink that keeps what it was asked to show: stands in for the
// tray (ui/) and for "no notification server" in the platform tests.

#include "platform/NotificationSink.h"

#include <QStringList>

#include <vector>

namespace mw::platform::test {

class RecordingSink final : public NotificationSink
{
public:
    bool available = true;
    bool actions = false;
    std::vector<NotificationRequest> shown;
    QStringList withdrawn;

    bool isAvailable() const override { return available; }
    bool supportsActions() const override { return actions; }
    void withdraw(const QString &key) override { withdrawn << key; }
    /// What a click on a button would do.
    void click(const QString &key, Action action) { Q_EMIT actionInvoked(key, action); }

    int shownFor(const QString &key) const
    {
        int n = 0;
        for (const NotificationRequest &r : shown)
            n += r.key == key ? 1 : 0;
        return n;
    }

protected:
    void doShow(const NotificationRequest &request) override { shown.push_back(request); }
};

} // namespace mw::platform::test
