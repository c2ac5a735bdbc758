"""What the complaint code reads from ``rules/`` besides the platforms, loaded once."""

from __future__ import annotations

from dataclasses import dataclass

from helper.complaints.vocabulary import Vocabulary, load_vocabulary
from helper.services import Services
from helper.workdays import WorkdayCalendar, load_calendar


@dataclass(frozen=True)
class ComplaintRules:
    calendar: WorkdayCalendar
    vocabulary: Vocabulary


def complaint_rules(svc: Services) -> ComplaintRules:
    """The rules for this process (loaded on first use; RuleFileError names a bad file)."""
    if svc.complaint_rules is None:
        dirs = svc.settings.rules_dirs
        svc.complaint_rules = ComplaintRules(load_calendar(dirs), load_vocabulary(dirs))
    return svc.complaint_rules
