#pragma once

// The "Panel" group of the editor: title, description, kind, unit and
// source in a form, and under the source what is wrong with it for the
// kind (setSourceProblem). Kinds have readable names (PanelKinds); a kind
// this editor does not know is kept and shown by its id. The unit row is
// shown only for kinds that format values in it (setUnitVisible); the
// source row only when there is a choice, or the panel's own source is
// not in the dashboard. Holds a copy of the panel whose general fields it
// writes as they change.

#include "dashboard/Document.h"

#include <QGroupBox>
#include <QStringList>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace mw::editor {

class PanelFieldsEditor : public QGroupBox
{
    Q_OBJECT
public:
    /// `sourceNames` are the document's; a panel with no source of its own
    /// reads `defaultSource`.
    PanelFieldsEditor(dashboard::Panel panel, const QStringList &sourceNames, const QString &defaultSource,
                      QWidget *parent = nullptr);

    /// The panel with the title, description, kind, unit and source as edited.
    const dashboard::Panel &panel() const { return m_panel; }
    /// The source the panel reads: its own, or the default.
    QString sourceName() const;
    void setUnitVisible(bool visible);
    /// Shown under the source, in the error colour; empty hides it.
    void setSourceProblem(const QString &text);
    QString sourceProblem() const { return m_problem; }

Q_SIGNALS:
    void titleChanged(const QString &title);
    void kindChanged(mw::dashboard::PanelKind kind);
    void unitChanged(mw::presets::Unit unit);
    void sourceChanged();

private:
    void fillKinds();
    void fillSources(const QStringList &sourceNames);

    dashboard::Panel m_panel;
    QString m_defaultSource;
    QString m_problem;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_unit = nullptr;
    QComboBox *m_source = nullptr;
    QLabel *m_sourceProblem = nullptr;
};

} // namespace mw::editor
