"""The evidence and appeal pack for one complaint (issue 12): what the record shows about
the buyer (``facts``), whether the contact policy was kept (``review``), contacts per day
against the caps (``chart``), the checklist, case guidance and a draft statement (``draft``),
rendered as JSON, Markdown or one printable HTML file (``render``)."""
